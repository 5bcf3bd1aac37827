const NBSP = "\u00a0";
const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** "12 octets", "340 ko", "1,2 Mo": sizes as a French reader expects them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes}${NBSP}octet${bytes > 1 ? "s" : ""}`;
  if (bytes < 1024 * 1024) return `${decimal.format(bytes / 1024)}${NBSP}ko`;
  if (bytes < 1024 * 1024 * 1024) return `${decimal.format(bytes / (1024 * 1024))}${NBSP}Mo`;
  return `${decimal.format(bytes / (1024 * 1024 * 1024))}${NBSP}Go`;
}

const TYPE_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.oasis.opendocument.presentation": "Présentation OpenDocument",
  "application/vnd.oasis.opendocument.text": "Texte OpenDocument",
  "image/png": "Image PNG",
  "image/jpeg": "Image JPEG",
  "image/gif": "Image GIF",
  "image/webp": "Image WebP",
};

export function documentTypeLabel(mimeType: string): string {
  return TYPE_LABELS[mimeType] ?? "Document";
}

/** The public URL of a document: its id and its name, so the saved file keeps that name. */
export function documentUrl(document: { id: number; originalName: string }): string {
  return `/documents/${document.id}/${encodeURIComponent(document.originalName)}`;
}
