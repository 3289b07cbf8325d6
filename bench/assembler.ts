// Assembler throughput: milliseconds for `assemble()` on our compiler's
// output for the large generated file (bench/cgen/generator.ts, seed 42,
// 100 functions) at -O0 and -O2, and on the hand-written `.s` fixtures of
// test/x86. Every input is assembled `--warmup` times first, then `--runs`
// times; the script prints the median and the fastest run. Under tsx the
// assembler takes about five runs of the large listings to reach its steady
// speed, so fewer warm-up runs would mix warm-up into the median.
// Run: npx tsx bench/assembler.ts [--runs N] [--warmup N] [--functions N] [--quick]
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { compileToAssembly } from "../src/builder/cc/index";
import { loadNodeLibrary } from "../src/cli/node-library";
import { assemble } from "../src/builder/x86/index";
import { generateProgram } from "./cgen/generator";
import { isQuick, positiveIntegerOptionOrExit } from "./support/options";
import { median } from "./support/stats";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = positiveIntegerOptionOrExit("assembler", args, "runs", isQuick(args) ? 3 : 9);
const warmup = positiveIntegerOptionOrExit("assembler", args, "warmup", isQuick(args) ? 1 : 5);
const functions = positiveIntegerOptionOrExit("assembler", args, "functions", 100);

/** One measured input: the sources are assembled one after another and timed together. */
interface Input {
  label: string;
  sources: string[];
}

/** Compiles the generated program at both levels and returns the assembly texts. */
async function compilerOutputs(): Promise<Input[]> {
  const library = await loadNodeLibrary();
  const program = generateProgram(42, { functions, statements: 12, depth: 4 });
  return ([0, 2] as const).map((optimize) => {
    const result = compileToAssembly({ fileName: "large.c", files: { "large.c": program }, headers: library.headers, optimize });
    const error = result.diagnostics.find((d) => d.severity === "error");
    if (error !== undefined) throw new Error(`compiling the generated program at -O${optimize} failed: ${error.message}`);
    return { label: `generated, -O${optimize}`, sources: [result.assembly] };
  });
}

/** Times each hand-written file is assembled per run: they are small, and one pass would be lost in timer noise. */
const HAND_WRITTEN_REPEATS = 50;

/**
 * Reads the hand-written fixtures of test/x86 that assemble as whole files
 * (instructions.s is a list of single lines, some of them invalid on purpose).
 */
function handWritten(): Input {
  const dir = join(root, "test", "x86", "fixtures");
  const names = ["blocks.s", "directives.s"];
  const files = names.map((name) => readFileSync(join(dir, name), "utf8"));
  const sources = Array.from({ length: HAND_WRITTEN_REPEATS }, () => files).flat();
  return { label: `test/x86 fixtures ${names.join(" and ")}, ${HAND_WRITTEN_REPEATS} times each`, sources };
}

/** Assembles the input's sources once per run and returns the times in milliseconds. Throws when one has errors. */
function timeAssemble(input: Input): number[] {
  for (const source of input.sources) {
    const check = assemble(source, "input.s");
    const error = check.diagnostics.find((d) => d.severity === "error");
    if (error !== undefined) throw new Error(`${input.label}: assembly failed at line ${error.line}: ${error.message}`);
  }
  for (let i = 1; i < warmup; i++) for (const source of input.sources) assemble(source, "input.s");
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (const source of input.sources) assemble(source, "input.s");
    times.push(performance.now() - start);
  }
  return times;
}

const inputs = [...(await compilerOutputs()), handWritten()];
console.log(`assemble(), ${runs} runs after ${warmup} warm-up runs, in this process (node ${process.version})`);
for (const input of inputs) {
  const lines = input.sources.reduce((sum, source) => sum + source.split("\n").length, 0);
  const times = timeAssemble(input);
  const best = Math.min(...times);
  console.log(`${input.label}: ${lines} lines, median ${median(times).toFixed(1)} ms, fastest ${best.toFixed(1)} ms`);
}
