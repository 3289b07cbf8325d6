// Image size of every gallery example (src/editor/examples), built by our
// compiler at -O0 and -O2 and by gcc -m32 at -O0 and -O2. Every image is
// linked by our linker against the same library OS, with the default
// garbage collection of unreachable sections, so only the compiler differs.
// It prints three tables. Image file bytes are whole files, and ours carry a
// .debug_line table for the app that gcc's objects, built without -g, lack.
// Loaded bytes are the PT_LOAD segments. App bytes are what the app's own
// objects keep in the image (code and data, no .bss): there the compilers differ.
// Every image is booted in v86 first and must print what the example's
// `expect` patterns promise and end as the example says, so no size is
// counted for a broken image.
// Run: npx tsx bench/size.ts
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { build } from "../src/builder/build";
import { formatDiagnostic } from "../src/builder/diagnostic";
import type { BinaryInput, BuildRequest, BuildResult, LibraryBundle, LinkMap } from "../src/builder/types";
import { createNodeEmulator } from "../src/cli/node-emulator";
import { loadNodeLibrary } from "../src/cli/node-library";
import type { Emulator } from "../src/emulator";
import { loadedBytes } from "./support/elf";
import { compiledSources, EXAMPLES, type Example } from "./support/examples";
import { gccFlags, gccUnavailableReason, runTool, type GccLevel } from "./support/gcc";
import { geometricMean } from "./support/stats";
import { printTable } from "./support/table";

/** The component the link map gives to the objects of the build itself, as opposed to library members. */
const APP_COMPONENT = "app";
const RUN_TIMEOUT_MS = 20_000;

interface Sizes {
  imageBytes: number;
  /** Bytes of the PT_LOAD segments in the file: what the boot loader copies into memory. */
  loadedBytes: number;
  /** File bytes of the app's own input sections kept in the image (every section but .bss). */
  appBytes: number;
}

function appBytes(linkMap: LinkMap): number {
  let total = 0;
  for (const section of linkMap.sections) {
    if (section.name === ".bss") continue;
    for (const input of section.inputs) if (input.component === APP_COMPONENT) total += input.size;
  }
  return total;
}

function buildOrExit(request: BuildRequest, library: LibraryBundle, label: string, files: Record<string, string>): BuildResult & { image: Uint8Array; linkMap: LinkMap } {
  const result = build(request, library);
  if (!result.ok || !result.image || !result.linkMap) {
    console.error(`size: ${label} failed to build:\n${result.diagnostics.map((d) => formatDiagnostic(d, files)).join("")}`);
    process.exit(1);
  }
  return result as BuildResult & { image: Uint8Array; linkMap: LinkMap };
}

/** Boots `image` and exits the process unless its console and its end match what `example` promises. */
async function checkRun(example: Example, image: Uint8Array, label: string): Promise<void> {
  let output = "";
  let inputSent = false;
  const result = await emulator.run(image, {
    timeoutMs: RUN_TIMEOUT_MS,
    onOutput: (bytes) => {
      output += Buffer.from(bytes).toString("utf8");
      if (example.input !== undefined && !inputSent) {
        inputSent = true;
        emulator.sendInput(example.input);
      }
    },
  });
  const lines = output.replace(/\r/g, "").split("\n");
  const mismatch = example.expect.findIndex((pattern, index) => !pattern.test(lines[index] ?? ""));
  const endOk = example.exit === "panic"
    ? result.end.reason === "panic" || result.end.reason === "crash"
    : result.end.reason === "exit" && result.end.exitCode === example.exit;
  if (mismatch >= 0 || !endOk) {
    const problem = mismatch >= 0 ? `line ${mismatch + 1} does not match ${example.expect[mismatch]}` : `expected exit ${example.exit}`;
    console.error(`size: ${label}: ${problem}. The run ended with ${JSON.stringify(result.end)}, output:\n${output}`);
    process.exit(1);
  }
}

function sizesOf(image: Uint8Array, linkMap: LinkMap, label: string): Sizes {
  return { imageBytes: image.length, loadedBytes: loadedBytes(image, label), appBytes: appBytes(linkMap) };
}

async function ourSizes(example: Example, optimize: 0 | 2, library: LibraryBundle): Promise<Sizes> {
  const label = `${example.id} at our -O${optimize}`;
  const result = buildOrExit({ files: example.files, optimize }, library, label, example.files);
  await checkRun(example, result.image, label);
  return sizesOf(result.image, result.linkMap, label);
}

/** Compiles the example's sources with gcc at `level` and links the objects with our linker. */
async function gccSizes(example: Example, level: GccLevel, library: LibraryBundle, workDir: string): Promise<Sizes> {
  const dir = mkdtempSync(join(workDir, `${example.id}${level}-`));
  for (const [name, text] of Object.entries(example.files)) writeFileSync(join(dir, name), text);
  const inputs: BinaryInput[] = compiledSources(example).map((source) => {
    runTool("gcc", [...gccFlags(level), "-c", source, "-o", `${source}.o`], dir);
    return { name: `${source}.o`, bytes: new Uint8Array(readFileSync(join(dir, `${source}.o`))) };
  });
  const label = `${example.id} from gcc ${level} objects`;
  const result = buildOrExit({ files: {}, inputs }, library, label, example.files);
  await checkRun(example, result.image, label);
  return sizesOf(result.image, result.linkMap, label);
}

const library = await loadNodeLibrary();
// gcc only compiles here, so GNU ld is not needed.
const gccReason = gccUnavailableReason(false);
if (gccReason) console.log(`size: gcc columns skipped: ${gccReason}`);
const workDir = mkdtempSync(join(tmpdir(), "ukp-bench-size-"));
const emulator: Emulator = await createNodeEmulator();

interface Row {
  id: string;
  ours: [Sizes, Sizes];
  gcc?: [Sizes, Sizes];
}
const rows: Row[] = [];
try {
  for (const example of EXAMPLES) {
    rows.push({
      id: example.id,
      ours: [await ourSizes(example, 0, library), await ourSizes(example, 2, library)],
      gcc: gccReason ? undefined : [await gccSizes(example, "-O0", library, workDir), await gccSizes(example, "-O2", library, workDir)],
    });
  }
} finally {
  emulator.dispose();
  rmSync(workDir, { recursive: true, force: true });
}

/** Prints one table of `field` for every example, with our/gcc ratios at each level and their geometric means. */
function printSizeTable(title: string, field: keyof Sizes): void {
  const withGcc = !gccReason;
  const header = [title, "ours -O0", ...(withGcc ? ["gcc -O0", "ours / gcc -O0"] : []), "ours -O2", ...(withGcc ? ["gcc -O2", "ours / gcc -O2"] : [])];
  // Index 0 of a row's pairs is -O0, index 1 is -O2.
  const ratio = (row: Row, index: 0 | 1) => row.ours[index][field] / row.gcc![index][field];
  const body = rows.map((row) => [
    row.id,
    String(row.ours[0][field]), ...(withGcc ? [String(row.gcc![0][field]), ratio(row, 0).toFixed(2)] : []),
    String(row.ours[1][field]), ...(withGcc ? [String(row.gcc![1][field]), ratio(row, 1).toFixed(2)] : []),
  ]);
  if (withGcc) {
    const mean = (index: 0 | 1) => `**${geometricMean(rows.map((row) => ratio(row, index))).toFixed(2)}**`;
    body.push(["**geometric mean**", "", "", mean(0), "", "", mean(1)]);
  }
  printTable(header, body);
}

printSizeTable("image file bytes", "imageBytes");
console.log("");
printSizeTable("loaded bytes", "loadedBytes");
console.log("");
printSizeTable("app bytes in the image", "appBytes");
console.log("\nAll images are linked by our linker with the same libos.a and --gc-sections, so the library OS part differs" +
  " only in which members the app pulls in. Every image was booted and printed what its example promises. App bytes: the app objects' sections kept in the image, .bss left out.");
