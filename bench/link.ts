// Link time of our linker against the native GNU ld process on the same
// inputs in the same run: hello world and the largest test program, each
// compiled by our compiler and linked with public/images/libos.a, garbage
// collection on for both. Run: npx tsx bench/link.ts [--runs N] [--quick]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { compileObject } from "../src/builder/build";
import type { Diagnostic } from "../src/builder/diagnostic";
import { link } from "../src/builder/ld/index";
import type { BinaryInput } from "../src/builder/types";
import { IMAGES_DIRECTORY, loadNodeLibrary } from "../src/cli/node-library";
import { isQuick, positiveIntegerOptionOrExit } from "./support/options";
import { median } from "./support/stats";

const args = process.argv.slice(2);
const runs = positiveIntegerOptionOrExit("link", args, "runs", isQuick(args) ? 10 : 30);

const HELLO = `#include <stdio.h>

int main(void) {
    printf("hello, world\\n");
    return 0;
}
`;

/** The GNU ld script that mirrors our layout (test/ld/gnu-ld.test.ts checks that they agree). */
const LINKER_SCRIPT = `
ENTRY(_start)
SECTIONS {
  . = 0x100000;
  __image_start = .;
  .multiboot : { KEEP(*(.multiboot)) }
  .text : { *(.text .text.*) }
  _etext = .;
  .rodata : { *(.rodata .rodata.*) }
  .data : { *(.data .data.*) }
  _edata = .;
  .bss : { *(.bss .bss.*) *(COMMON) }
  __bss_start = ADDR(.bss);
  __bss_end = .;
  _end = .;
  /DISCARD/ : { *(.eh_frame) *(.comment) *(.note.*) }
}
`;

function ldAvailable(): boolean {
  try {
    execFileSync("ld", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Finds the largest C program among the test programs, by source size. */
function largestTestProgram(): { name: string; source: string } {
  const root = join(import.meta.dirname, "..", "test");
  const candidates = ["programs", "c"].flatMap((dir) => {
    try {
      return readdirSync(join(root, dir)).filter((name) => name.endsWith(".c")).map((name) => join(root, dir, name));
    } catch {
      return [];
    }
  });
  candidates.sort((a, b) => statSync(b).size - statSync(a).size);
  const path = candidates[0];
  if (path === undefined) throw new Error("no test programs found under test/programs or test/c");
  return { name: path.slice(root.length + 1), source: readFileSync(path, "utf8") };
}

const library = await loadNodeLibrary();
const libos: BinaryInput = { name: "libos.a", bytes: new Uint8Array(readFileSync(join(IMAGES_DIRECTORY, "libos.a"))) };

function objectFor(name: string, source: string): BinaryInput {
  const diagnostics: Diagnostic[] = [];
  const { object } = compileObject("main.c", { "main.c": source }, library.headers, diagnostics);
  if (!object) throw new Error(`${name} did not compile: ${diagnostics.map((d) => d.message).join("; ")}`);
  return { name: "main.o", bytes: object };
}

const withLd = ldAvailable();
if (!withLd) console.log("GNU ld not found on PATH: only our linker is measured");
const dir = mkdtempSync(join(tmpdir(), "ukp-bench-link-"));
const script = join(dir, "layout.ld");
writeFileSync(script, LINKER_SCRIPT);
writeFileSync(join(dir, "libos.a"), libos.bytes);

const largest = largestTestProgram();
const rows: string[][] = [];
for (const [label, source] of [["hello world", HELLO], [largest.name, largest.source]] as const) {
  const object = objectFor(label, source);
  writeFileSync(join(dir, "main.o"), object.bytes);
  const inputs = [object, libos];

  const firstStart = performance.now();
  const first = link([object, { ...libos, bytes: libos.bytes.slice() }]);
  const firstMs = performance.now() - firstStart;
  if (!first.image) throw new Error(`${label} did not link: ${first.diagnostics.map((d) => d.message).join("; ")}`);
  for (let i = 0; i < 20; i++) link(inputs);

  // Interleave the measurements so that load from other processes falls on all of them alike.
  const argv = ["-m", "elf_i386", "-static", "-nostdlib", "--gc-sections", "-T", script, "-o", join(dir, "gnu.elf"), "main.o", "libos.a"];
  const ours: number[] = [];
  const fresh: number[] = [];
  const noGc: number[] = [];
  const ld: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    link(inputs);
    ours.push(performance.now() - start);
    // New archive bytes: nothing parsed in earlier links can be reused.
    const copy = [object, { ...libos, bytes: libos.bytes.slice() }];
    start = performance.now();
    link(copy);
    fresh.push(performance.now() - start);
    start = performance.now();
    link(inputs, { gcSections: false });
    noGc.push(performance.now() - start);
    if (withLd) {
      start = performance.now();
      execFileSync("ld", argv, { cwd: dir, stdio: "ignore" });
      ld.push(performance.now() - start);
    }
  }
  const ldMs = withLd ? median(ld) : undefined;
  const ldBytes = withLd ? statSync(join(dir, "gnu.elf")).size : undefined;
  const oursMs = median(ours);
  const freshMs = median(fresh);
  const ratio = (ms: number) => (ldMs === undefined ? "n/a" : `${(ldMs / ms).toFixed(1)}x`);
  rows.push(
    [`${label}: our link ms, library parse reused (as in the page), median of ${runs}`, oursMs.toFixed(3)],
    [`${label}: our link ms, everything parsed afresh, median of ${runs}`, freshMs.toFixed(3)],
    [`${label}: our link ms without --gc-sections, median`, median(noGc).toFixed(3)],
    [`${label}: our first link ms in this process (cold JIT)`, firstMs.toFixed(3)],
    [`${label}: GNU ld process ms, median of ${runs}`, ldMs === undefined ? "n/a" : ldMs.toFixed(3)],
    [`${label}: ld time / our time (reused, afresh)`, `${ratio(oursMs)}, ${ratio(freshMs)}`],
    [`${label}: image bytes, ours / GNU ld's`, `${first.image.length} / ${ldBytes ?? "n/a"}`],
  );
}
rmSync(dir, { recursive: true, force: true });

const width = Math.max(...rows.map(([name]) => name!.length));
for (const [name, value] of rows) console.log(`${name!.padEnd(width)}  ${value}`);
