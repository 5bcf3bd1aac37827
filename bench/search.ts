import path from "node:path";
import { saveArticle } from "#app/domain/articles/articles.server.ts";
import { search } from "#app/domain/site/search.server.ts";
import { openDatabase } from "#app/lib/db.server.ts";

const ARTICLES = 2000;
const WORDS = (
  "aller-vers maraude équipe mobile hébergement insertion logement santé précarité accompagnement veille sociale " +
  "urgence coordination partenariat territoire Val-d’Oise accueil orientation dispositif psychiatrie addiction " +
  "réduction risques jeunes familles femmes violences migrants droits accès soins emploi formation bénévoles " +
  "travailleurs sociaux infirmiers médecins associations collectivités État département commune nuit hiver " +
  "rue campement squat bidonville hôtel pension maison relais résidence sociale CHRS CHU 115 SIAO"
).split(" ");
const QUERIES = [
  "maraude",
  "equipes mobiles",
  "hebergement urgence",
  "psychiatrie precarite",
  "acces droits",
  "logem",
  "vio",
  "coordination territoire",
  "sante",
  "jeunes familles",
];

/** A reproducible pseudo-random generator, so every run indexes the same archive. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function searchBench(workDir: string) {
  const db = openDatabase(path.join(workDir, "search.db"));
  const rand = random(95);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(" ");
  const started = performance.now();
  db.$client.transaction(() => {
    for (let i = 0; i < ARTICLES; i++) {
      saveArticle({ db, actor: { userId: null }, now: new Date() }, null, {
        title: `Synthèse ${i} : ${words(5)}`,
        slug: null,
        standfirst: words(25),
        bodyMarkdown: Array.from({ length: 8 }, () => words(60)).join("\n\n"),
        furtherReadingMarkdown: null,
        editionId: null,
        themeIds: [],
        status: "published",
        publishedAt: new Date("2025-01-01T10:00:00Z"),
      });
    }
  })();
  const indexMs = performance.now() - started;

  const like = db.$client.prepare(
    "select id, title from articles where status = 'published' and (title like @q or body_text like @q) order by published_at desc limit 10",
  );
  const fts: number[] = [];
  const scans: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const q of QUERIES) {
      let t0 = performance.now();
      search(db, q, { perKind: 10 });
      fts.push(performance.now() - t0);
      t0 = performance.now();
      like.all({ q: `%${q}%` });
      scans.push(performance.now() - t0);
    }
  }
  db.$client.close();
  return {
    articles: ARTICLES,
    indexMs,
    fts: { p50: percentile(fts, 0.5), p99: percentile(fts, 0.99) },
    like: { p50: percentile(scans, 0.5), p99: percentile(scans, 0.99) },
  };
}
