// Runs the benchmark scripts one after another, each in its own process so
// that one script's JIT warm-up and memory do not bias the next.
// Run: npm run bench [-- NAME...]   (NAME is a file in bench/ without .ts)
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const benchDirectory = import.meta.dirname;
const requested = process.argv.slice(2);
const available = readdirSync(benchDirectory)
  .filter((name) => name.endsWith(".ts") && name !== "run.ts")
  .map((name) => name.slice(0, -3))
  .sort();

const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(", ")}; available: ${available.join(", ")}`);
  process.exit(2);
}

let failed = 0;
for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n## ${name}\n`);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(benchDirectory, `${name}.ts`)], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`bench: ${name} failed with status ${result.status}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
