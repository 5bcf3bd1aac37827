import fs from "node:fs";

/** The names of the entries of `dir`; none when it does not exist (yet), which is no error here. */
export function namesInFolder(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
