// `npm test`: every check, in the order that gives the earliest answer on a 2-core machine.
// The static checks and the build are independent and mostly single-threaded, so they share the
// two cores; the tests that start servers run alone, one stage after another, so that their
// timings are not disturbed by a compiler. Each job's output is printed whole when it ends.
import { spawn } from "node:child_process";

const stages = [
  // The route types first: the type check reads them and the build would write them too.
  [["route types", "npx react-router typegen"]],
  [
    ["format", "npx prettier --check --log-level warn ."],
    ["lint", "npx eslint --max-warnings 0 ."],
    ["typecheck", "npx tsc"],
    ["build", "npm run build"],
  ],
  [["unit and integration", "npx vitest run"]],
  [["end-to-end", "npm run test:e2e:run"]],
  [["deploy", "npm run test:deploy:run"]],
];

function run([name, command], alone) {
  const started = Date.now();
  return new Promise((resolve) => {
    // A job alone in its stage streams its output; jobs side by side print theirs whole at the end.
    const child = spawn(command, {
      shell: true,
      stdio: ["ignore", alone ? "inherit" : "pipe", alone ? "inherit" : "pipe"],
    });
    const output = [];
    child.stdout?.on("data", (chunk) => output.push(chunk));
    child.stderr?.on("data", (chunk) => output.push(chunk));
    child.on("close", (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(Buffer.concat(output));
      console.log(`\n── ${name}: ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${seconds} s\n`);
      resolve({ name, ok: code === 0, seconds });
    });
  });
}

const began = Date.now();
const report = [];
for (const stage of stages) {
  const results = await Promise.all(stage.map((job) => run(job, stage.length === 1)));
  report.push(...results);
  if (results.some((result) => !result.ok)) break;
}
const total = Math.round((Date.now() - began) / 1000);
console.log("npm test, by job:");
for (const { name, ok, seconds } of report)
  console.log(`  ${ok ? "ok    " : "FAILED"} ${name.padEnd(22)} ${seconds} s`);
console.log(`  total ${Math.floor(total / 60)} min ${total % 60} s`);
process.exit(report.every((result) => result.ok) && report.length === stages.flat().length ? 0 : 1);
