// Differential testing of arithmetic across all integer and floating types:
// generates programs from a range of seeds (bench/arith/generator.ts),
// builds each with our compiler and with gcc -m32 against the same library
// OS, boots both in v86 and compares the output. Prints one line per
// mismatch, saving the program, and a summary.
// Run: npx tsx bench/arith.ts [--from SEED] [--count N]
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createNodeEmulator } from "../src/cli/node-emulator";
import { loadNodeLibrary } from "../src/cli/node-library";
import { generateArithmeticProgram } from "./arith/generator";
import { firstDifference, gccUnavailableReason, runDifferential } from "./cgen/differential";

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
const workDir = mkdtempSync(join(tmpdir(), "ukp-arith-"));
const library = await loadNodeLibrary();
const emulator = await createNodeEmulator();
let mismatches = 0;
let checks = 0;
const start = performance.now();
for (let seed = from; seed < from + count; seed++) {
  const source = generateArithmeticProgram(seed);
  const result = await runDifferential(source, `arith${seed}`, emulator, library, workDir);
  checks += result.gcc.output.split("\n").length - 1;
  if (!result.same) {
    mismatches++;
    const saved = join(workDir, `mismatch-${seed}.c`);
    writeFileSync(saved, source);
    const detail = result.ours.end !== result.gcc.end
      ? `ours ${result.ours.end}, gcc ${result.gcc.end}`
      : firstDifference(result.ours.output, result.gcc.output);
    console.log(`seed ${seed}: MISMATCH (${detail}); program saved as ${saved}`);
  }
}
emulator.dispose();
const seconds = (performance.now() - start) / 1000;
console.log(`arith: ${count} programs (seeds ${from}..${from + count - 1}, ${checks} printed values), ${mismatches} mismatches, ${seconds.toFixed(1)} s`);
process.exit(mismatches > 0 ? 1 : 0);
