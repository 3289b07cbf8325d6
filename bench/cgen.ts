// Differential testing with random programs: generates well-defined C from
// a range of seeds (bench/cgen/generator.ts), builds each with our compiler
// (at --optimize N, default 2, as build() does) and with gcc -m32 -O0
// against the same library OS, boots both in v86 and compares the output.
// Prints one line per mismatch and a summary, and saves each mismatching
// program for reproduction.
// Run: npx tsx bench/cgen.ts [--optimize 0|1|2] [--from SEED] [--count N] [--functions N] [--statements N] [--depth N]
//   [--no-long-long]  (only types up to 32 bits, so the optimising back end compiles every function)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { gccUnavailableReason, optimizeOption, runSweep } from "./cgen/differential";
import { DEFAULT_OPTIONS, generateProgram } from "./cgen/generator";

const args = process.argv.slice(2);
function option(name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
}

if (gccUnavailableReason) {
  console.error(`cgen: cannot compare with gcc: ${gccUnavailableReason}`);
  process.exit(1);
}

const from = option("from", 1);
const count = option("count", 50);
const options = {
  functions: option("functions", DEFAULT_OPTIONS.functions),
  statements: option("statements", DEFAULT_OPTIONS.statements),
  depth: option("depth", DEFAULT_OPTIONS.depth),
  longLong: !args.includes("--no-long-long"),
};
const optimize = optimizeOption(args, "cgen");
const workDir = mkdtempSync(join(tmpdir(), "ukp-cgen-"));
const summary = await runSweep((seed) => generateProgram(seed, options), from, count, workDir, optimize);
console.log(
  `cgen: ${count} programs at -O${optimize} (seeds ${from}..${from + count - 1}, ${summary.lines} lines, ${summary.checks} printed values), ` +
    `${summary.mismatches} mismatches, ${summary.seconds.toFixed(1)} s`,
);
process.exit(summary.mismatches > 0 ? 1 : 0);
