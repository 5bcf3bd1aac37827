import { documentTypeLabel, documentUrl, formatBytes } from "#app/lib/format.ts";

export type PublicDocument = { id: number; title: string; mimeType: string; size: number; originalName: string };

/** Documents to download, each with its type and size so a reader knows what they get. */
export function DocumentList({ documents }: { documents: PublicDocument[] }) {
  return (
    <ul className="documents">
      {documents.map((document) => (
        <li key={document.id}>
          <a href={documentUrl(document)} download>
            {document.title}
          </a>{" "}
          <span className="documents__meta">
            ({documentTypeLabel(document.mimeType)}, {formatBytes(document.size)})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A page's « Documents » section, left out when it has none. */
export function DocumentsSection({ documents, id = "documents" }: { documents: PublicDocument[]; id?: string }) {
  if (documents.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>Documents</h2>
      <DocumentList documents={documents} />
    </section>
  );
}
