import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The map of docs/architecture.md, checked: aggregates of app/domain import each other without
// a cycle, the shared kernel imports no aggregate, and queries stay in app/domain and db/.

const ROOT = path.resolve(import.meta.dirname, "../..");
const ALIASES: Record<string, string> = {
  "#app": "app",
  "#db": "db",
  "#emails": "emails",
  "#tests": "tests",
  "#bench": "bench",
};

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(relative);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [relative] : [];
  });
}

function resolveSpecifier(from: string, specifier: string): string | null {
  let base: string;
  const [head, ...rest] = specifier.split("/");
  if (head && ALIASES[head]) base = path.join(ALIASES[head]!, ...rest);
  else if (specifier.startsWith(".")) base = path.join(path.dirname(from), specifier);
  else return null;
  base = base.split("?")[0]!;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  }
  return null;
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]!);
  return specifiers
    .map((specifier) => resolveSpecifier(file, specifier))
    .filter((target): target is string => target !== null);
}

const APP_FILES = sourcesUnder("app");
const GRAPH = new Map(APP_FILES.map((file) => [file, importsOf(file)]));

/** Tarjan's strongly connected components: every group of more than one node is a cycle. */
function cycles(nodes: string[], edges: (node: string) => string[]): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges(node)) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of nodes) if (!indexOf.has(node)) visit(node);
  return found;
}

const folderOf = (file: string) => (file.startsWith("app/domain/") ? file.split("/")[2]! : null);
const AGGREGATES = [
  ...new Set(APP_FILES.map(folderOf).filter((folder): folder is string => folder !== null && !folder.endsWith(".ts"))),
];

describe("the domain's folders", () => {
  it("every domain file sits in an aggregate folder", () => {
    expect(APP_FILES.filter((file) => /^app\/domain\/[^/]+\.tsx?$/.test(file))).toEqual([]);
    expect(AGGREGATES).toContain("shared");
  });

  it("import each other without a cycle", () => {
    const edges = (folder: string) => {
      const targets = new Set<string>();
      for (const [file, imports] of GRAPH) {
        if (folderOf(file) !== folder) continue;
        for (const target of imports) {
          const other = folderOf(target);
          if (other && other !== folder) targets.add(other);
        }
      }
      return [...targets];
    };
    expect(cycles(AGGREGATES, edges)).toEqual([]);
  });

  it("keeps the shared kernel free of any aggregate", () => {
    const leaks = [...GRAPH].flatMap(([file, imports]) =>
      folderOf(file) === "shared"
        ? imports
            .filter((target) => folderOf(target) && folderOf(target) !== "shared")
            .map((target) => `${file} → ${target}`)
        : [],
    );
    expect(leaks).toEqual([]);
  });

  it("has no cycle between files anywhere in app/", () => {
    expect(cycles(APP_FILES, (file) => GRAPH.get(file) ?? [])).toEqual([]);
  });
});

describe("queries", () => {
  const QUERY_FREE = ["app/routes/", "app/lib/", "app/components/", "app/server/", "app/forms/", "emails/"];
  /** The database client itself: opening, pragmas, migrations, and its online backup (`VACUUM INTO`). */
  const CLIENT = new Set(["app/lib/db.server.ts", "app/lib/backup.server.ts"]);

  it("stay in app/domain and db/: no table, no SQL, no query builder in routes, lib, components or templates", () => {
    const offenders = [...APP_FILES, ...sourcesUnder("emails")]
      .filter((file) => QUERY_FREE.some((prefix) => file.startsWith(prefix)) && !CLIENT.has(file))
      .flatMap((file) => {
        const text = fs.readFileSync(path.join(ROOT, file), "utf8");
        const reasons = [];
        if (/from\s+["']drizzle-orm/.test(text)) reasons.push("drizzle-orm");
        if (/from\s+["'](?:#db\/schema|[./]+\/db\/schema)/.test(text)) reasons.push("db/schema");
        if (/\.(prepare|exec)\(\s*[`"']/.test(text) || /\.\$client\b/.test(text)) reasons.push("raw SQL");
        return reasons.map((reason) => `${file}: ${reason}`);
      });
    expect(offenders).toEqual([]);
  });
});

describe("emails", () => {
  it("are written to the outbox by the notification path only", () => {
    const writers = APP_FILES.filter((file) => /\benqueueEmail\b/.test(fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(writers.sort()).toEqual(["app/domain/shared/notifications.server.ts", "app/domain/shared/outbox.server.ts"]);
  });

  it("are templates that know no domain and do no I/O: data in, subject, HTML and text out", () => {
    const PACKAGES = /^(?:react|react\/jsx-runtime|react-dom\/server|@react-email\/[a-z-]+|html-to-text)$/;
    const reaches = sourcesUnder("emails").flatMap((file) => {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      return [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)]
        .map((match) => match[1]!)
        .filter((specifier) => {
          const target = resolveSpecifier(file, specifier);
          if (target === null) return !PACKAGES.test(specifier);
          // Plain helpers of app/lib (dates, typography) only: no .server module, no domain.
          return !target.startsWith("emails/") && !/^app\/lib\/[^/]+(?<!\.server)\.tsx?$/.test(target);
        })
        .map((specifier) => `${file} → ${specifier}`);
    });
    expect(reaches).toEqual([]);
  });
});
