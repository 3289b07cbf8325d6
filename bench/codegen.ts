// Generated-code quality. Builds each program in bench/programs with our
// pipeline and with gcc -m32 at -O0, -O1 and -O2, linked by GNU ld against
// the same library OS archive. Boots every image in one reused v86, fails
// unless all four exit with status 0 and identical output, then prints
// markdown tables of guest instructions executed (exact counts from v86,
// boot included) and of image and code sizes.
// Run: npx tsx bench/codegen.ts [program ...]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

import { build, compileObject } from "../src/builder/build";
import { formatDiagnostic } from "../src/builder/diagnostic";
import type { Diagnostic } from "../src/builder/diagnostic";
import type { LibraryBundle } from "../src/builder/types";
import { createNodeEmulator } from "../src/cli/node-emulator";
import { loadNodeLibrary } from "../src/cli/node-library";
import type { Emulator } from "../src/emulator";

const root = join(import.meta.dirname, "..");
const programsDir = join(import.meta.dirname, "programs");
const GCC_LEVELS = ["-O0", "-O1", "-O2"] as const;
const RUN_TIMEOUT_MS = 120_000;

interface Measured {
  output: string;
  instructions: number;
  bootInstructions: number;
  imageBytes: number;
  /** Bytes of the image's PT_LOAD segments in the file: code and initialised data with the padding between their sections. */
  loadedBytes: number;
  /** Bytes of executable sections in the program's own object file, before linking. */
  codeBytes: number;
}

interface Built {
  image: Uint8Array;
  object: Uint8Array;
}

interface Row {
  name: string;
  ours: Measured;
  gcc: Measured[];
}

/** Checks gcc -m32 and GNU ld; returns why gcc images cannot be built here, or undefined when they can. */
function gccUnavailable(workDir: string): string | undefined {
  if (spawnSync("gcc", ["--version"]).status !== 0) return "gcc is not installed";
  if (spawnSync("ld", ["--version"]).status !== 0) return "GNU ld is not installed";
  const probe = spawnSync("gcc", ["-m32", "-ffreestanding", "-nostdinc", "-x", "c", "-c", "-o", join(workDir, "probe.o"), "-"], {
    input: "int probe(void) { return 1; }\n",
    encoding: "utf8",
  });
  if (probe.status !== 0) return `gcc -m32 cannot compile: ${probe.stderr.trim()}`;
  return undefined;
}

function fail(message: string): never {
  console.error(`codegen: ${message}`);
  process.exit(1);
}

const SHF_EXECINSTR = 4;
const SHT_NOBITS = 8;

/** Sums the sizes of the executable sections of an ELF32 little-endian relocatable object. */
function executableBytes(object: Uint8Array, label: string): number {
  const view = new DataView(object.buffer, object.byteOffset, object.byteLength);
  if (view.getUint32(0) !== 0x7f454c46 || object[4] !== 1 || object[5] !== 1) fail(`${label} is not an ELF32 little-endian object`);
  const sectionTable = view.getUint32(0x20, true);
  const entrySize = view.getUint16(0x2e, true);
  const count = view.getUint16(0x30, true);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const header = sectionTable + i * entrySize;
    const type = view.getUint32(header + 4, true);
    const flags = view.getUint32(header + 8, true);
    if ((flags & SHF_EXECINSTR) !== 0 && type !== SHT_NOBITS) total += view.getUint32(header + 20, true);
  }
  return total;
}

const PT_LOAD = 1;

/** Sums p_filesz over the PT_LOAD segments of an ELF32 little-endian executable. */
function loadedBytes(image: Uint8Array, label: string): number {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  if (view.getUint32(0) !== 0x7f454c46 || image[4] !== 1 || image[5] !== 1) fail(`${label} is not an ELF32 little-endian image`);
  const programTable = view.getUint32(0x1c, true);
  const entrySize = view.getUint16(0x2a, true);
  const count = view.getUint16(0x2c, true);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const header = programTable + i * entrySize;
    if (view.getUint32(header, true) === PT_LOAD) total += view.getUint32(header + 16, true);
  }
  return total;
}

function buildOurs(name: string, source: string, library: LibraryBundle): Built {
  const fileName = `${name}.c`;
  const files = { [fileName]: source };
  const built = build({ files }, library);
  const diagnostics: Diagnostic[] = [];
  const { object } = compileObject(fileName, files, library.headers, diagnostics);
  if (!built.ok || !built.image || !object) {
    const all = [...built.diagnostics, ...diagnostics];
    fail(`our build of ${fileName} failed:\n${all.map((d) => formatDiagnostic(d, files)).join("")}`);
  }
  return { image: built.image, object };
}

function buildGcc(name: string, level: string, workDir: string): Built {
  const object = join(workDir, `${name}${level}.o`);
  const image = join(workDir, `${name}${level}.elf`);
  const compile = spawnSync("gcc", [
    "-m32", level, "-ffreestanding", "-fno-pic", "-fno-pie", "-fno-asynchronous-unwind-tables", "-fno-stack-protector",
    "-nostdinc", "-I", join(root, "libos", "include"), "-c", join(programsDir, `${name}.c`), "-o", object,
  ], { encoding: "utf8" });
  if (compile.status !== 0) fail(`gcc ${level} failed on ${name}.c:\n${compile.stderr}`);
  const linked = spawnSync("ld", ["-m", "elf_i386", "-T", join(root, "libos", "link.ld"), "-o", image, object,
    join(root, "public", "images", "libos.a")], { encoding: "utf8" });
  if (linked.status !== 0) fail(`ld failed on ${name}${level}.o:\n${linked.stderr}`);
  return { image: readFileSync(image), object: readFileSync(object) };
}

async function measure(emulator: Emulator, { image, object }: Built, label: string): Promise<Measured> {
  const chunks: Uint8Array[] = [];
  const result = await emulator.run(image, { timeoutMs: RUN_TIMEOUT_MS, onOutput: (bytes) => chunks.push(bytes) });
  const output = Buffer.concat(chunks).toString("utf8");
  if (result.end.reason !== "exit" || result.end.exitCode !== 0) {
    fail(`${label} did not exit with status 0: ${JSON.stringify(result.end)}\noutput:\n${output}`);
  }
  return { output, instructions: result.instructions, bootInstructions: result.boot?.bootInstructions ?? 0, imageBytes: image.length,
    loadedBytes: loadedBytes(image, label),
    codeBytes: executableBytes(object, label) };
}

function ratio(ours: number, theirs: number): string {
  return (ours / theirs).toFixed(2);
}

function geometricMean(values: number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

function millions(count: number): string {
  return (count / 1e6).toFixed(3);
}

function printInstructionTable(rows: Row[], withGcc: boolean): void {
  const levels = withGcc ? GCC_LEVELS : [];
  const header = ["program", "ours (M instr)", ...levels.map((l) => `gcc ${l} (M)`), ...levels.map((l) => `ours / gcc ${l}`)];

  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
  for (const row of rows) {
    const cells = [row.name, millions(row.ours.instructions), ...row.gcc.map((g) => millions(g.instructions)),
      ...row.gcc.map((g) => ratio(row.ours.instructions, g.instructions))];
    console.log(`| ${cells.join(" | ")} |`);
  }

  if (withGcc) {
    const means = GCC_LEVELS.map((_, i) => geometricMean(rows.map((r) => r.ours.instructions / r.gcc[i].instructions)).toFixed(2));
    console.log(`| **geometric mean** | | ${GCC_LEVELS.map(() => "").join(" | ")} | ${means.map((m) => `**${m}**`).join(" | ")} |`);
  }
  const boot = rows[0].ours.bootInstructions;
  console.log(`\nCounts are whole runs: boot to exit. Boot to main of ${rows[0].name} takes ${boot} instructions in our image` +
    (withGcc ? ` and ${rows[0].gcc[0].bootInstructions} in gcc -O0's.` : "."));
}

function printSizeTable(rows: Row[], withGcc: boolean): void {
  const levels = withGcc ? GCC_LEVELS : [];
  const sizeHeader = ["program", "image file ours", ...(withGcc ? ["image file gcc -O2"] : []),
    "loaded ours", ...(withGcc ? ["loaded gcc -O2", "ours / gcc -O2"] : []),
    "code ours", ...levels.map((l) => `code gcc ${l}`), ...(withGcc ? ["ours / gcc -O2"] : [])];

  console.log(`| ${sizeHeader.join(" | ")} |`);
  console.log(`|${sizeHeader.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
  for (const row of rows) {
    const o2 = row.gcc[2];
    const cells = [row.name, String(row.ours.imageBytes), ...(o2 ? [String(o2.imageBytes)] : []),
      String(row.ours.loadedBytes), ...(o2 ? [String(o2.loadedBytes), ratio(row.ours.loadedBytes, o2.loadedBytes)] : []),
      String(row.ours.codeBytes), ...row.gcc.map((g) => String(g.codeBytes)), ...(o2 ? [ratio(row.ours.codeBytes, o2.codeBytes)] : [])];
    console.log(`| ${cells.join(" | ")} |`);
  }

  if (withGcc) {
    const loaded = geometricMean(rows.map((r) => r.ours.loadedBytes / r.gcc[2].loadedBytes)).toFixed(2);
    const code = geometricMean(rows.map((r) => r.ours.codeBytes / r.gcc[2].codeBytes)).toFixed(2);
    console.log(`| **geometric mean** | | | | | **${loaded}** | | | | | **${code}** |`);
  }
  console.log("\nImage file: the whole ELF file (GNU ld starts the first segment at file offset 0x1000, ours right after the headers)." +
    " Loaded: bytes of the PT_LOAD segments, program plus library OS. Code: bytes of executable sections in the program's own object.");
}

const requested = process.argv.slice(2);
const names = readdirSync(programsDir).filter((f) => f.endsWith(".c")).map((f) => basename(f, ".c")).sort()
  .filter((name) => requested.length === 0 || requested.includes(name));
if (names.length === 0) fail(`no programs match ${requested.join(", ")} in ${programsDir}`);
const workDir = mkdtempSync(join(tmpdir(), "ukp-codegen-"));
const gccReason = gccUnavailable(workDir);
if (gccReason) console.log(`codegen: gcc columns skipped: ${gccReason}\n`);
const library = await loadNodeLibrary();
const emulator = await createNodeEmulator();
const rows: Row[] = [];
for (const name of names) {
  const source = readFileSync(join(programsDir, `${name}.c`), "utf8");
  const ours = await measure(emulator, buildOurs(name, source, library), `${name} (ours)`);
  const gcc: Measured[] = [];
  if (!gccReason) {
    for (const level of GCC_LEVELS) {
      const measured = await measure(emulator, buildGcc(name, level, workDir), `${name} (gcc ${level})`);
      if (measured.output !== ours.output) {
        fail(`${name}: output differs between ours and gcc ${level}\nours:\n${ours.output}\ngcc ${level}:\n${measured.output}`);
      }
      gcc.push(measured);
    }
  }
  console.error(`${name}: ${ours.output.trim().split("\n").pop()}`);
  rows.push({ name, ours, gcc });
}
emulator.dispose();
console.log("");
printInstructionTable(rows, !gccReason);
console.log("");
printSizeTable(rows, !gccReason);
