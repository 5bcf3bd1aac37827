import type { PDFFont, PDFPage, RGB } from "pdf-lib";
import { loadPdfLib, rgbColour, wrapText as wrap } from "#app/lib/pdf.server.ts";
import { formatDate, formatDayMonthYear } from "#app/lib/time.ts";
import { toWinAnsi } from "#app/domain/registrations/exports.server.ts";
import type { Certificate } from "./certificates.server.ts";
import { formatDuration } from "./values.ts";

// The attendance certificate as an A4 page. Everything printed comes from the certificate row
// (the snapshot taken when it was issued), never from the registration as it is today, so the
// same code always prints the same page.

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const MARGIN = 22 * MM;
const WIDTH = A4.width - 2 * MARGIN;
const INK = rgbColour(0.1, 0.12, 0.14);
const BLUE = rgbColour(0.11, 0.31, 0.54);
const GREY = rgbColour(0.35, 0.38, 0.42);
const NBSP = "\u00a0";

type Fonts = { regular: PDFFont; bold: PDFFont; italic: PDFFont };

export type CertificatePrint = Pick<
  Certificate,
  | "code"
  | "fullName"
  | "organisation"
  | "editionTitle"
  | "themeNames"
  | "heldOn"
  | "durationMinutes"
  | "signatoryName"
  | "signatoryRole"
  | "signedIn"
  | "issuedAt"
>;

/** One page per certificate; `verifyBase` is the app's public URL, printed with the code. */
export async function certificatesPdf(
  list: readonly CertificatePrint[],
  options: { verifyBase: string; title: string; emptyMessage?: string },
): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await loadPdfLib();
  const doc = await PDFDocument.create();
  doc.setTitle(toWinAnsi(options.title));
  doc.setLanguage("fr-FR");
  doc.setAuthor("SIAO 95");
  doc.setCreator("CTS · SIAO 95");
  doc.setProducer("CTS · SIAO 95");
  // Dated by the certificates, not by the download: the same certificate gives the same file.
  const issued = list.length ? new Date(Math.max(...list.map((c) => c.issuedAt.getTime()))) : new Date(0);
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
  };
  if (list.length === 0) {
    const page = doc.addPage([A4.width, A4.height]);
    const message = toWinAnsi(options.emptyMessage ?? "Aucune attestation délivrée.");
    centred(page, message, fonts.regular, 14, A4.height / 2, INK);
  }
  for (const certificate of list)
    drawCertificate(doc.addPage([A4.width, A4.height]), fonts, certificate, options.verifyBase);
  return doc.save();
}

/** « Fait à Cergy, le 12 juin 2025 »: the date without its weekday, as on a signed letter. */
export function madeAt(c: Pick<CertificatePrint, "signedIn" | "issuedAt">): string {
  const date = formatDayMonthYear(c.issuedAt);
  return c.signedIn ? `Fait à ${c.signedIn}, le ${date}` : `Fait le ${date}`;
}

function drawCertificate(page: PDFPage, fonts: Fonts, c: CertificatePrint, verifyBase: string): void {
  const text = (value: string) => toWinAnsi(value);
  let y = A4.height - MARGIN;

  // Letterhead.
  page.drawRectangle({ x: MARGIN, y: y - 4, width: WIDTH, height: 4, color: BLUE });
  y -= 22;
  write(page, "SIAO 95", { x: MARGIN, y }, fonts.bold, 14, BLUE);
  y -= 14;
  write(
    page,
    text("Service intégré d’accueil et d’orientation du Val-d’Oise"),
    { x: MARGIN, y },
    fonts.regular,
    10,
    GREY,
  );
  y -= 12;
  write(page, text("Coordination territoriale semestrielle (CTS)"), { x: MARGIN, y }, fonts.regular, 10, GREY);

  y -= 70;
  centred(page, text("ATTESTATION DE PRÉSENCE"), fonts.bold, 24, y, INK);

  y -= 56;
  y = paragraph(
    page,
    text("Le Service intégré d’accueil et d’orientation du Val-d’Oise (SIAO 95) atteste que"),
    fonts.regular,
    12,
    y,
  );
  y -= 18;
  for (const line of wrap(fonts.bold, text(c.fullName), 20, WIDTH)) {
    centred(page, line, fonts.bold, 20, y, INK);
    y -= 26;
  }
  if (c.organisation) {
    y = paragraph(page, text(`Structure${NBSP}: ${c.organisation}`), fonts.regular, 12, y + 4);
  }
  y -= 14;
  y = paragraph(page, text("a participé à la coordination territoriale semestrielle"), fonts.regular, 12, y);
  y -= 8;
  for (const line of wrap(fonts.bold, text(`«${NBSP}${c.editionTitle}${NBSP}»`), 16, WIDTH)) {
    centred(page, line, fonts.bold, 16, y, INK);
    y -= 21;
  }
  if (c.themeNames) {
    const label = c.themeNames.includes(",") ? "Thèmes" : "Thème";
    y = paragraph(page, text(`${label}${NBSP}: ${c.themeNames}`), fonts.italic, 11, y);
  }
  y -= 14;
  y = paragraph(page, text(`qui s’est tenue le ${formatDate(c.heldOn)},`), fonts.regular, 12, y);
  paragraph(page, text(`pour une durée de ${formatDuration(c.durationMinutes)}.`), fonts.regular, 12, y);

  // Signature block, on the right, at a fixed height so every page looks the same.
  const signX = A4.width / 2 + 10 * MM;
  const signWidth = A4.width - MARGIN - signX;
  let sy = 95 * MM;
  write(page, text(madeAt(c)), { x: signX, y: sy }, fonts.regular, 11, INK);
  sy -= 24;
  const signLines = (value: string, font: PDFFont, size: number, leading: number) => {
    for (const line of wrap(font, text(value), size, signWidth)) {
      write(page, line, { x: signX, y: sy }, font, size, INK);
      sy -= leading;
    }
  };
  if (c.signatoryName) {
    signLines(c.signatoryName, fonts.bold, 12, 15);
    signLines(c.signatoryRole ?? "", fonts.regular, 11, 14);
  } else {
    signLines("Pour le SIAO 95, l’équipe d’organisation des CTS", fonts.regular, 11, 14);
  }

  // Verification footer.
  const footer = MARGIN + 24;
  page.drawLine({
    start: { x: MARGIN, y: footer + 22 },
    end: { x: A4.width - MARGIN, y: footer + 22 },
    thickness: 0.5,
    color: GREY,
  });
  write(page, text(`Code de vérification${NBSP}: ${c.code}`), { x: MARGIN, y: footer + 6 }, fonts.bold, 11, INK);
  const url = `${verifyBase}/attestation/${c.code}`;
  write(page, text(`Authenticité vérifiable sur ${url}`), { x: MARGIN, y: footer - 8 }, fonts.regular, 9, GREY);
}

function write(page: PDFPage, value: string, at: { x: number; y: number }, font: PDFFont, size: number, color: RGB) {
  page.drawText(value, { ...at, size, font, color });
}

/** Centred lines, wrapped to the text width; returns the baseline below the last one. */
function paragraph(page: PDFPage, value: string, font: PDFFont, size: number, y: number): number {
  let cursor = y;
  for (const line of wrap(font, value, size, WIDTH)) {
    centred(page, line, font, size, cursor, INK);
    cursor -= size * 1.35;
  }
  return cursor;
}

function centred(page: PDFPage, value: string, font: PDFFont, size: number, y: number, color: RGB): void {
  write(page, value, { x: (A4.width - font.widthOfTextAtSize(value, size)) / 2, y }, font, size, color);
}
