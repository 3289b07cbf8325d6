// Front-end speed: milliseconds of each stage of `compileToAssembly` at -O0
// on the large generated file (bench/cgen/generator.ts, seed 42, 100
// functions): lexing and preprocessing, parsing, and -O0 code generation,
// each the median of several runs in this process after warm-up runs.
// Run: npx tsx bench/front.ts [--runs N] [--functions N] [--quick]
import { emitProgram } from "../src/builder/cc/codegen/program";
import { Reporter } from "../src/builder/cc/errors";
import { compileToAssembly } from "../src/builder/cc/index";
import { parseProgram } from "../src/builder/cc/parse/toplevel";
import { preprocess } from "../src/builder/cc/preprocess";
import type { Diagnostic } from "../src/builder/diagnostic";
import { loadNodeLibrary } from "../src/cli/node-library";
import { generateProgram } from "./cgen/generator";
import { isQuick, positiveIntegerOptionOrExit } from "./support/options";
import { median } from "./support/stats";

const args = process.argv.slice(2);
const runs = positiveIntegerOptionOrExit("front", args, "runs", isQuick(args) ? 3 : 11);
const functions = positiveIntegerOptionOrExit("front", args, "functions", 100);
const WARM_UP_RUNS = 3;

const library = await loadNodeLibrary();
const fileName = "large.c";
const source = generateProgram(42, { functions, statements: 12, depth: 4 });
const files = { [fileName]: source };
const sources = { [fileName]: source.split("\n") };

const samples = { preprocess: [] as number[], parse: [] as number[], codegen: [] as number[], whole: [] as number[] };
for (let run = 0; run < WARM_UP_RUNS + runs; run++) {
  const diagnostics: Diagnostic[] = [];
  const t0 = performance.now();
  const tokens = preprocess(fileName, files, library.headers, diagnostics);
  const t1 = performance.now();
  const reporter = new Reporter(diagnostics);
  const program = parseProgram(tokens, reporter);
  const t2 = performance.now();
  const assembly = emitProgram(program, reporter, sources, 0);
  const t3 = performance.now();
  const whole = compileToAssembly({ fileName, files, headers: library.headers, optimize: 0 });
  const t4 = performance.now();
  if (reporter.errorCount > 0) {
    console.error(`front: the generated file failed to compile: ${diagnostics.find((d) => d.severity === "error")?.message}`);
    process.exit(1);
  }
  if (whole.assembly !== assembly) {
    console.error("front: the assembly of the stages run one by one differs from that of compileToAssembly");
    process.exit(1);
  }
  if (run < WARM_UP_RUNS) continue;
  samples.preprocess.push(t1 - t0);
  samples.parse.push(t2 - t1);
  samples.codegen.push(t3 - t2);
  samples.whole.push(t4 - t3);
}

const lines = source.split("\n").length;
console.log(`front end at -O0 on the generated file (${lines} lines, seed 42, ${functions} functions), median of ${runs} runs:`);
for (const [stage, values] of Object.entries(samples)) {
  console.log(`  ${stage.padEnd(11)} ${median(values).toFixed(1).padStart(7)} ms`);
}
