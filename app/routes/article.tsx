import { data, Link } from "react-router";
import type { Route } from "./+types/article";
import { ArticleBody } from "#app/components/article-body.tsx";
import { DirectoryLinkBlock } from "#app/components/directory.tsx";
import { DocumentsSection } from "#app/components/document-list.tsx";
import { ShareLinks } from "#app/components/share-links.tsx";
import { getPublishedArticle } from "#app/domain/articles/articles.server.ts";
import { directoryLink } from "#app/domain/directory/dispositifs.server.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { renderArticle, renderMarkdown } from "#app/lib/markdown.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatDate } from "#app/lib/time.ts";
import { ThemeTags } from "#app/components/theme-tags.tsx";

/**
 * Reading a synthesis needs no script: the page is sent as HTML and CSS only (no hydration),
 * which is what most of its readers, arriving from a link, get fastest. See docs/decisions/010.
 */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData) return pageMeta("Synthèse introuvable", "Cette synthèse n’existe pas ou n’est pas publiée.");
  const { article, url } = loaderData;
  return [
    ...pageMeta(article.title, article.standfirst ?? `Synthèse de la coordination territoriale : ${article.title}`),
    { property: "og:type", content: "article" },
    { property: "og:url", content: url },
    { tagName: "link", rel: "canonical", href: url },
    ...(article.publishedAt
      ? [{ property: "article:published_time", content: article.publishedAt.toISOString() }]
      : []),
  ];
};

/** A table of contents is worth it from this many sections on. */
const TOC_FROM = 4;

export function loader({ params }: Route.LoaderArgs) {
  const found = getPublishedArticle(db(), params.slug);
  if (!found)
    throw data(
      { title: "Synthèse introuvable", message: "Cette synthèse n’existe pas ou n’est pas encore publiée." },
      { status: 404 },
    );
  const { html, toc } = renderArticle(found.article.bodyMarkdown);
  return {
    article: {
      title: found.article.title,
      standfirst: found.article.standfirst,
      publishedAt: found.article.publishedAt,
    },
    html,
    toc: toc.filter((entry) => entry.level === 2).length >= TOC_FROM ? toc : [],
    furtherReading: found.article.furtherReadingMarkdown ? renderMarkdown(found.article.furtherReadingMarkdown) : null,
    themes: found.themes,
    edition: found.edition,
    documents: found.attachments,
    directory: directoryLink(db(), { articleId: found.article.id }),
    url: `${env().appUrl}/syntheses/${params.slug}`,
  };
}

export default function ArticlePage({ loaderData }: Route.ComponentProps) {
  const { article, html, toc, furtherReading, themes, edition, documents, directory, url } = loaderData;
  return (
    <div className="page">
      <article className="article">
        <header id="haut">
          <p className="eyebrow">Synthèse</p>
          <h1>{article.title}</h1>
          {article.standfirst ? <p className="lead chapo">{article.standfirst}</p> : null}
          <p className="article__meta">
            {article.publishedAt ? (
              <>
                Publiée le <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
              </>
            ) : null}
            {edition ? (
              <>
                {" "}
                · Édition&nbsp;: <Link to={`/editions/${edition.slug}`}>{edition.title}</Link> (
                {formatDate(edition.startsAt)})
              </>
            ) : null}
          </p>
          <ThemeTags themes={themes} />
        </header>

        {toc.length > 0 ? (
          <nav className="toc no-print" aria-labelledby="sommaire">
            <h2 id="sommaire">Sommaire</h2>
            <TocList entries={toc.filter((entry) => entry.level === 2)} />
          </nav>
        ) : null}

        <ArticleBody html={html} furtherReading={furtherReading} />

        <DocumentsSection documents={documents} />

        <DirectoryLinkBlock directory={directory} />

        <ShareLinks url={url} title={article.title} />
        <p className="no-print">
          <a href="#haut">Retour en haut</a>
        </p>
      </article>
    </div>
  );
}

/**
 * Authors often number their own headings (« 1. Une journée… »): a numbered list would then read
 * « 1. 1. Une journée… », so the list only numbers headings that do not number themselves.
 */
function TocList({ entries }: { entries: ReadonlyArray<{ id: string; text: string }> }) {
  const selfNumbered = entries.some((entry) => /^\s*\d+\s*[.)]/.test(entry.text));
  const items = entries.map((entry) => (
    <li key={entry.id}>
      <a href={`#${entry.id}`}>{entry.text}</a>
    </li>
  ));
  return selfNumbered ? <ul className="toc__plain">{items}</ul> : <ol>{items}</ol>;
}
