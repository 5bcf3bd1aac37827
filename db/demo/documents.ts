// The two documents of the 2025 synthesis. The real files (the observatoire social's slides,
// the printed référentiel) are not ours to publish: the demo attaches what the platform prints
// from its own data instead, and each says so on its first page.
import { directoryBookletPdf, editionSlidesPdf } from "#app/domain/documents/printed.server.ts";
import type { AttachmentKind } from "#app/domain/shared/vocabulary.ts";
import type { Db } from "#app/lib/db.server.ts";

export type DemoDocument = {
  title: string;
  kind: Exclude<AttachmentKind, "image">;
  fileName: string;
  bytes: Uint8Array;
};

const SLIDES_NOTE =
  "Diaporama de démonstration, imprimé par la plateforme à partir du programme : la présentation de l’observatoire social du SIAO projetée ce jour-là n’est pas reproduite ici.";

const BOOKLET_NOTE =
  "Livret de démonstration, imprimé par la plateforme à partir de son répertoire. Le livret remis lors de la CTS 2025 recensait 51 dispositifs (27 en insertion, 10 en veille sociale, 14 en sanitaire et social) et n’est pas reproduit ici. Cette version reprend les équipes que cite la synthèse de la journée, avec ce qu’elle en dit, et des fiches d’exemple signalées comme telles.";

/** Prints the slides of the edition and the booklet of the directory as it stands. */
export async function demoDocuments(
  db: Db,
  editionId: number,
  options: { siteUrl: string; now: Date },
): Promise<DemoDocument[]> {
  return [
    {
      title: "Diaporama de la journée : programme et intervenants (démonstration)",
      kind: "slides",
      fileName: "cts-aller-vers-2025-diaporama.pdf",
      bytes: await editionSlidesPdf(db, editionId, { ...options, note: SLIDES_NOTE }),
    },
    {
      title: "Référentiel 2025 des dispositifs d’aller-vers du Val-d’Oise (livret de démonstration)",
      kind: "booklet",
      fileName: "referentiel-2025-dispositifs-aller-vers-95.pdf",
      bytes: await directoryBookletPdf(db, { ...options, note: BOOKLET_NOTE }),
    },
  ];
}
