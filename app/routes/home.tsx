import type { Route } from "./+types/home";
import { EditionCards } from "#app/components/edition-card.tsx";
import { RegisterButton, seatsLabel } from "#app/components/seats.tsx";
import { latestArticles } from "#app/domain/articles/articles.server.ts";
import { listPublicEditions, nextEdition } from "#app/domain/editions/editions.server.ts";
import { seatsAtAGlance } from "#app/domain/registrations/seats.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatRange } from "#app/lib/time.ts";
import { seatCountHeaders } from "#app/server/page-lifetime.ts";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = () =>
  pageMeta(
    "Coordinations territoriales semestrielles",
    "Les journées du SIAO 95 qui réunissent deux fois par an les acteurs de l’accueil, de l’hébergement et de l’insertion du Val-d’Oise autour d’un thème.",
  );

/** The next edition's seat count is read when the page is rendered: the cache keeps it a few seconds only. */
export const headers: Route.HeadersFunction = () => seatCountHeaders();

export function loader() {
  const now = new Date();
  const { past } = listPublicEditions(db(), now);
  const next = nextEdition(db(), now);
  return {
    next,
    seats: next ? seatsAtAGlance(db(), next.id, now) : null,
    past: past.slice(0, 4),
    articles: latestArticles(db(), 3, now),
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { next, seats, past, articles } = loaderData;
  return (
    <div className="page">
      <h1>Coordinations territoriales semestrielles</h1>
      <p className="lead">
        Deux fois par an, le SIAO&nbsp;95 réunit les professionnels de l’accueil, de l’hébergement et de l’insertion du
        Val-d’Oise pour une journée consacrée à un thème&nbsp;: mieux se connaître, confronter les pratiques, coordonner
        les réponses.
      </p>

      <section className="hero" aria-labelledby="prochaine-edition">
        <p className="eyebrow">Prochaine édition</p>
        {next ? (
          <>
            <h2 id="prochaine-edition">
              <a href={`/editions/${next.slug}`}>{next.title}</a>
            </h2>
            {next.subtitle ? <p>{next.subtitle}</p> : null}
            <p>
              <strong>{formatRange(next.startsAt, next.endsAt)}</strong>
              {next.venueName ? ` — ${next.venueName}, ${next.venueCity}` : ""}
            </p>
            {seats ? (
              <p>
                <strong>{seatsLabel(seats)}</strong>
              </p>
            ) : null}
            <p className="button-row">
              {seats ? <RegisterButton slug={next.slug} seats={seats} /> : null}
              <a
                className={seats?.open && seats.kind !== "full" ? "button button--secondary" : "button"}
                href={`/editions/${next.slug}`}
              >
                Voir le programme
              </a>
            </p>
          </>
        ) : (
          <>
            <h2 id="prochaine-edition">Aucune édition programmée pour le moment</h2>
            <p>La prochaine coordination sera annoncée ici dès que sa date sera fixée.</p>
          </>
        )}
      </section>

      {articles.length > 0 ? (
        <section aria-labelledby="dernieres-syntheses">
          <h2 id="dernieres-syntheses">Dernières synthèses</h2>
          <ul className="cards">
            {articles.map((article) => (
              <li key={article.id}>
                <article className="card">
                  <h3>
                    <a href={`/syntheses/${article.slug}`}>{article.title}</a>
                  </h3>
                  {article.standfirst ? <p>{article.standfirst}</p> : null}
                </article>
              </li>
            ))}
          </ul>
          <p>
            <a href="/syntheses">Toutes les synthèses</a>
          </p>
        </section>
      ) : null}

      {past.length > 0 ? (
        <section aria-labelledby="editions-passees">
          <h2 id="editions-passees">Éditions passées</h2>
          <EditionCards editions={past} />
          <p>
            <a href="/editions">Toutes les éditions</a>
          </p>
        </section>
      ) : null}
    </div>
  );
}
