// The two documents of the 2025 synthesis. The real files are not ours to publish: the demo
// attaches small PDFs that say what they stand for.
import { PDFDocument, StandardFonts } from "pdf-lib";

export const DEMO_DOCUMENTS = [
  {
    title: "PPT CTS Aller-Vers - Présentation OS du SIAO",
    kind: "slides" as const,
    fileName: "cts-aller-vers-2025-presentation-siao.pdf",
    lines: [
      "Présentation du SIAO 95 — CTS « L’aller-vers » (2025)",
      "Document de démonstration.",
      "Le diaporama présenté lors de la journée n’est pas reproduit ici :",
      "ce fichier tient sa place dans la démonstration de la plateforme.",
    ],
  },
  {
    title: "Référentiel 2025 des dispositifs d’aller-vers du Val-d’Oise",
    kind: "booklet" as const,
    fileName: "referentiel-2025-dispositifs-aller-vers-95.pdf",
    lines: [
      "Référentiel 2025 des dispositifs d’aller-vers du Val-d’Oise",
      "Document de démonstration.",
      "51 dispositifs : 27 en insertion, 10 en veille sociale, 14 en sanitaire et social.",
      "Le livret réel n’est pas reproduit ici ; l’annuaire en ligne le remplace.",
    ],
  },
];

export async function demoPdf(lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(lines[0]!);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595.28, 841.89]);
  lines.forEach((line, index) => {
    page.drawText(line, { x: 56, y: 780 - index * 24, size: index === 0 ? 15 : 11, font });
  });
  return Buffer.from(await pdf.save());
}
