export const SITE_NAME = "CTS · SIAO 95";

/** What the browser tab and the history show for a page. */
export function pageTitle(title: string): string {
  return title === SITE_NAME ? SITE_NAME : `${title} · ${SITE_NAME}`;
}

/** Title and description tags of a page, in the shape React Router's `meta` export returns. */
export function pageMeta(title: string, description: string) {
  return [
    { title: pageTitle(title) },
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

/**
 * The tags of a page whose form says in its title that it came back with errors (see
 * `FormPageTitle`): the route's `meta` never sees the action's answer, so the page renders its
 * own `<title>` and the tags here leave it out, or the document would have two.
 */
export function formPageMeta(title: string, description: string) {
  return pageMeta(title, description).filter((tag) => !("title" in tag));
}
