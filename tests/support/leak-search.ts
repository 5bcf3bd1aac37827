import fs from "node:fs";
import path from "node:path";

export type Leak = { file: string; needle: string; form: string; count: number };

/** Every file under `folder`, at any depth. */
export function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

/** ASCII letters lowered, every other byte as it was: works on UTF-8 and on both UTF-16 orders. */
function lowerAscii(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) {
    const byte = out[i]!;
    if (byte >= 0x41 && byte <= 0x5a) out[i] = byte + 0x20;
  }
  return out;
}

function swapPairs(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  return out.swap16();
}

/**
 * The byte forms a value can take in the data folder: UTF-8 and UTF-16 (both orders), as typed
 * and without accents (the search index folds them), and quoted-printable (the body of an .eml).
 */
function forms(needle: string): Array<{ form: string; bytes: Buffer }> {
  // The haystack is lowered for ASCII only: « É » stays « É » there, so both spellings are sought.
  const asciiLower = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  const spellings = [asciiLower(needle), needle.toLowerCase()];
  const folded = needle
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
  const quotedPrintable = spellings.map((text) =>
    [...Buffer.from(text, "utf8")]
      .map((byte) => (byte < 0x80 ? String.fromCharCode(byte) : `=${byte.toString(16).padStart(2, "0")}`))
      .join(""),
  );
  const texts = [...new Set([...spellings, folded, ...quotedPrintable])];
  return texts.flatMap((text) => {
    const utf16 = Buffer.from(text, "utf16le");
    return [
      { form: `utf8:${text}`, bytes: Buffer.from(text, "utf8") },
      { form: `utf16le:${text}`, bytes: utf16 },
      { form: `utf16be:${text}`, bytes: swapPairs(utf16) },
    ];
  });
}

function occurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/** Searches the raw bytes of every file under `folder` for every needle, ignoring ASCII case. */
export function findLeaks(folder: string, needles: readonly string[]): Leak[] {
  const leaks: Leak[] = [];
  const searched = needles.map((needle) => ({ needle, forms: forms(needle) }));
  for (const file of filesUnder(folder)) {
    const bytes = lowerAscii(fs.readFileSync(file));
    for (const { needle, forms: variants } of searched) {
      for (const { form, bytes: pattern } of variants) {
        const count = occurrences(bytes, pattern);
        if (count > 0) leaks.push({ file: path.relative(folder, file), needle, form, count });
      }
    }
  }
  return leaks;
}

/** One line per leak, for a readable failure. */
export function describeLeaks(leaks: readonly Leak[]): string {
  return leaks.map((leak) => `${leak.file}: ${leak.form} ×${leak.count}`).join("\n");
}
