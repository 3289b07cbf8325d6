// Builds test inputs with the host's gcc, as, ar and ld. Tests that need a
// tool skip with one printed line when it is missing.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BinaryInput } from "../../src/builder/types";

function hasTool(tool: string, args: string[]): boolean {
  return spawnSync(tool, args, { stdio: "ignore" }).status === 0;
}

/** True when gcc can build 32-bit objects (gcc -m32 with GNU as). */
export const gccAvailable = hasTool("gcc", ["--version"]) && hasTool("as", ["--version"]);
export const arAvailable = hasTool("ar", ["--version"]);
export const ldAvailable = hasTool("ld", ["--version"]);
export const readelfAvailable = hasTool("readelf", ["--version"]);

export function skipReason(tools: Record<string, boolean>): string | undefined {
  const missing = Object.entries(tools).filter(([, ok]) => !ok).map(([name]) => name);
  return missing.length > 0 ? `skipped: ${missing.join(", ")} not found on PATH` : undefined;
}

export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), "ukp-ld-"));
}

/** Compiles C (`.c`) or assembly (`.S`/`.s`) source text with gcc -m32 -ffreestanding -fno-pic -c. */
export function compile(dir: string, name: string, source: string, extraFlags: string[] = []): BinaryInput {
  const sourcePath = join(dir, name);
  writeFileSync(sourcePath, source);
  const objectName = name.replace(/\.[cSs]$/, ".o");
  const objectPath = join(dir, objectName);
  execFileSync("gcc", ["-m32", "-ffreestanding", "-fno-pic", "-O1", "-c", sourcePath, "-o", objectPath, ...extraFlags]);
  return { name: objectName, bytes: new Uint8Array(readFileSync(objectPath)) };
}

/** Packs objects into an archive with `ar` (with a symbol index unless `index` is false). */
export function archive(dir: string, name: string, members: BinaryInput[], index = true): BinaryInput {
  const paths = members.map((member) => {
    const path = join(dir, member.name);
    writeFileSync(path, member.bytes);
    return path;
  });
  const archivePath = join(dir, name);
  execFileSync("ar", [index ? "rcs" : "rcS", archivePath, ...paths]);
  return { name, bytes: new Uint8Array(readFileSync(archivePath)) };
}

export function writeInputs(dir: string, inputs: BinaryInput[]): string[] {
  return inputs.map((input) => {
    const path = join(dir, input.name);
    writeFileSync(path, input.bytes);
    return path;
  });
}

/** A boot object with a valid multiboot header in `.multiboot` and `_start` calling `main`. */
export const BOOT_S = `
  .section .multiboot, "a"
  .align 4
  .long 0x1BADB002
  .long 0x3
  .long -(0x1BADB002 + 0x3)

  .text
  .globl _start
  .type _start, @function
_start:
  mov $stack_top, %esp
  call main
hang:
  cli
  hlt
  jmp hang
  .size _start, . - _start

  .bss
  .align 16
  .space 4096
stack_top:
`;

/** Our output layout as a GNU ld script: section order, linker symbols, and the multiboot header kept under --gc-sections. */
export const LINKER_SCRIPT = `
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
