// Runs the benchmark scripts one after another, each in its own process so
// that one script's JIT warm-up and memory do not bias the next.
// --quick sets UKP_BENCH_QUICK=1, which the scripts read to cut their
// repetitions, and passes smaller counts to the sweeps that take them as
// options, so that the whole suite runs in a few minutes.
// Run: npm run bench [-- [--quick] NAME...]   (NAME is a file in bench/ without .ts)
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { gccUnavailableReason } from "./support/gcc";
import { QUICK_ENVIRONMENT_VARIABLE } from "./support/options";

/** Options for scripts that take their repetitions as arguments rather than reading UKP_BENCH_QUICK. */
const QUICK_ARGUMENTS: Record<string, string[]> = {
  arith: ["--count", "10"],
  cgen: ["--count", "10"],
  fuzz: ["--count", "500"],
};

/**
 * Wall-clock limit per script. Past it the script gets SIGTERM and counts
 * as failed, so a compiler bug that loops forever cannot stop the suite.
 * The full fuzz sweep, the longest script, took 130 to 142 s on a loaded
 * 2-core machine.
 */
const SCRIPT_TIMEOUT_MS = 20 * 60_000;
const QUICK_SCRIPT_TIMEOUT_MS = 5 * 60_000;

/**
 * Sweeps that compare every output with gcc's and exit with status 1 when
 * gcc is missing. The runner skips them then, as the other scripts skip
 * their gcc columns.
 */
const NEEDS_GCC = new Set(["arith", "cgen"]);

/** Options on every run: the fuzzer saves its findings under the temp directory, not in the checkout. */
const ALWAYS_ARGUMENTS: Record<string, string[]> = {
  fuzz: ["--out", join(tmpdir(), "ukp-fuzz-findings")],
};

const benchDirectory = import.meta.dirname;
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const requested = args.filter((arg) => arg !== "--quick");
const available = readdirSync(benchDirectory)
  .filter((name) => name.endsWith(".ts") && name !== "run.ts")
  .map((name) => name.slice(0, -3))
  .sort();

const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(", ")}; available: ${available.join(", ")} (option: --quick)`);
  process.exit(2);
}

const env = quick ? { ...process.env, [QUICK_ENVIRONMENT_VARIABLE]: "1" } : process.env;
const gccReason = gccUnavailableReason();
const failed: string[] = [];
const seconds: string[] = [];
const suiteStart = performance.now();
for (const name of requested.length > 0 ? requested : available) {
  if (gccReason && NEEDS_GCC.has(name)) {
    console.log(`\n## ${name}\n\nbench: ${name} skipped: ${gccReason}`);
    continue;
  }
  const scriptArgs = [...(quick ? (QUICK_ARGUMENTS[name] ?? []) : []), ...(ALWAYS_ARGUMENTS[name] ?? [])];
  console.log(`\n## ${name}${scriptArgs.length > 0 ? ` ${scriptArgs.join(" ")}` : ""}\n`);
  const start = performance.now();
  const timeoutMs = quick ? QUICK_SCRIPT_TIMEOUT_MS : SCRIPT_TIMEOUT_MS;
  const result = spawnSync(process.execPath, ["--import", "tsx", join(benchDirectory, `${name}.ts`), ...scriptArgs], { stdio: "inherit", env, timeout: timeoutMs });
  seconds.push(`${name} ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
  if (timedOut) {
    console.error(`bench: ${name} timed out after ${timeoutMs / 60_000} minutes and was stopped`);
    failed.push(name);
  } else if (result.status !== 0) {
    console.error(`bench: ${name} failed with ${result.signal ? `signal ${result.signal}` : `status ${result.status}`}`);
    failed.push(name);
  }
}
console.log(`\nbench: ${((performance.now() - suiteStart) / 1000).toFixed(1)} s in all (${seconds.join(", ")})${quick ? ", --quick" : ""}`);
if (failed.length > 0) console.error(`bench: failed: ${failed.join(", ")}`);
process.exit(failed.length > 0 ? 1 : 0);
