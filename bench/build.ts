// Build time of hello world and of the largest gallery example, at our -O0
// and -O2, next to the native toolchain on the same sources in the same run.
// The reference is a `gcc -m32 -c` process per source at the same level and
// a GNU ld process linking gcc's -O0 objects with the same library OS archive.
// Our figures are build()'s own timings in a warm process, as in the page's
// worker; compile covers preprocess, compile and assemble, and link reuses
// the parsed library archive. The native figures include process start-up.
// Run: npx tsx bench/build.ts [--runs N] [--quick]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { build } from "../src/builder/build";
import { formatDiagnostic } from "../src/builder/diagnostic";
import type { BuildRequest, LibraryBundle } from "../src/builder/types";
import { loadNodeLibrary } from "../src/cli/node-library";
import { compiledSources, findGalleryExample, largestExample, sourceLines, type Example } from "./support/examples";
import { gccFlags, gccUnavailableReason, ldArguments, timeTool, type GccLevel } from "./support/gcc";
import { isQuick, positiveIntegerOptionOrExit } from "./support/options";
import { median } from "./support/stats";
import { printTable, times } from "./support/table";

const LEVELS = [0, 2] as const;
const WARM_UP_ROUNDS = 10;

const args = process.argv.slice(2);
const quick = isQuick(args);
const runs = positiveIntegerOptionOrExit("build", args, "runs", quick ? 10 : 30);
const nativeRuns = Math.min(runs, quick ? 5 : 20);

interface OurTimes {
  compileMs: number[];
  linkMs: number[];
  imageBytes: number;
}

/** Builds `example` at `optimize` once and appends its timings to `samples`. Exits the process when the build fails. */
function buildOnce(example: Example, optimize: 0 | 2, library: LibraryBundle, samples: OurTimes | undefined): void {
  const request: BuildRequest = { files: example.files, optimize };
  const result = build(request, library);
  if (!result.ok || !result.image) {
    console.error(`build: ${example.id} at -O${optimize} failed:\n${result.diagnostics.map((d) => formatDiagnostic(d, example.files)).join("")}`);
    process.exit(1);
  }
  if (!samples) return;
  samples.compileMs.push(result.timings.compileMs);
  samples.linkMs.push(result.timings.linkMs);
  samples.imageBytes = result.image.length;
}

interface NativeTimes {
  /** Median ms of one gcc process per source, summed over the sources, by level. */
  compileMs: Record<GccLevel, number>;
  /** Median ms of one GNU ld process linking the -O0 objects. */
  linkMs: number;
}

function timeNativeBuild(example: Example, workDir: string): NativeTimes {
  const dir = mkdtempSync(join(workDir, `${example.id}-`));
  for (const [name, text] of Object.entries(example.files)) writeFileSync(join(dir, name), text);
  const sources = compiledSources(example);
  const compileMs = {} as Record<GccLevel, number>;
  for (const level of ["-O2", "-O0"] as const) {
    const perSource = sources.map((source) => median(Array.from({ length: nativeRuns },
      () => timeTool("gcc", [...gccFlags(level), "-c", source, "-o", `${source}.o`], dir))));
    compileMs[level] = perSource.reduce((sum, ms) => sum + ms, 0);
  }
  // The -O0 objects are the ones left on disk.
  const linkArgs = ldArguments(sources.map((source) => `${source}.o`), "app.elf");
  const linkMs = median(Array.from({ length: nativeRuns }, () => timeTool("ld", linkArgs, dir)));
  return { compileMs, linkMs };
}

const library = await loadNodeLibrary();
const programs = [findGalleryExample("hello"), largestExample()];
const gccReason = gccUnavailableReason();
if (gccReason) console.log(`build: gcc columns skipped: ${gccReason}`);
const workDir = mkdtempSync(join(tmpdir(), "ukp-bench-build-"));

// Rounds over every program and level, so that JIT warm-up and load from
// other processes fall on all of them alike.
const configurations = programs.flatMap((example) => LEVELS.map((optimize) => ({ example, optimize })));
for (let round = 0; round < WARM_UP_ROUNDS; round++) {
  for (const { example, optimize } of configurations) buildOnce(example, optimize, library, undefined);
}
const ours = configurations.map(() => ({ compileMs: [], linkMs: [], imageBytes: 0 }) as OurTimes);
for (let round = 0; round < runs; round++) {
  configurations.forEach(({ example, optimize }, i) => buildOnce(example, optimize, library, ours[i]));
}

const rows: string[][] = [];
try {
  for (const example of programs) {
    const native = gccReason ? undefined : timeNativeBuild(example, workDir);
    for (const optimize of LEVELS) {
      const measured = ours[configurations.findIndex((c) => c.example === example && c.optimize === optimize)]!;
      const compileMs = median(measured.compileMs);
      const linkMs = median(measured.linkMs);
      const gccMs = native?.compileMs[optimize === 0 ? "-O0" : "-O2"];
      const label = `${example.id} (${sourceLines(example)} lines)`;
      rows.push([
        label, `-O${optimize}`,
        compileMs.toFixed(2), gccMs === undefined ? "n/a" : gccMs.toFixed(2), gccMs === undefined ? "n/a" : times(gccMs / compileMs),
        linkMs.toFixed(2), native ? native.linkMs.toFixed(2) : "n/a", native ? times(native.linkMs / linkMs) : "n/a",
        String(measured.imageBytes),
      ]);
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

printTable(
  ["program", "level", "our compile ms", "gcc -c ms, same level", "gcc / ours", "our link ms", "GNU ld ms", "ld / ours", "our image bytes"],
  rows,
);
const nativeNote = gccReason
  ? ""
  : ` gcc and ld: medians of ${nativeRuns} processes each. GNU ld links gcc's -O0 objects with the same libos.a, and gcc uses the flags of bench/support/gcc.ts.`;
console.log(`\nOurs: medians of ${runs} warm builds after ${WARM_UP_ROUNDS} warm-up builds of each.${nativeNote}`);
