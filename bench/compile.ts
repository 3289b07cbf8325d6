// Compile throughput: lines per second of our compiler (preprocess, compile
// and assemble to an ELF object, in this process) at -O0 and at -O2, against
// a `gcc -m32 -O0 -c` process on the same file, measured in the same run. Two
// inputs: one large generated file (bench/cgen/generator.ts) and the test
// corpus (test/c and test/programs, each file compiled separately). A child
// process compiles every input once first, so that an input our compiler
// rejects or never finishes is left out with a note instead of stopping the run.
// The generated file's figures are steady-state: after the first (cold)
// compile, `--warmup` more compiles per level let V8 finish optimising the
// compiler before the timed runs, and the report gives the first run and the
// warm-up runs' median apart.
// Run: npx tsx bench/compile.ts [--runs N] [--warmup N] [--functions N] [--quick]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { compileObject } from "../src/builder/build";
import { hasErrors, type Diagnostic } from "../src/builder/diagnostic";
import { loadNodeLibrary } from "../src/cli/node-library";
import { generateProgram } from "./cgen/generator";
import { findCompileFailures } from "./support/compile-probe";
import { gccUnavailableReason } from "./support/gcc";
import { isQuick, positiveIntegerOptionOrExit } from "./support/options";
import { median } from "./support/stats";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = positiveIntegerOptionOrExit("compile", args, "runs", isQuick(args) ? 2 : 5);
const functions = positiveIntegerOptionOrExit("compile", args, "functions", 100);
/*
 * Compiles of the generated file after the first, per level, that are not
 * timed for the median. Over 24 compiles in one process, -O2 times fell from
 * 330-400 ms on the second run to a steady 230-300 ms by about the eighth
 * (Node 20, 2 cores).
 */
const warmup = positiveIntegerOptionOrExit("compile", args, "warmup", isQuick(args) ? 1 : 8);
const LEVELS = [0, 2] as const;
type Level = (typeof LEVELS)[number];
/** Time limit of one compile in the probe, which tells a hang from a slow compile. */
const PROBE_TIMEOUT_MS = 30_000;

const library = await loadNodeLibrary();
const workDir = mkdtempSync(join(tmpdir(), "ukp-compile-bench-"));

/** Times one in-process compile of `source` to an object at `level`, in milliseconds. Throws on a compile error. */
function timeOurs(name: string, source: string, level: Level): number {
  const diagnostics: Diagnostic[] = [];
  const start = performance.now();
  const result = compileObject(name, { [name]: source }, library.headers, diagnostics, level);
  const elapsed = performance.now() - start;
  if (!result.object || hasErrors(diagnostics)) throw new Error(`our compile of ${name} failed: ${diagnostics[0]?.message}`);
  return elapsed;
}

/** Milliseconds for one `gcc -m32 -O0 -c` process on `source`. */
function timeGcc(name: string, source: string): number {
  const cFile = join(workDir, name);
  writeFileSync(cFile, source);
  const argv = ["-m32", "-O0", "-ffreestanding", "-fno-pic", "-nostdinc", "-I", join(root, "libos", "include"), "-w", "-c", cFile, "-o", `${cFile}.o`];
  const start = performance.now();
  execFileSync("gcc", argv, { stdio: "ignore" });
  return performance.now() - start;
}

function lineCount(source: string): number {
  return source.split("\n").length - (source.endsWith("\n") ? 1 : 0);
}

/** Prints one input's figures: ours at each level, gcc's when measured, and gcc time / our time per level. */
/** Our first compile of an input in this process and the median of the warm-up compiles after it, per level. */
interface EarlyRuns {
  coldMs: Record<Level, number>;
  warmupMs: Record<Level, number>;
}

function report(label: string, lines: number, oursMs: Record<Level, number>, gccMs: number | undefined, early?: EarlyRuns): void {
  const perSecond = (ms: number) => Math.round((lines / ms) * 1000).toLocaleString("en-US");
  console.log(`${label}: ${lines} lines`);
  for (const level of LEVELS) {
    const before = early === undefined ? "" : `, first run ${early.coldMs[level].toFixed(1)} ms, warm-up median ${early.warmupMs[level].toFixed(1)} ms`;
    console.log(`  ours -O${level}  ${oursMs[level].toFixed(1)} ms (${perSecond(oursMs[level])} lines/s)${before}`);
  }
  if (gccMs === undefined) return;
  console.log(`  gcc -O0   ${gccMs.toFixed(1)} ms (${perSecond(gccMs)} lines/s)`);
  for (const level of LEVELS) console.log(`  gcc -O0 time / our -O${level} time: ${(gccMs / oursMs[level]).toFixed(2)}x`);
}

const gccReason = gccUnavailableReason(false);
if (gccReason) console.log(`compile: gcc rows skipped: ${gccReason}`);

// The inputs: one large generated file, and the corpus of files compiled on their own, as the page and the CLI do.
const large = generateProgram(42, { functions, statements: 12, depth: 4 });
const corpus: { name: string; source: string }[] = [];
for (const dir of ["test/c", "test/programs"]) {
  for (const name of readdirSync(join(root, dir)).filter((f) => f.endsWith(".c")).sort()) {
    corpus.push({ name, source: readFileSync(join(root, dir, name), "utf8") });
  }
}
const failures = await findCompileFailures([{ name: "large.c", source: large }, ...corpus], [...LEVELS], PROBE_TIMEOUT_MS);
const largeFailure = failures.get(0);
const failed = [...failures].filter(([index]) => index > 0).map(([index, reason]) => `${corpus[index - 1]!.name} (${reason})`);
const measured = corpus.filter((_, i) => !failures.has(i + 1));
if (failed.length > 0) console.log(`left out of the corpus because our compile failed: ${failed.join("; ")}`);

if (largeFailure) {
  console.log(`generated file (seed 42, ${functions} functions) left out because our compile failed: ${largeFailure}`);
} else {
  // The generated file. The first compile at each level is the cold one, and the warm-up compiles
  // after it stay out of the median too.
  const ours: Record<Level, number[]> = { 0: [], 2: [] };
  for (let i = 0; i < 1 + warmup + runs; i++) {
    for (const level of LEVELS) ours[level].push(timeOurs("large.c", large, level));
  }
  const gcc = gccReason ? [] : Array.from({ length: runs }, () => timeGcc("large.c", large));
  const timed = (level: Level) => median(ours[level].slice(1 + warmup));
  const warming = (level: Level) => median(ours[level].slice(1, 1 + warmup));
  report(
    `generated file (seed 42, ${functions} functions), median of ${runs} after ${warmup} warm-up run${warmup === 1 ? "" : "s"}`, lineCount(large),
    { 0: timed(0), 2: timed(2) }, gccReason ? undefined : median(gcc),
    { coldMs: { 0: ours[0][0]!, 2: ours[2][0]! }, warmupMs: { 0: warming(0), 2: warming(2) } },
  );
}

let corpusLines = 0;
const oursTotal: Record<Level, number> = { 0: 0, 2: 0 };
let gccTotal = 0;
for (const file of measured) {
  corpusLines += lineCount(file.source);
  for (const level of LEVELS) oursTotal[level] += median(Array.from({ length: runs }, () => timeOurs(file.name, file.source, level)));
  if (!gccReason) gccTotal += median(Array.from({ length: runs }, () => timeGcc(file.name, file.source)));
}
report(`test corpus (${measured.length} files, each the median of ${runs})`, corpusLines, oursTotal, gccReason ? undefined : gccTotal);
const perFile = (ms: number) => `${(ms / measured.length).toFixed(2)} ms`;
console.log(`  per file: ours -O0 ${perFile(oursTotal[0])}, ours -O2 ${perFile(oursTotal[2])}${gccReason ? "" : `, gcc -O0 ${perFile(gccTotal)}`}`);
rmSync(workDir, { recursive: true, force: true });
