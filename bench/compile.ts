// Compile throughput: lines per second of our compiler (preprocess, compile
// and assemble to an ELF object, in this process) against a `gcc -m32 -O0 -c`
// process on the same file, measured in the same run. Two inputs: one large
// generated file (bench/cgen/generator.ts) and the test corpus (test/c and
// test/programs, each file compiled separately).
// Run: npx tsx bench/compile.ts [--runs N] [--functions N]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { compileObject } from "../src/builder/build";
import { hasErrors, type Diagnostic } from "../src/builder/diagnostic";
import { loadNodeLibrary } from "../src/cli/node-library";
import { generateProgram } from "./cgen/generator";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 5;
const functions = Number(args[args.indexOf("--functions") + 1]) || 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const library = await loadNodeLibrary();
const workDir = mkdtempSync(join(tmpdir(), "ukp-compile-bench-"));

/** Milliseconds for one in-process compile of `source` to an object; throws on a compile error. */
function timeOurs(name: string, source: string): number {
  const diagnostics: Diagnostic[] = [];
  const start = performance.now();
  const result = compileObject(name, { [name]: source }, library.headers, diagnostics);
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

function report(label: string, lines: number, oursMs: number, gccMs: number, oursColdMs?: number): void {
  const perSecond = (ms: number) => Math.round((lines / ms) * 1000).toLocaleString("en-US");
  console.log(`${label}: ${lines} lines`);
  console.log(`  ours  ${oursMs.toFixed(1)} ms (${perSecond(oursMs)} lines/s)${oursColdMs === undefined ? "" : `, first run ${oursColdMs.toFixed(1)} ms`}`);
  console.log(`  gcc   ${gccMs.toFixed(1)} ms (${perSecond(gccMs)} lines/s)`);
  console.log(`  gcc time / our time: ${(gccMs / oursMs).toFixed(2)}x`);
}

// One large generated file.
const large = generateProgram(42, { functions, statements: 12, depth: 4 });
const ours: number[] = [];
const gcc: number[] = [];
for (let i = 0; i <= runs; i++) ours.push(timeOurs("large.c", large));
for (let i = 0; i < runs; i++) gcc.push(timeGcc("large.c", large));
report(`generated file (seed 42, ${functions} functions), median of ${runs}`, lineCount(large), median(ours.slice(1)), median(gcc), ours[0]);

// The corpus: every file compiled on its own, as the page and the CLI do.
const corpus: { name: string; source: string }[] = [];
for (const dir of ["test/c", "test/programs"]) {
  for (const name of readdirSync(join(root, dir)).filter((f) => f.endsWith(".c")).sort()) {
    corpus.push({ name, source: readFileSync(join(root, dir, name), "utf8") });
  }
}
const failed: string[] = [];
for (const file of [...corpus]) {
  try {
    timeOurs(file.name, file.source);
  } catch (e) {
    failed.push(`${file.name} (${(e as Error).message})`);
    corpus.splice(corpus.indexOf(file), 1);
  }
}
if (failed.length > 0) console.log(`left out of the corpus because our compile failed: ${failed.join("; ")}`);
let corpusLines = 0;
let oursTotal = 0;
let gccTotal = 0;
for (const file of corpus) {
  corpusLines += lineCount(file.source);
  oursTotal += median(Array.from({ length: runs }, () => timeOurs(file.name, file.source)));
  gccTotal += median(Array.from({ length: runs }, () => timeGcc(file.name, file.source)));
}
report(`test corpus (${corpus.length} files, each the median of ${runs})`, corpusLines, oursTotal, gccTotal);
console.log(`  per file: ours ${(oursTotal / corpus.length).toFixed(2)} ms, gcc ${(gccTotal / corpus.length).toFixed(2)} ms`);
rmSync(workDir, { recursive: true, force: true });
