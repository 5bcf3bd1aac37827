const SITE = "CTS · SIAO 95";

/** Title and description tags of a page, in the shape React Router's `meta` export returns. */
export function pageMeta(title: string, description: string) {
  return [
    { title: title === SITE ? SITE : `${title} · ${SITE}` },
    { name: "description", content: description },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:site_name", content: SITE },
    { property: "og:locale", content: "fr_FR" },
  ];
}
