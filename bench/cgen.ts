// Differential testing with random programs: generates well-defined C from
// a range of seeds (bench/cgen/generator.ts), builds each with our compiler
// and with gcc -m32 against the same library OS, boots both in v86 and
// compares the output. Prints one line per mismatch and a summary, and
// saves each mismatching program for reproduction.
// Run: npx tsx bench/cgen.ts [--from SEED] [--count N] [--functions N] [--statements N] [--depth N]
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createNodeEmulator } from "../src/cli/node-emulator";
import { loadNodeLibrary } from "../src/cli/node-library";
import { firstDifference, gccUnavailableReason, runDifferential } from "./cgen/differential";
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
};
const workDir = mkdtempSync(join(tmpdir(), "ukp-cgen-"));
const library = await loadNodeLibrary();
const emulator = await createNodeEmulator();
let mismatches = 0;
let lines = 0;
let checks = 0;
const start = performance.now();
for (let seed = from; seed < from + count; seed++) {
  const source = generateProgram(seed, options);
  lines += source.split("\n").length;
  const result = await runDifferential(source, `seed${seed}`, emulator, library, workDir);
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
console.log(
  `cgen: ${count} programs (seeds ${from}..${from + count - 1}, ${lines} lines, ${checks} printed values), ` +
    `${mismatches} mismatches, ${seconds.toFixed(1)} s`,
);
process.exit(mismatches > 0 ? 1 : 0);
