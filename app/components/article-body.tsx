/** The body of a synthesis as the public page shows it; the back-office preview uses the same. */
export function ArticleBody({ html, furtherReading }: { html: string; furtherReading: string | null }) {
  return (
    <>
      <div className="article__body" dangerouslySetInnerHTML={{ __html: html }} />
      {furtherReading ? (
        <aside className="further" aria-labelledby="plus-loin">
          <h2 id="plus-loin">Pour aller plus loin</h2>
          <div dangerouslySetInnerHTML={{ __html: furtherReading }} />
        </aside>
      ) : null}
    </>
  );
}
