// Builds one C source twice, with our pipeline (at a chosen optimisation
// level) and with gcc -m32 + GNU ld against the same library OS archive,
// boots both images in one reused v86, and returns both outputs for
// comparison. Needs gcc and ld on the host.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { build } from "../../src/builder/build";
import type { OptimizeLevel } from "../../src/builder/cc";
import { formatDiagnostic } from "../../src/builder/diagnostic";
import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator } from "../../src/emulator";

const root = join(import.meta.dirname, "..", "..");
const RUN_TIMEOUT_MS = 20_000;

/** Why gcc builds are impossible here, or undefined when gcc and GNU ld both run. */
export const gccUnavailableReason: string | undefined =
  spawnSync("gcc", ["--version"]).status !== 0
    ? "gcc is not installed"
    : spawnSync("ld", ["--version"]).status !== 0
      ? "GNU ld is not installed"
      : undefined;

export interface RunOutcome {
  /** COM1 output, or the build errors when the build failed. */
  output: string;
  /** "exit N", "timeout", "crash" or "build failed". */
  end: string;
}

export interface DifferentialResult {
  ours: RunOutcome;
  gcc: RunOutcome;
  same: boolean;
}

async function boot(emulator: Emulator, image: Uint8Array): Promise<RunOutcome> {
  const chunks: Uint8Array[] = [];
  const result = await emulator.run(image, { timeoutMs: RUN_TIMEOUT_MS, onOutput: (bytes) => chunks.push(bytes) });
  const end = result.end.reason === "exit" ? `exit ${result.end.exitCode}` : result.end.reason;
  return { output: Buffer.concat(chunks).toString("utf8"), end };
}

/** Links `source` with gcc -m32 -O0 and GNU ld exactly as test/c does; throws when gcc rejects it. */
export function buildWithGcc(source: string, workDir: string, name: string): Uint8Array {
  const cFile = join(workDir, `${name}.c`);
  const object = join(workDir, `${name}.o`);
  const image = join(workDir, `${name}.elf`);
  writeFileSync(cFile, source);
  const compile = spawnSync("gcc", [
    "-m32", "-O0", "-ffreestanding", "-fno-pic", "-fno-pie", "-fno-asynchronous-unwind-tables", "-fno-stack-protector",
    "-nostdinc", "-I", join(root, "libos", "include"), "-w", "-c", cFile, "-o", object,
  ], { encoding: "utf8" });
  if (compile.status !== 0) throw new Error(`gcc failed on ${name}.c:\n${compile.stderr}`);
  const linked = spawnSync("ld", ["-m", "elf_i386", "-T", join(root, "libos", "link.ld"), "-o", image, object,
    join(root, "public", "images", "libos.a")], { encoding: "utf8" });
  if (linked.status !== 0) throw new Error(`ld failed on ${name}.o:\n${linked.stderr}`);
  return readFileSync(image);
}

/** Builds `source` with our pipeline at `optimize` and boots it; a failed build returns its errors as the output. */
export async function runOurs(
  source: string, name: string, emulator: Emulator, library: LibraryBundle, optimize: OptimizeLevel,
): Promise<RunOutcome> {
  const fileName = `${name}.c`;
  const built = build({ files: { [fileName]: source }, optimize }, library);
  const errors = built.diagnostics.filter((d) => d.severity === "error");
  if (built.image && errors.length === 0) return boot(emulator, built.image);
  return { output: errors.map((d) => formatDiagnostic(d, { [fileName]: source })).join(""), end: "build failed" };
}

/** Builds `source` with gcc -m32 -O0 and GNU ld and boots it. */
export async function runGcc(source: string, name: string, emulator: Emulator, workDir: string): Promise<RunOutcome> {
  return boot(emulator, buildWithGcc(source, workDir, name));
}

/** Checks that two runs printed the same output and ended the same way. */
export function sameOutcome(a: RunOutcome, b: RunOutcome): boolean {
  return a.output === b.output && a.end === b.end;
}

/** Builds and boots `source` both ways, ours at `optimize` (default 2, as build() does). */
export async function runDifferential(
  source: string, name: string, emulator: Emulator, library: LibraryBundle, workDir: string, optimize: OptimizeLevel = 2,
): Promise<DifferentialResult> {
  const ours = await runOurs(source, name, emulator, library, optimize);
  const gcc = await runGcc(source, name, emulator, workDir);
  return { ours, gcc, same: sameOutcome(ours, gcc) };
}

/** Reads `--optimize N` from a command line: 0, 1 or 2, default 2; exits with a usage error on any other value. */
export function optimizeOption(args: readonly string[], program: string): OptimizeLevel {
  const index = args.indexOf("--optimize");
  if (index < 0) return 2;
  const value = args[index + 1];
  if (value === "0" || value === "1" || value === "2") return Number(value) as OptimizeLevel;
  console.error(`${program}: invalid --optimize value '${value ?? ""}': use 0, 1 or 2`);
  process.exit(2);
}

/** The first line where two outputs differ, for a short report. */
export function firstDifference(a: string, b: string): string {
  const left = a.split("\n");
  const right = b.split("\n");
  const line = left.findIndex((text, i) => text !== right[i]);
  const at = line < 0 ? left.length : line;
  return `line ${at + 1}: ours '${left[at] ?? "<end>"}', gcc '${right[at] ?? "<end>"}'`;
}

export interface SweepSummary {
  mismatches: number;
  /** Lines of C generated. */
  lines: number;
  /** Values the programs printed, one per output line. */
  checks: number;
  seconds: number;
}

/**
 * Runs `generate` for seeds `from` to `from + count - 1` against gcc in one
 * reused emulator, ours built at `optimize`. Prints one line per mismatch
 * and saves that program in `workDir` for reproduction.
 */
export async function runSweep(
  generate: (seed: number) => string,
  from: number,
  count: number,
  workDir: string,
  optimize: OptimizeLevel = 2,
): Promise<SweepSummary> {
  const library = await loadNodeLibrary();
  const emulator = await createNodeEmulator();
  const summary: SweepSummary = { mismatches: 0, lines: 0, checks: 0, seconds: 0 };
  const start = performance.now();
  for (let seed = from; seed < from + count; seed++) {
    const source = generate(seed);
    summary.lines += source.split("\n").length;
    const result = await runDifferential(source, `seed${seed}`, emulator, library, workDir, optimize);
    summary.checks += result.gcc.output.split("\n").length - 1;
    if (result.same) continue;

    summary.mismatches++;
    const saved = join(workDir, `mismatch-${seed}.c`);
    writeFileSync(saved, source);
    const detail =
      result.ours.end !== result.gcc.end ? `ours ${result.ours.end}, gcc ${result.gcc.end}` : firstDifference(result.ours.output, result.gcc.output);
    console.log(`seed ${seed}: MISMATCH (${detail}); program saved as ${saved}`);
  }
  emulator.dispose();
  summary.seconds = (performance.now() - start) / 1000;
  return summary;
}
