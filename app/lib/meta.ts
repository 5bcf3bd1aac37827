export const SITE_NAME = "CTS · SIAO 95";

/** Title and description tags of a page, in the shape React Router's `meta` export returns. */
export function pageMeta(title: string, description: string) {
  return [
    { title: title === SITE_NAME ? SITE_NAME : `${title} · ${SITE_NAME}` },
    { name: "description", content: description },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:locale", content: "fr_FR" },
  ];
}

/**
 * A page that search engines must neither list nor follow from: a private link's page carries a
 * secret, a verification result says nothing worth indexing. `robots` may relax the second half.
 */
export function privatePageMeta(title: string, description: string, robots = "noindex, nofollow") {
  return [...pageMeta(title, description), { name: "robots", content: robots }];
}
