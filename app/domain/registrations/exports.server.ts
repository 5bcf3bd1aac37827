import { and, asc, eq, ne } from "drizzle-orm";
import type { PDFFont, PDFPage } from "pdf-lib";
import { breakLines, loadPdfLib, rgbColour } from "#app/lib/pdf.server.ts";
import { qrMatrix, type QrMatrix } from "#app/lib/qr-code.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { checkInCode, displayCheckInCode } from "./check-in-code.server.ts";
import { editions, registrations, venues } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { formatDate, formatShortDate, parisDateString, parisParts, parisTimeString } from "#app/lib/time.ts";
import { normaliseLineBreaks } from "#app/lib/typography.ts";
import { arrivalRank } from "./registrations.server.ts";
import { confirmedIn, registrationsOf } from "./queries.server.ts";
import {
  REGISTRATION_STATUS_LABELS,
  STRUCTURE_TYPE_LABELS,
  type RegistrationStatus,
} from "#app/domain/shared/vocabulary.ts";

// The documents organisers print or export for an edition: the registrations as CSV, the
// sign-in sheet and the name badges. Routes only check the user and pick the edition.

const collator = new Intl.Collator("fr", { sensitivity: "base" });

type Named = { id: number; lastName: string; firstName: string };

/** Last name, then first name, as a French reader expects (« Élodie » next to « Elise »). */
export function compareByName(a: Named, b: Named): number {
  return collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName) || a.id - b.id;
}

/** "inscriptions-<slug>.csv", with nothing in the name that could break out of the header. */
export function downloadName(prefix: string, slug: string, extension: string): string {
  const safe = slug.replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "edition";
  return `${prefix}-${safe}.${extension}`;
}

function loadEdition(db: Db, editionId: number) {
  const row = db
    .select({ edition: editions, venue: venues })
    .from(editions)
    .leftJoin(venues, eq(venues.id, editions.venueId))
    .where(eq(editions.id, editionId))
    .get();
  if (!row) throw new Error(`edition ${editionId} not found`);
  return row;
}

function confirmedPeople(db: Db, editionId: number) {
  return db
    .select({
      id: registrations.id,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      organisation: registrations.organisation,
      role: registrations.role,
    })
    .from(registrations)
    .where(confirmedIn(editionId))
    .all()
    .sort(compareByName);
}

// ---------------------------------------------------------------- CSV

const CSV_HEADERS = [
  "Nom",
  "Prénom",
  "Adresse e-mail",
  "Structure",
  "Fonction",
  "Type de structure",
  "Statut",
  "Position en liste d’attente",
  "Déjeuner",
  "Besoins d’accessibilité",
  "Inscrit·e le",
  "Présent·e",
];

export type CsvOptions = { status?: RegistrationStatus };

/**
 * The registrations of an edition as a CSV that French Excel and LibreOffice open as they are:
 * UTF-8 with a BOM (or Excel guesses Windows-1252), `;` (Excel's separator when the decimal
 * mark is a comma), CRLF. By default everyone who has not cancelled.
 */
export function registrationsCsv(db: Db, editionId: number, options: CsvOptions = {}): string {
  const people = registrationsOf(
    db,
    editionId,
    options.status ? eq(registrations.status, options.status) : ne(registrations.status, "cancelled"),
  ).sort(compareByName);

  // Positions count the whole waiting list, whatever the filter shows.
  const waiting = db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.editionId, editionId), eq(registrations.status, "waitlisted")))
    .orderBy(asc(arrivalRank))
    .all();
  const positions = new Map(waiting.map((row, index) => [row.id, index + 1]));
  const yesNo = (value: boolean) => (value ? "Oui" : "Non");

  const lines = [
    CSV_HEADERS,
    ...people.map((p) => [
      p.lastName,
      p.firstName,
      p.email ?? "",
      p.organisation,
      p.role ?? "",
      STRUCTURE_TYPE_LABELS[p.structureType],
      REGISTRATION_STATUS_LABELS[p.status],
      p.status === "waitlisted" ? String(positions.get(p.id) ?? "") : "",
      yesNo(p.meal),
      p.accessNeeds ?? "",
      `${formatShortDate(p.createdAt)} ${parisTimeString(p.createdAt)}`,
      yesNo(p.checkedInAt !== null),
    ]),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

/**
 * One CSV field. Line breaks inside a cell are LF, as Excel writes them: rows stored before
 * forms normalised them may hold a lone CR, which some readers take for the end of a record.
 * Text typed by the public that starts like a formula (= + - @, or a tab or line break some
 * spreadsheets skip) gets a leading quote, so opening the file never runs it.
 */
export function csvCell(value: string): string {
  const lines = normaliseLineBreaks(value);
  const text = /^[=+\-@\t\n]/.test(lines) ? `'${lines}` : lines;
  return /[;"\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// ---------------------------------------------------------------- sign-in sheet

export type SignInSheet = {
  edition: { id: number; title: string; startsAt: Date; endsAt: Date };
  /** One signature column, or two (« Matin », « Après-midi ») when the day runs through lunch. */
  signatureColumns: string[];
  venue: { name: string; address: string | null; postcode: string | null; city: string } | null;
  rows: Array<{ number: number; lastName: string; firstName: string; organisation: string }>;
};

/**
 * A day that starts in the morning and ends in the afternoon (Paris time) is signed twice: the
 * funders of training days ask for proof of presence for each half-day.
 */
export function signatureColumns(startsAt: Date, endsAt: Date): string[] {
  const start = parisParts(startsAt);
  const end = parisParts(endsAt);
  const fullDay =
    parisDateString(startsAt) !== parisDateString(endsAt) || (start.hour < 12 && end.hour * 60 + end.minute > 14 * 60);
  return fullDay ? ["Matin", "Après-midi"] : ["Signature"];
}

/** The edition and its confirmed people, numbered in alphabetical order. */
export function signInSheet(db: Db, editionId: number): SignInSheet {
  const { edition, venue } = loadEdition(db, editionId);
  return {
    edition: { id: edition.id, title: edition.title, startsAt: edition.startsAt, endsAt: edition.endsAt },
    signatureColumns: signatureColumns(edition.startsAt, edition.endsAt),
    venue: venue ? { name: venue.name, address: venue.address, postcode: venue.postcode, city: venue.city } : null,
    rows: confirmedPeople(db, editionId).map((p, index) => ({
      number: index + 1,
      lastName: p.lastName,
      firstName: p.firstName,
      organisation: p.organisation,
    })),
  };
}

// ---------------------------------------------------------------- badges

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const COLUMNS = 2;
const ROWS = 4;
export const BADGES_PER_PAGE = COLUMNS * ROWS;
const BADGE = { width: 95 * MM, height: 68 * MM };
const ORIGIN = { x: (A4.width - COLUMNS * BADGE.width) / 2, y: (A4.height - ROWS * BADGE.height) / 2 };
const PADDING = 6 * MM;
const TEXT_WIDTH = BADGE.width - 2 * PADDING;
const BLACK = rgbColour(0, 0, 0);
const GUIDE = rgbColour(0.6, 0.6, 0.6);

type Fonts = { regular: PDFFont; bold: PDFFont; mono: PDFFont };
/** The QR code in the footer's right corner; the footer's text is centred in what is left. */
const QR_SIZE = 13.5 * MM;
const FOOTER_WIDTH = TEXT_WIDTH - QR_SIZE - 2 * MM;

/**
 * Name badges, 8 to an A4 sheet (2 × 4) with cutting guides, one per confirmed person in
 * alphabetical order. The built-in Helvetica needs no font file but only covers WinAnsi, so
 * every text goes through `toWinAnsi` first.
 */
export async function badgesPdf(
  db: Db,
  mail: Pick<MailContext, "secret">,
  editionId: number,
  now: Date = new Date(),
): Promise<Uint8Array> {
  const { edition } = loadEdition(db, editionId);
  const people = confirmedPeople(db, editionId);
  const { PDFDocument, StandardFonts } = await loadPdfLib();
  const doc = await PDFDocument.create();
  const title = toWinAnsi(edition.title);
  doc.setTitle(`Badges – ${title}`);
  doc.setLanguage("fr-FR");
  doc.setCreator("CTS · SIAO 95");
  doc.setProducer("CTS · SIAO 95");
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.CourierBold),
  };
  const date = toWinAnsi(
    parisDateString(edition.startsAt) === parisDateString(edition.endsAt)
      ? formatDate(edition.startsAt)
      : `du ${formatShortDate(edition.startsAt)} au ${formatShortDate(edition.endsAt)}`,
  );

  if (people.length === 0) {
    const page = doc.addPage([A4.width, A4.height]);
    const message = "Aucune inscription confirmée pour cette édition.";
    page.drawText(message, {
      x: (A4.width - fonts.regular.widthOfTextAtSize(message, 14)) / 2,
      y: A4.height / 2,
      size: 14,
      font: fonts.regular,
      color: BLACK,
    });
  }

  let page: PDFPage | undefined;
  people.forEach((person, index) => {
    const slot = index % BADGES_PER_PAGE;
    if (slot === 0) {
      page = doc.addPage([A4.width, A4.height]);
      drawCuttingGuides(page);
    }
    const column = slot % COLUMNS;
    const row = Math.floor(slot / COLUMNS);
    drawBadge(page!, fonts, {
      left: ORIGIN.x + column * BADGE.width,
      top: A4.height - ORIGIN.y - row * BADGE.height,
      firstName: toWinAnsi(person.firstName),
      lastName: toWinAnsi(person.lastName),
      organisation: toWinAnsi(person.organisation),
      role: person.role ? toWinAnsi(person.role) : null,
      title,
      date,
      ...badgeCode(mail, person.id),
    });
  });
  return doc.save();
}

/** Dashed lines along every cut, plus solid marks in the margin that stay visible after the first cuts. */
function drawCuttingGuides(page: PDFPage): void {
  const left = ORIGIN.x;
  const right = ORIGIN.x + COLUMNS * BADGE.width;
  const bottom = ORIGIN.y;
  const top = ORIGIN.y + ROWS * BADGE.height;
  const dashed = { thickness: 0.5, color: GUIDE, dashArray: [3, 3] };
  const mark = { thickness: 0.5, color: BLACK };
  for (let c = 0; c <= COLUMNS; c++) {
    const x = left + c * BADGE.width;
    page.drawLine({ start: { x, y: bottom }, end: { x, y: top }, ...dashed });
    page.drawLine({ start: { x, y: top + 2 * MM }, end: { x, y: top + 8 * MM }, ...mark });
    page.drawLine({ start: { x, y: bottom - 8 * MM }, end: { x, y: bottom - 2 * MM }, ...mark });
  }
  for (let r = 0; r <= ROWS; r++) {
    const y = bottom + r * BADGE.height;
    page.drawLine({ start: { x: left, y }, end: { x: right, y }, ...dashed });
    page.drawLine({ start: { x: left - 8 * MM, y }, end: { x: left - 2 * MM, y }, ...mark });
    page.drawLine({ start: { x: right + 2 * MM, y }, end: { x: right + 8 * MM, y }, ...mark });
  }
}

type BadgeContent = {
  left: number;
  top: number;
  firstName: string;
  lastName: string;
  organisation: string;
  /** The person's function, as they gave it when registering. */
  role: string | null;
  title: string;
  date: string;
  /** The check-in code, as printed under the title, and its QR code. */
  code: string;
  qr: QrMatrix;
};

function badgeCode(mail: Pick<MailContext, "secret">, registrationId: number): { code: string; qr: QrMatrix } {
  const code = checkInCode(mail, registrationId);
  return { code: displayCheckInCode(code), qr: qrMatrix(code) };
}

function drawBadge(page: PDFPage, fonts: Fonts, badge: BadgeContent): void {
  const centred = (text: string, font: PDFFont, size: number, baseline: number) => {
    page.drawText(text, {
      x: badge.left + (BADGE.width - font.widthOfTextAtSize(text, size)) / 2,
      y: baseline,
      size,
      font,
      color: BLACK,
    });
  };

  // Both names at the same size, the largest at which the longer one fits.
  const nameSize = Math.min(fitSize(fonts.bold, badge.firstName, 24, 11), fitSize(fonts.bold, badge.lastName, 24, 11));
  let cursor = badge.top - 9 * MM;
  for (const name of [badge.firstName, badge.lastName]) {
    cursor -= nameSize;
    centred(truncate(fonts.bold, name, nameSize), fonts.bold, nameSize, cursor);
    cursor -= nameSize * 0.25;
  }

  if (badge.role) {
    cursor -= 2 * MM;
    const roleSize = fitSize(fonts.regular, badge.role, 11, 8);
    cursor -= roleSize;
    centred(truncate(fonts.regular, badge.role, roleSize), fonts.regular, roleSize, cursor);
  }

  cursor -= 3 * MM;
  const organisation = wrap(fonts.bold, badge.organisation, 12, 8, 2);
  for (const line of organisation.lines) {
    cursor -= organisation.size;
    centred(line, fonts.bold, organisation.size, cursor);
    cursor -= organisation.size * 0.2;
  }

  const bottom = badge.top - BADGE.height;
  page.drawLine({
    start: { x: badge.left + PADDING, y: bottom + 16 * MM },
    end: { x: badge.left + BADGE.width - PADDING, y: bottom + 16 * MM },
    thickness: 0.5,
    color: BLACK,
  });
  const inFooter = (text: string, font: PDFFont, size: number, baseline: number) => {
    page.drawText(text, {
      x: badge.left + PADDING + (FOOTER_WIDTH - font.widthOfTextAtSize(text, size)) / 2,
      y: baseline,
      size,
      font,
      color: BLACK,
    });
  };
  const titleSize = fitSize(fonts.bold, badge.title, 9, 6.5, FOOTER_WIDTH);
  inFooter(truncate(fonts.bold, badge.title, titleSize, FOOTER_WIDTH), fonts.bold, titleSize, bottom + 11.5 * MM);
  const dateSize = fitSize(fonts.regular, badge.date, 9, 6.5, FOOTER_WIDTH);
  inFooter(truncate(fonts.regular, badge.date, dateSize, FOOTER_WIDTH), fonts.regular, dateSize, bottom + 7.5 * MM);
  inFooter(badge.code, fonts.mono, 9, bottom + 3 * MM);
  drawQr(page, badge.qr, badge.left + BADGE.width - PADDING - QR_SIZE, bottom + 1.5 * MM, QR_SIZE);
}

/**
 * Dark modules as filled squares, the paper around them as the quiet zone (one module wide, as
 * the cut edge and the footer text keep their distance anyway); a row's neighbouring modules are
 * one rectangle, so that viewers draw no hairlines between them.
 */
function drawQr(page: PDFPage, matrix: QrMatrix, x: number, y: number, size: number): void {
  const module = size / (matrix.length + 2);
  matrix.forEach((row, r) => {
    let start = -1;
    row.forEach((dark, c) => {
      if (dark && start < 0) start = c;
      if (start >= 0 && (!dark || c === row.length - 1)) {
        const end = dark ? c + 1 : c;
        page.drawRectangle({
          x: x + (start + 1) * module,
          y: y + size - (r + 2) * module,
          width: (end - start) * module,
          height: module,
          color: BLACK,
          borderWidth: 0,
        });
        start = -1;
      }
    });
  });
}

/** The largest size, between min and max, at which the text fits on one line of the badge. */
function fitSize(font: PDFFont, text: string, max: number, min: number, width = TEXT_WIDTH): number {
  const widthAtOne = font.widthOfTextAtSize(text, 1);
  if (widthAtOne === 0) return max;
  return Math.max(min, Math.min(max, Math.floor((width / widthAtOne) * 4) / 4));
}

/** The text, cut short with « … » when it is still too wide at this size. */
function truncate(font: PDFFont, text: string, size: number, width = TEXT_WIDTH): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && font.widthOfTextAtSize(`${chars.join("").trimEnd()}…`, size) > width) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

/** Word-wraps into at most `maxLines`, shrinking down to `min` before cutting the last line short. */
function wrap(
  font: PDFFont,
  text: string,
  max: number,
  min: number,
  maxLines: number,
): { size: number; lines: string[] } {
  const words = text.split(/\s+/).filter(Boolean);
  for (let size = max; size >= min; size -= 0.5) {
    const lines = breakLines(font, words, size, TEXT_WIDTH);
    if (lines.length <= maxLines && lines.every((line) => font.widthOfTextAtSize(line, size) <= TEXT_WIDTH)) {
      return { size, lines };
    }
  }
  const lines = breakLines(font, words, min, TEXT_WIDTH);
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept[maxLines - 1] = lines.slice(maxLines - 1).join(" ");
  return { size: min, lines: kept.map((line) => truncate(font, line, min)) };
}

// ---------------------------------------------------------------- WinAnsi

// Windows-1252 beyond Latin-1: what the standard PDF fonts can draw besides U+0020–U+007E and
// U+00A0–U+00FF. French needs « » (Latin-1), ’ and œ from this list.
const CP1252_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.includes(char);
}

// Letters that do not decompose into a Latin-1 letter plus accents.
const LOOKALIKES: Record<string, string> = {
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  Ŀ: "L",
  ŀ: "l",
  ĸ: "k",
  Ŋ: "N",
  ŋ: "n",
  Ŧ: "T",
  ŧ: "t",
  ſ: "s",
  Ə: "E",
  ə: "e",
  ʼ: "’",
  "‐": "-",
  "‑": "-",
  "‒": "–",
  "―": "—",
  "′": "’",
  "″": "”",
};

const segmenter = new Intl.Segmenter("fr", { granularity: "grapheme" });

/**
 * Text the standard Helvetica can draw: WinAnsi characters stay (French accents, « », ’, œ),
 * other accented letters lose the accent (ğ → g), a few letters get a look-alike (Ł → L),
 * spaces and line breaks become plain spaces, anything else (emoji, CJK) becomes « ? ».
 * One user-perceived character gives at most one replacement, so 👩‍💻 is a single « ? ».
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const { segment } of segmenter.segment(text.normalize("NFC"))) {
    // Invisible formatting (zero-width space, direction marks) has nothing to draw.
    if (/^\p{Cf}+$/u.test(segment) && segment !== "\u00ad") continue;
    if (/^\s+$/u.test(segment)) {
      // French typography's narrow no-break space has no WinAnsi glyph; the wide one does.
      out += segment === "\u00a0" || segment === "\u202f" ? "\u00a0" : " ";
    } else if ([...segment].every(isWinAnsi)) {
      out += segment;
    } else {
      const base = segment.normalize("NFD").replace(/\p{M}/gu, "");
      const mapped = [...base].map((char) => (isWinAnsi(char) ? char : (LOOKALIKES[char] ?? ""))).join("");
      out += mapped && [...mapped].every(isWinAnsi) && [...base].length === [...mapped].length ? mapped : "?";
    }
  }
  return out;
}
