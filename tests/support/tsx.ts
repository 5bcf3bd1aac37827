/**
 * The arguments that make node run a TypeScript script of the project, as `npx tsx` does, without
 * npx's start-up: `spawn(process.execPath, tsxArgs("app/cli/user-create.ts", "--role", "admin"))`.
 */
export function tsxArgs(script: string, ...args: string[]): string[] {
  return ["--import", "tsx", script, ...args];
}
