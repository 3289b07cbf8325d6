// Differential testing of arithmetic across all integer and floating types:
// generates programs from a range of seeds (bench/arith/generator.ts),
// builds each with our compiler (at --optimize N, default 2, as build()
// does) and with gcc -m32 -O0 against the same library OS, boots both in v86
// and compares the output. Prints one line per mismatch, saving the
// program, and a summary.
// Run: npx tsx bench/arith.ts [--optimize 0|1|2] [--from SEED] [--count N]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { generateArithmeticProgram } from "./arith/generator";
import { gccUnavailableReason, optimizeOption, runSweep } from "./cgen/differential";

const args = process.argv.slice(2);
function option(name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
}

if (gccUnavailableReason) {
  console.error(`arith: cannot compare with gcc: ${gccUnavailableReason}`);
  process.exit(1);
}

const from = option("from", 1);
const count = option("count", 50);
const optimize = optimizeOption(args, "arith");
const workDir = mkdtempSync(join(tmpdir(), "ukp-arith-"));
const summary = await runSweep((seed) => generateArithmeticProgram(seed), from, count, workDir, optimize);
console.log(
  `arith: ${count} programs at -O${optimize} (seeds ${from}..${from + count - 1}, ${summary.checks} printed values), ` +
    `${summary.mismatches} mismatches, ${summary.seconds.toFixed(1)} s`,
);
process.exit(summary.mismatches > 0 ? 1 : 0);
