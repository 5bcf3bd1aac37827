import type { PDFDocument, PDFFont, PDFPage, RGB } from "pdf-lib";
import type { Db } from "#app/lib/db.server.ts";
import { loadPdfLib, rgbColour, wrapText } from "#app/lib/pdf.server.ts";
import { formatDate, formatTime } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { directoryBooklet, type DirectoryEntry } from "#app/domain/directory/dispositifs.server.ts";
import { bookletTitle, countsSentence } from "#app/domain/directory/values.ts";
import { loadEdition, programmeOf } from "#app/domain/editions/editions.server.ts";
import { toWinAnsi } from "#app/domain/registrations/exports.server.ts";
import { SESSION_KIND_LABELS } from "#app/domain/shared/vocabulary.ts";

// Documents the platform prints from its own data, to attach like any upload: the directory as a
// booklet (the référentiel the CTS hands out) and a slide deck presenting an edition's day.
// Standard fonts, as for badges and certificates: no font file to ship, so every text goes
// through `toWinAnsi`.

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
/** 16:9, the shape of a projected slide. */
const SLIDE = { width: 960, height: 540 };
const INK = rgbColour(0.1, 0.12, 0.14);
const BLUE = rgbColour(0.11, 0.31, 0.54);
const GREY = rgbColour(0.35, 0.38, 0.42);
const RULE = rgbColour(0.8, 0.82, 0.85);
const NBSP = "\u00a0";
/** Space after a list item, as a share of its type size. */
const LIST_GAP = 0.5;

type Fonts = { regular: PDFFont; bold: PDFFont; italic: PDFFont };
type Style = { font: keyof Fonts; size: number; color?: RGB; leading?: number };

async function newDocument(title: string, now: Date): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const { PDFDocument, StandardFonts } = await loadPdfLib();
  const doc = await PDFDocument.create();
  doc.setTitle(toWinAnsi(title));
  doc.setLanguage("fr-FR");
  doc.setAuthor("SIAO 95");
  doc.setCreator("CTS · SIAO 95");
  doc.setProducer("CTS · SIAO 95");
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
  };
  return { doc, fonts };
}

/** Wrapped text written down a column of one page; `y` is the top of the next line. */
class Column {
  constructor(
    readonly page: PDFPage,
    readonly fonts: Fonts,
    readonly x: number,
    readonly width: number,
    public y: number,
  ) {}

  /** Lines of a text at a style; a line break of the text starts a new line. */
  lines(text: string, style: Style, indent = 0): string[] {
    return text.split("\n").flatMap((part) =>
      // An empty line of the text stays an empty line: it separates paragraphs.
      part.trim()
        ? wrapText(this.fonts[style.font], toWinAnsi(frenchTypography(part)), style.size, this.width - indent)
        : [""],
    );
  }

  height(text: string, style: Style, indent = 0): number {
    return this.lines(text, style, indent).length * lineHeight(style);
  }

  write(text: string, style: Style, indent = 0): void {
    for (const line of this.lines(text, style, indent)) this.line(line, style, indent);
  }

  /** A list item: the mark in the margin, the text wrapped beside it. */
  bullet(text: string, style: Style): void {
    const indent = style.size * 1.1;
    const baseline = this.y - style.size;
    this.page.drawText("•", { x: this.x, y: baseline, size: style.size, font: this.fonts.regular, color: BLUE });
    this.write(text, style, indent);
  }

  space(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.page.drawLine({
      start: { x: this.x, y: this.y },
      end: { x: this.x + this.width, y: this.y },
      thickness: 0.6,
      color: RULE,
    });
  }

  private line(text: string, style: Style, indent: number): void {
    this.page.drawText(text, {
      x: this.x + indent,
      y: this.y - style.size,
      size: style.size,
      font: this.fonts[style.font],
      color: style.color ?? INK,
    });
    this.y -= lineHeight(style);
  }
}

const lineHeight = (style: Style) => style.size * (style.leading ?? 1.3);

function pageNumbers(doc: PDFDocument, fonts: Fonts, label: string, margin: number): void {
  const pages = doc.getPages();
  const text = toWinAnsi(label);
  pages.forEach((page, index) => {
    const size = page.getWidth() > page.getHeight() ? 12 : 8;
    const y = margin / 2;
    const number = `${index + 1}${NBSP}/${NBSP}${pages.length}`;
    page.drawText(wrapText(fonts.regular, text, size, page.getWidth() * 0.7)[0] ?? "", {
      x: margin,
      y,
      size,
      font: fonts.regular,
      color: GREY,
    });
    page.drawText(number, {
      x: page.getWidth() - margin - fonts.regular.widthOfTextAtSize(number, size),
      y,
      size,
      font: fonts.regular,
      color: GREY,
    });
  });
}

// ---------------------------------------------------------------- the directory's booklet

export type BookletOptions = {
  /** The site's public address, printed in full: a relative link means nothing on paper. */
  siteUrl: string;
  /** A paragraph for the cover (where the entries come from, what is an example). */
  note?: string;
  now: Date;
};

const BOOKLET_MARGIN = 20 * MM;
const ENTRY = {
  name: { font: "bold", size: 12.5 } as Style,
  example: { font: "italic", size: 9.5, color: GREY } as Style,
  detail: { font: "regular", size: 10 } as Style,
  description: { font: "regular", size: 10, leading: 1.35 } as Style,
};

function entryLines(entry: DirectoryEntry): Array<[string, Style]> {
  const contact = [entry.phone, entry.email, entry.website].filter(Boolean).join(" · ");
  return [
    [entry.name, ENTRY.name],
    ...(entry.isExample
      ? [[`Fiche d’exemple${NBSP}: ce dispositif n’existe pas.`, ENTRY.example] as [string, Style]]
      : []),
    [`${entry.subCategory ? `${entry.subCategory} · ` : ""}Opérateur${NBSP}: ${entry.operator}`, ENTRY.detail],
    [`Publics${NBSP}: ${entry.publics.length ? entry.publics.join(", ") : "non précisés"}`, ENTRY.detail],
    [`Territoire${NBSP}: ${entry.territory}`, ENTRY.detail],
    [`Contact${NBSP}: ${contact || "non renseigné"}`, ENTRY.detail],
    ...(entry.description ? [[entry.description, ENTRY.description] as [string, Style]] : []),
  ];
}

/**
 * The whole directory as an A4 booklet, as `/dispositifs/livret` prints it: a cover with the
 * counts and the contents, then each category from a new page, no entry cut across two pages.
 */
export async function directoryBookletPdf(db: Db, options: BookletOptions): Promise<Uint8Array> {
  const { counts, groups, year } = directoryBooklet(db);
  const title = bookletTitle(year);
  const { doc, fonts } = await newDocument(title, options.now);
  const width = A4.width - 2 * BOOKLET_MARGIN;
  const bottom = BOOKLET_MARGIN + 12;
  const column = (page: PDFPage) => new Column(page, fonts, BOOKLET_MARGIN, width, A4.height - BOOKLET_MARGIN);

  const cover = column(doc.addPage([A4.width, A4.height]));
  cover.write("SIAO 95 · Coordination territoriale semestrielle", { font: "bold", size: 11, color: BLUE });
  cover.space(20);
  cover.write(title, { font: "bold", size: 26, leading: 1.2 });
  cover.space(14);
  cover.write(countsSentence(counts, "dans cette version"), { font: "regular", size: 13 });
  cover.space(10);
  cover.write(
    `Version du ${formatDate(options.now)}, tirée du répertoire en ligne, tenu à jour à l’adresse ${options.siteUrl}/dispositifs.`,
    { font: "regular", size: 11, color: GREY },
  );
  if (options.note) {
    cover.space(10);
    cover.write(options.note, { font: "italic", size: 11, color: GREY, leading: 1.4 });
  }
  cover.space(26);
  if (groups.length === 0) cover.write("Le répertoire est vide pour le moment.", { font: "regular", size: 12 });

  const contents: Array<{ label: string; page: number }> = [];
  for (const group of groups) {
    const heading = (col: Column, label: string) => {
      col.write(label, { font: "bold", size: 20, color: BLUE });
      col.space(6);
      col.rule();
      col.space(14);
    };
    let col = column(doc.addPage([A4.width, A4.height]));
    const label = `${group.label} (${group.entries.length})`;
    contents.push({ label, page: doc.getPageCount() });
    heading(col, label);
    for (const entry of group.entries) {
      const lines = entryLines(entry);
      const height = lines.reduce((sum, [text, style]) => sum + col.height(text, style) + 3, 0);
      if (col.y - height < bottom) {
        col = column(doc.addPage([A4.width, A4.height]));
        heading(col, `${group.label} (suite)`);
      }
      for (const [text, style] of lines) {
        col.write(text, style);
        col.space(3);
      }
      col.space(8);
      col.rule();
      col.space(12);
    }
  }

  if (contents.length) {
    cover.write("Sommaire", { font: "bold", size: 15, color: BLUE });
    cover.space(6);
    for (const { label, page } of contents) cover.bullet(`${label}, page ${page}`, { font: "regular", size: 12 });
  }
  pageNumbers(doc, fonts, title, BOOKLET_MARGIN);
  return doc.save();
}

// ---------------------------------------------------------------- an edition's slides

export type SlidesOptions = {
  /** The site's public address, for the last slide. */
  siteUrl: string;
  /** A line for the title slide (what this deck is, or is not). */
  note?: string;
  now: Date;
};

const SLIDE_MARGIN = 56;
const SLIDE_TITLE: Style = { font: "bold", size: 34, color: BLUE, leading: 1.15 };
const PROGRAMME_ROW: Style = { font: "regular", size: 22 };
/** The time column of the programme, wide enough for « 13 h 45 – 15 h 45 » at its size. */
const TIME_COLUMN = 210;
/** Programme items whose people the deck introduces, one slide each. */
const PRESENTED_KINDS = new Set(["ouverture", "conference", "table_ronde", "atelier", "cloture"]);
const PEOPLE_PER_SLIDE = 5;
const SLIDE_PERSON: Style = { font: "regular", size: 24 };
const SLIDE_DESCRIPTION: Style = { font: "regular", size: 20, color: GREY, leading: 1.3 };

/**
 * A short deck presenting an edition's day, in large type for a projector: the title, the
 * objectives, the programme, one slide per item with its speakers, and where to find the rest.
 */
export async function editionSlidesPdf(db: Db, editionId: number, options: SlidesOptions): Promise<Uint8Array> {
  const { edition, venue } = loadEdition(db, editionId);
  const programme = programmeOf(db, editionId);
  const day = formatDate(edition.startsAt);
  const { doc, fonts } = await newDocument(`${edition.title} — présentation de la journée`, options.now);
  const width = SLIDE.width - 2 * SLIDE_MARGIN;
  const bottom = SLIDE_MARGIN + 20;
  const slide = (title: string | null) => {
    const page = doc.addPage([SLIDE.width, SLIDE.height]);
    page.drawRectangle({ x: 0, y: SLIDE.height - 10, width: SLIDE.width, height: 10, color: BLUE });
    const col = new Column(page, fonts, SLIDE_MARGIN, width, SLIDE.height - SLIDE_MARGIN);
    if (title) {
      col.write(title, SLIDE_TITLE);
      col.space(22);
    }
    return col;
  };

  const cover = slide(null);
  cover.space(40);
  cover.write("SIAO 95 · Coordination Territoriale Semestrielle", { font: "bold", size: 20, color: BLUE });
  cover.space(16);
  cover.write(edition.title, { font: "bold", size: 56, leading: 1.1 });
  if (edition.subtitle) {
    cover.space(8);
    cover.write(edition.subtitle, { font: "regular", size: 26, color: GREY });
  }
  cover.space(28);
  const when = `${day}, de ${formatTime(edition.startsAt)} à ${formatTime(edition.endsAt)}`;
  cover.write(edition.dateIsIllustrative ? `${when} (date donnée à titre d’exemple)` : when, {
    font: "regular",
    size: 22,
  });
  if (venue) cover.write([venue.name, venue.city].filter(Boolean).join(", "), { font: "regular", size: 22 });
  if (options.note) {
    cover.y = bottom + 40;
    cover.write(options.note, { font: "italic", size: 14, color: GREY });
  }

  const objectives = (edition.objectives ?? "").split("\n").filter((line) => line.trim());
  if (objectives.length) {
    const col = slide("Les objectifs de la journée");
    const style = fitting(col, objectives, { font: "regular", size: 26 }, col.y - bottom);
    for (const objective of objectives) {
      col.bullet(objective, style);
      col.space(style.size * LIST_GAP);
    }
  }

  let col: Column | null = null;
  for (const item of programme) {
    const time = `${formatTime(item.startsAt)} – ${formatTime(item.endsAt)}`;
    const height = col?.height(item.title, PROGRAMME_ROW, TIME_COLUMN) ?? 0;
    if (!col || col.y - height < bottom) col = slide(col ? "Le programme (suite)" : "Le programme");
    const top = col.y;
    col.write(time, { ...PROGRAMME_ROW, font: "bold", color: BLUE });
    col.y = top;
    col.write(item.title, PROGRAMME_ROW, TIME_COLUMN);
    col.space(8);
  }

  for (const item of programme) {
    if (!PRESENTED_KINDS.has(item.kind) || item.persons.length === 0) continue;
    const people = item.persons.map((person) =>
      [person.name, [person.role, person.organisation].filter(Boolean).join(", ")].filter(Boolean).join(" — "),
    );
    // A long panel goes over several slides rather than shrinking below what a room can read.
    const slides = Math.ceil(people.length / PEOPLE_PER_SLIDE);
    const perSlide = Math.ceil(people.length / slides);
    for (let index = 0; index < slides; index++) {
      const group = people.slice(index * perSlide, (index + 1) * perSlide);
      const page = slide(index === 0 ? item.title : `${item.title} (suite)`);
      page.write(`${SESSION_KIND_LABELS[item.kind]} · ${formatTime(item.startsAt)} – ${formatTime(item.endsAt)}`, {
        font: "regular",
        size: 18,
        color: GREY,
      });
      page.space(14);
      // The description when it leaves room for the people at a size a room can read.
      if (index === 0 && item.description) {
        const room = page.y - bottom - page.height(item.description, SLIDE_DESCRIPTION) - 16;
        if (listHeight(page, group, { ...SLIDE_PERSON, size: 22 }) <= room) {
          page.write(item.description, SLIDE_DESCRIPTION);
          page.space(16);
        }
      }
      const style = fitting(page, group, SLIDE_PERSON, page.y - bottom);
      for (const person of group) {
        page.bullet(person, style);
        page.space(style.size * LIST_GAP);
      }
    }
  }

  const end = slide(null);
  end.space(110);
  end.write("Merci de votre participation", { font: "bold", size: 44, color: BLUE });
  end.space(20);
  end.write(`Programme, synthèse et documents${NBSP}: ${options.siteUrl}/editions/${edition.slug}`, {
    font: "regular",
    size: 22,
  });

  pageNumbers(doc, fonts, `CTS · SIAO 95 — ${edition.title} — ${day}`, SLIDE_MARGIN);
  return doc.save();
}

function listHeight(col: Column, items: string[], style: Style): number {
  return items.reduce((sum, item) => sum + col.height(item, style, style.size * 1.1) + style.size * LIST_GAP, 0);
}

/** The largest size, down to 14 points, at which the list fits in `available` points. */
function fitting(col: Column, items: string[], style: Style, available: number): Style {
  for (let size = style.size; size > 14; size--) {
    if (listHeight(col, items, { ...style, size }) <= available) return { ...style, size };
  }
  return { ...style, size: 14 };
}
