// Builds tiny multiboot test kernels with GNU as and ld, so the emulator
// tests do not depend on our own compiler and linker.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function hasTool(name: string): boolean {
  return spawnSync(name, ["--version"], { encoding: "utf8" }).status === 0;
}

/** Why the GNU tools cannot build images here, or undefined when they can. */
export const gnuToolsMissing: string | undefined =
  hasTool("as") && hasTool("ld") ? undefined : "GNU as and ld (binutils) are not installed";

const workDir = mkdtempSync(join(tmpdir(), "ukp-emulator-"));

const LINKER_SCRIPT = `
ENTRY(_start)
SECTIONS {
  . = LOAD_ADDRESS;
  .text : { *(.multiboot) *(.text) }
  .data : { *(.data) *(.rodata*) }
  .bss : { *(.bss) }
}
`;

/**
 * The start of every test kernel: a multiboot header, a stack below 2 MiB,
 * COM1 with MCR=0x0B (no loopback), then the body. Macros: `exit CODE`,
 * `event VALUE`, `putc CHAR`, `puts LABEL`.
 */
const PRELUDE = `
.macro outb_imm port, value
  mov $\\port, %dx
  mov $\\value, %al
  out %al, %dx
.endm
.macro exit code
  outb_imm 0x501, \\code
  cli
  hlt
.endm
.macro event value
  outb_imm 0x502, \\value
.endm
.macro putc char
  outb_imm 0x3f8, \\char
.endm
.macro puts label
  lea \\label, %esi
  call print_string
.endm

.section .multiboot, "a"
.align 4
.long 0x1BADB002
.long MULTIBOOT_FLAGS
.long -(0x1BADB002 + MULTIBOOT_FLAGS)

.text
.globl _start
_start:
  mov $0x1ff000, %esp
  outb_imm 0x3fc, 0x0b
  jmp main

print_string:
  mov $0x3f8, %dx
1:
  lodsb
  test %al, %al
  jz 2f
  out %al, %dx
  jmp 1b
2:
  ret
`;

export interface ImageOptions {
  loadAddress?: number;
  multibootFlags?: number;
  /** Leaves the file as a relocatable object instead of linking it. */
  objectOnly?: boolean;
}

let counter = 0;

/** Assembles `body` (starting at label `main`) after the prelude and links it at 1 MiB. */
export function buildImage(body: string, options: ImageOptions = {}): Uint8Array {
  const name = `image${counter++}`;
  const source = join(workDir, `${name}.S`);
  const object = join(workDir, `${name}.o`);
  const script = join(workDir, `${name}.ld`);
  const output = join(workDir, `${name}.elf`);
  const flags = options.multibootFlags ?? 3;
  writeFileSync(source, `.set MULTIBOOT_FLAGS, ${flags}\n${PRELUDE}\nmain:\n${body}\n`);
  writeFileSync(script, LINKER_SCRIPT.replace("LOAD_ADDRESS", `0x${(options.loadAddress ?? 0x100000).toString(16)}`));
  run("as", ["--32", source, "-o", object]);
  if (options.objectOnly) return readFileSync(object);
  run("ld", ["-m", "elf_i386", "--no-warn-rwx-segments", "-T", script, object, "-o", output]);
  return readFileSync(output);
}

function run(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed:\n${result.stderr}`);
}
