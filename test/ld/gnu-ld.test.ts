// Cross-checks against GNU ld: the same gcc-built objects linked by our
// linker and by `ld -m elf_i386` with a script that mirrors our layout must
// give the same symbol addresses and the same section bytes.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { link } from "../../src/builder/ld/index";
import type { BinaryInput } from "../../src/builder/types";
import { BOOT_S, LINKER_SCRIPT, archive, arAvailable, compile, gccAvailable, ldAvailable, makeTempDir, readelfAvailable, skipReason, writeInputs } from "./gcc";
import { type Image, parseImage } from "./dump";

const missing = skipReason({ gcc: gccAvailable, ld: ldAvailable, ar: arAvailable, readelf: readelfAvailable });
if (missing) console.log(`GNU ld cross-check ${missing}`);


const MAIN_C = `
extern int puts(const char *s);
extern int counter;
int table[3] = {1, 2, 3};
static int calls;
int *table_ptr = &table[1];
int tentative;
int main(void) {
  calls++;
  counter += table[2] + tentative;
  return puts("main says hello") + calls;
}
`;

const LIB_C = `
int counter = 5;
const char greeting[] = "greetings from lib";
static int length(const char *s) { int n = 0; while (*s++) n++; return n; }
int puts(const char *s) { return length(s) + length(greeting); }
int unused_function(void) { return 42; }
`;

/** Narrow fields against symbols of another object, so gas leaves R_386_8/16 and R_386_PC8/16 relocations. */
const NARROW_S = `
  .data
  .globl narrow
narrow:
  .byte small_value
  .word small_value + 0x100
  .byte near_target - .
  .word near_target - .
  .long near_target
`;

const NARROW_TARGETS_S = `
  .globl small_value, near_target
  .set small_value, 0x7f
  .data
  .long 0
near_target:
  .long 1
`;

/** Links with GNU ld; garbage collection is on, as in our linker's default, unless `gcSections` is false. */
function gnuLink(dir: string, inputs: BinaryInput[], flags: string[] = [], gcSections = true): Image {
  const script = join(dir, "layout.ld");
  writeFileSync(script, LINKER_SCRIPT);
  const out = join(dir, "gnu.elf");
  execFileSync("ld", ["-m", "elf_i386", "-static", "-nostdlib", "-T", script, "-o", out, ...(gcSections ? ["--gc-sections"] : []), ...flags, ...writeInputs(dir, inputs)]);
  return parseImage(new Uint8Array(readFileSync(out)));
}

function ourLink(inputs: BinaryInput[], gcSections = true): Image {
  const result = link(inputs, { gcSections });
  expect(result.diagnostics.map((d) => d.message)).toEqual([]);
  return parseImage(result.image!);
}

/** Named function, object and linker symbols as "name=address", sorted. */
function symbolTable(image: Image): string[] {
  return image.symbols
    .filter((s) => s.name !== "" && !s.name.startsWith(".") && s.type !== 4 && s.type !== 3)
    .map((s) => `${s.name}=0x${s.value.toString(16)}`)
    .sort();
}

function sectionBytes(image: Image, name: string): number[] {
  const section = image.sections.find((s) => s.name === name);
  if (!section) return [];
  return [...image.bytes.subarray(section.offset, section.offset + section.size)];
}

function expectSameImage(ours: Image, gnu: Image): void {
  expect(symbolTable(ours)).toEqual(symbolTable(gnu));
  expect(ours.entry).toBe(gnu.entry);
  for (const name of [".multiboot", ".text", ".rodata", ".data"]) {
    expect(sectionBytes(ours, name), name).toEqual(sectionBytes(gnu, name));
  }
  const bss = (image: Image) => image.sections.find((s) => s.name === ".bss");
  expect(bss(ours)?.address).toBe(bss(gnu)?.address);
  expect(bss(ours)?.size).toBe(bss(gnu)?.size);
}

describe.skipIf(missing !== undefined)("GNU ld cross-check", () => {
  it("links objects to the same addresses and bytes", () => {
    const dir = makeTempDir();
    const flags = ["-fcommon", "-fno-asynchronous-unwind-tables"];
    const inputs = [compile(dir, "boot.S", BOOT_S), compile(dir, "main.c", MAIN_C, flags), compile(dir, "lib.c", LIB_C, flags)];
    expectSameImage(ourLink(inputs), gnuLink(dir, inputs));
  });

  it("matches with function and data sections and .eh_frame", () => {
    const dir = makeTempDir();
    const flags = ["-ffunction-sections", "-fdata-sections"];
    const inputs = [compile(dir, "boot.S", BOOT_S), compile(dir, "main.c", MAIN_C, flags), compile(dir, "lib.c", LIB_C, flags)];
    expectSameImage(ourLink(inputs), gnuLink(dir, inputs));
  });

  it("pulls the same archive members", () => {
    const dir = makeTempDir();
    const flags = ["-ffunction-sections", "-fdata-sections"];
    const lib = archive(dir, "libos.a", [
      compile(dir, "boot.S", BOOT_S),
      compile(dir, "lib.c", LIB_C, flags),
      compile(dir, "extra.c", "int never_called(void) { return 7; }", flags),
    ]);
    const inputs = [compile(dir, "main.c", MAIN_C, ["-fcommon", ...flags]), lib];
    const ours = ourLink(inputs);
    expectSameImage(ours, gnuLink(dir, inputs, ["-u", "_start"]));
    expect(ours.symbols.some((s) => s.name === "never_called")).toBe(false);
  });

  it("applies narrow relocations as ld does", () => {
    const dir = makeTempDir();
    const inputs = [compile(dir, "boot.S", BOOT_S), compile(dir, "narrow.S", NARROW_S), compile(dir, "targets.S", NARROW_TARGETS_S)];
    inputs.push(compile(dir, "main.c", "int main(void) { return 0; }"));
    const types = execFileSync("readelf", ["-rW", join(dir, "narrow.o")]).toString().match(/R_386_\w+/g);
    expect(types).toEqual(["R_386_8", "R_386_16", "R_386_PC8", "R_386_PC16", "R_386_32"]);
    expectSameImage(ourLink(inputs), gnuLink(dir, inputs));
  });

  it.each(["-gdwarf-4", "-gdwarf-5"])("relocates DWARF line tables as ld does (%s)", (version) => {
    const dir = makeTempDir();
    const flags = ["-g", version, "-ffunction-sections", "-fcommon"];
    const inputs = [compile(dir, "boot.S", BOOT_S), compile(dir, "main.c", MAIN_C, flags), compile(dir, "lib.c", LIB_C, flags)];
    const ours = ourLink(inputs);
    const gnu = gnuLink(dir, inputs);
    expectSameImage(ours, gnu);
    const lines = sectionBytes(ours, ".debug_line");
    expect(lines.length).toBeGreaterThan(100);
    expect(lines).toEqual(sectionBytes(gnu, ".debug_line"));
    // DWARF 5 names files through .debug_line_str, a merged string section.
    expect(sectionBytes(ours, ".debug_line_str")).toEqual(sectionBytes(gnu, ".debug_line_str"));
    const debugLine = ours.sections.find((section) => section.name === ".debug_line")!;
    expect(debugLine.address).toBe(0);
    for (const segment of ours.segments) expect(debugLine.offset).toBeGreaterThanOrEqual(segment.offset + segment.filesz);
  });

  it("merges strings and constants as ld does", () => {
    const dir = makeTempDir();
    // Duplicates across objects, tails of longer strings in later and earlier
    // sections, a non-merge section in between, and 4-aligned strings whose
    // tails ld keeps apart when the offset would break their alignment.
    const first = `
  .section .rodata.str1.1,"aMS",@progbits,1
s_llo: .string "llo"
s_abc: .string "abc"
  .section .rodata.str1.4,"aMS",@progbits,1
  .align 4
s_abcdef: .string "abcdef"
  .align 4
s_def: .string "def"
  .align 4
s_ef: .string "ef"
  .section .rodata.cst4,"aM",@progbits,4
c_one: .long 1
c_two: .long 2
  .section .rodata.plain,"a"
  .ascii "XYZW"
  .data
  .globl table1
table1: .long s_llo, s_abc, s_abcdef, s_def, s_ef, c_one, c_two, s_llo + 1
`;
    const second = `
  .section .rodata.str1.1,"aMS",@progbits,1
t_hello: .string "hello"
t_bc: .string "bc"
t_new: .string "unique"
  .section .rodata.str1.4,"aMS",@progbits,1
  .align 4
t_cdef: .string "cdef"
t_f: .string "f"
  .section .rodata.cst4,"aM",@progbits,4
d_two: .long 2
d_three: .long 3
  .data
  .globl table2
table2: .long t_hello, t_bc, t_new, t_cdef, t_f, d_two, d_three
`;
    const keep = `
  .text
  .globl main
main:
  mov $table1, %eax
  mov $table2, %eax
  ret
`;
    const inputs = [compile(dir, "boot.S", BOOT_S), compile(dir, "first.S", first), compile(dir, "second.S", second), compile(dir, "main.S", keep)];
    const ours = ourLink(inputs);
    const gnu = gnuLink(dir, inputs);
    expectSameImage(ours, gnu);
    expect(sectionBytes(ours, ".rodata").length).toBe(sectionBytes(gnu, ".rodata").length);
  });

  it("keeps the same roots as ld --gc-sections with KEEP and SHF_GNU_RETAIN", () => {
    const dir = makeTempDir();
    const flags = ["-ffunction-sections", "-fdata-sections", "-fcommon"];
    const app = compile(dir, "app.c", `
      static int kept_by_retain(void) __attribute__((used, retain));
      static int kept_by_retain(void) { return 5; }
      int unreferenced(void) { return 6; }
      int unused_data = 7;
      int unused_common;
      int used_common;
      const char *names[] = { "one", "two" };
      int main(void) { used_common = 1; return names[1][0]; }
    `, flags);
    const ours = ourLink([compile(dir, "boot.S", BOOT_S), app]);
    const gnu = gnuLink(dir, [compile(dir, "boot.S", BOOT_S), app]);
    expectSameImage(ours, gnu);
    const names = symbolTable(ours).map((entry) => entry.split("=")[0]);
    expect(names).toContain("kept_by_retain");
    // ld keeps every COMMON symbol, referenced or not.
    expect(names).toContain("unused_common");
    for (const removed of ["unreferenced", "unused_data"]) expect(names).not.toContain(removed);
  });

  it("loads an archive member to replace a COMMON symbol as ld does", () => {
    const dir = makeTempDir();
    const main = compile(dir, "main.c", "int setting;\nint main(void) { return setting; }\n", ["-fcommon"]);
    const lib = archive(dir, "libsetting.a", [
      compile(dir, "boot.S", BOOT_S),
      compile(dir, "setting.c", "int setting = 5;\nint setting_helper(void) { return 1; }\n"),
      compile(dir, "tentative.c", "int setting;\n", ["-fcommon"]),
    ]);
    const result = link([main, lib]);
    expect(result.diagnostics).toEqual([]);
    expect(result.linkMap!.members.map((m) => `${m.member}:${m.symbol}`)).toEqual(["boot.o:_start", "setting.o:setting"]);
    expectSameImage(parseImage(result.image!), gnuLink(dir, [main, lib], ["-u", "_start"]));
  });

  it("matches ld without garbage collection too", () => {
    const dir = makeTempDir();
    const flags = ["-ffunction-sections", "-fdata-sections", "-fcommon"];
    const inputs = [compile(dir, "boot.S", BOOT_S), compile(dir, "main.c", MAIN_C, flags), compile(dir, "lib.c", LIB_C, flags)];
    const ours = ourLink(inputs, false);
    expectSameImage(ours, gnuLink(dir, inputs, [], false));
    expect(symbolTable(ours).some((entry) => entry.startsWith("unused_function="))).toBe(true);
  });

  const libosPath = join(import.meta.dirname, "../../public/images/libos.a");
  it.skipIf(!existsSync(libosPath))("links hello world against libos.a as ld does", () => {
    const dir = makeTempDir();
    const includeDir = join(import.meta.dirname, "../../libos/include");
    const hello = compile(dir, "hello.c", '#include <stdio.h>\nint main(void) { printf("hello %d\\n", 42); return 0; }', ["-nostdinc", "-I", includeDir]);
    const libos = { name: "libos.a", bytes: new Uint8Array(readFileSync(libosPath)) };
    const result = link([hello, libos]);
    expect(result.diagnostics).toEqual([]);
    const ours = parseImage(result.image!);

    // We load archive members in ld's order, so the whole layout coincides, merged strings included.
    expectSameImage(ours, gnuLink(dir, [hello, libos], ["-u", "_start"]));
    expect(symbolTable(ours).length).toBeGreaterThan(20);
    expect(ours.bytes.length).toBeLessThan(32 * 1024);
  });
});
