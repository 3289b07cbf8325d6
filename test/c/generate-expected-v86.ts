// Regenerates NAME.expected and the `// exit: N` first line of the test/c
// programs named on the command line from their gcc -m32 -O0 build booted in
// v86 against the library OS. It serves programs that call the library OS
// (qsort, setjmp, the full printf), which generate-expected.ts's native
// runtime lacks. The same source is also built with gcc -O2: a different output
// there means the program depends on undefined behaviour, and nothing is
// written. Then it reports whether our builds at -O0 and -O2 agree.
// Run: npx tsx test/c/generate-expected-v86.ts NAME.c [NAME.c ...]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

import { build } from "../../src/builder/build";
import type { OptimizeLevel } from "../../src/builder/cc";
import { formatDiagnostic } from "../../src/builder/diagnostic";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator } from "../../src/emulator";
import { gccUnavailableReason } from "../../bench/cgen/differential";

const here = import.meta.dirname;
const root = join(here, "..", "..");
const RUN_TIMEOUT_MS = 20_000;

interface Outcome {
  output: string;
  exitCode: number | string;
}

/** Builds `cFile` with gcc -m32 at `level` and GNU ld against the committed library OS archive. */
function gccImage(cFile: string, level: string, workDir: string): Uint8Array {
  const object = join(workDir, `${basename(cFile, ".c")}${level}.o`);
  const image = `${object}.elf`;
  const compile = spawnSync("gcc", [
    "-m32", level, "-ffreestanding", "-fno-pic", "-fno-pie", "-fno-asynchronous-unwind-tables", "-fno-stack-protector",
    "-nostdinc", "-I", join(root, "libos", "include"), "-c", cFile, "-o", object,
  ], { encoding: "utf8" });
  if (compile.status !== 0) throw new Error(`gcc ${level} failed on ${cFile}:\n${compile.stderr}`);
  const linked = spawnSync("ld", ["-m", "elf_i386", "-T", join(root, "libos", "link.ld"), "-o", image, object,
    join(root, "public", "images", "libos.a")], { encoding: "utf8" });
  if (linked.status !== 0) throw new Error(`ld failed on ${object}:\n${linked.stderr}`);
  return readFileSync(image);
}

async function boot(emulator: Emulator, image: Uint8Array): Promise<Outcome> {
  const chunks: Uint8Array[] = [];
  const result = await emulator.run(image, { timeoutMs: RUN_TIMEOUT_MS, onOutput: (bytes) => chunks.push(bytes) });
  const output = Buffer.concat(chunks).toString("utf8");
  return { output, exitCode: result.end.reason === "exit" ? result.end.exitCode : result.end.reason };
}

/** Describes the first difference between two runs, such as "line 3: gcc -O0 'x 1', gcc -O2 'x 2'". */
function describeDifference(leftName: string, left: Outcome, rightName: string, right: Outcome): string {
  if (left.exitCode !== right.exitCode) return `${leftName} exit ${left.exitCode}, ${rightName} exit ${right.exitCode}`;
  const leftLines = left.output.split("\n");
  const rightLines = right.output.split("\n");
  const differing = leftLines.findIndex((line, i) => line !== rightLines[i]);
  const at = differing < 0 ? leftLines.length : differing;
  return `line ${at + 1}: ${leftName} '${leftLines[at] ?? "<end>"}', ${rightName} '${rightLines[at] ?? "<end>"}'`;
}

if (gccUnavailableReason) {
  console.error(`cannot generate expectations: ${gccUnavailableReason}`);
  process.exit(1);
}
const names = process.argv.slice(2).map((arg) => basename(arg));
if (names.length === 0) {
  console.error("name the programs to regenerate, such as: npx tsx test/c/generate-expected-v86.ts opt-registers.c");
  process.exit(2);
}

const library = await loadNodeLibrary();
const emulator = await createNodeEmulator();
const workDir = mkdtempSync(join(tmpdir(), "ukp-expected-"));
for (const name of names) {
  const path = join(here, name);
  const gcc = await boot(emulator, gccImage(path, "-O0", workDir));
  const gccOptimized = await boot(emulator, gccImage(path, "-O2", workDir));
  if (gcc.output !== gccOptimized.output || gcc.exitCode !== gccOptimized.exitCode) {
    console.log(`${name}: NOT WRITTEN: gcc -O0 and -O2 differ (${describeDifference("gcc -O0", gcc, "gcc -O2", gccOptimized)}), so the program depends on undefined behaviour`);
    continue;
  }
  if (typeof gcc.exitCode !== "number") {
    console.log(`${name}: NOT WRITTEN: the gcc build ended with ${gcc.exitCode}`);
    continue;
  }
  writeFileSync(path.replace(/\.c$/, ".expected"), gcc.output);
  const source = readFileSync(path, "utf8");
  if (!/^\/\/ exit: \d+\n/.test(source)) throw new Error(`${name} does not start with a '// exit: N' line`);
  const updated = source.replace(/^\/\/ exit: \d+\n/, `// exit: ${gcc.exitCode}\n`);
  if (updated !== source) writeFileSync(path, updated);

  const lines = gcc.output.split("\n").length - 1;
  for (const optimize of [0, 2] as OptimizeLevel[]) {
    const built = build({ files: { [name]: updated }, optimize }, library);
    const errors = built.diagnostics.filter((d) => d.severity === "error");
    if (!built.image || errors.length > 0) {
      console.log(`${name} -O${optimize}: our build failed\n${errors.map((d) => formatDiagnostic(d, { [name]: updated })).join("")}`);
      continue;
    }
    const ours = await boot(emulator, built.image);
    const same = ours.output === gcc.output && ours.exitCode === gcc.exitCode;
    console.log(`${name} -O${optimize}: ${same ? `OK (${lines} lines, exit ${gcc.exitCode})` : `DIFFERS: ${describeDifference("ours", ours, "gcc", gcc)}`}`);
  }
}
emulator.dispose();
