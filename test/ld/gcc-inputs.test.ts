// Linker diagnostics and section handling on objects that gcc and GNU as build.
import { describe, expect, it } from "vitest";
import { readObject } from "../../src/builder/elf/read-object";
import { link } from "../../src/builder/ld/index";
import type { BinaryInput } from "../../src/builder/types";
import { BOOT_S, compile, gccAvailable, makeTempDir, skipReason } from "./gcc";
import { parseImage, symbolValue } from "./dump";

const missing = skipReason({ gcc: gccAvailable });
if (missing) console.log(`gcc input tests ${missing}`);

function messages(inputs: BinaryInput[]): string[] {
  const result = link(inputs);
  return result.diagnostics.map((d) => [`${d.file ? `${d.file}: ` : ""}${d.message}`, ...(d.notes ?? []).map((n) => `  note: ${n.message}`)].join("\n"));
}

/** A global function in a COMDAT group, as C++ inline functions and gcc's PIC thunks are emitted. */
const COMDAT_S = (caller: string) => `
  .section .text.shared,"axG",@progbits,shared,comdat
  .globl shared
  .type shared, @function
shared:
  ret
  .text
  .globl ${caller}
  .type ${caller}, @function
${caller}:
  call shared
  ret
`;

/** Returns the file offset and size of an object's .debug_line contents. */
function lineTableRange(bytes: Uint8Array): [number, number] | undefined {
  const section = readObject("x.o", bytes).object?.sections.find((s) => s.name === ".debug_line");
  return section ? [section.data.byteOffset - bytes.byteOffset, section.data.length] : undefined;
}

describe.skipIf(missing !== undefined)("gcc-built inputs", () => {
  it("reports undefined references by function", () => {
    const dir = makeTempDir();
    const main = compile(dir, "main.c", "extern void missing(void); void helper(void) { missing(); } int main(void) { missing(); return 0; }");
    expect(messages([compile(dir, "boot.S", BOOT_S), main])).toEqual([
      "undefined reference to `missing`\n  note: referenced by main.o (function helper)\n  note: referenced by main.o (function main)",
    ]);
  });

  it("adds file:line to undefined references when the object has a line table", () => {
    const dir = makeTempDir();
    const source = "extern void missing(void);\nvoid helper(void) {\n  missing();\n}\nint main(void) {\n  helper();\n  missing();\n  return 0;\n}\n";
    for (const version of ["-gdwarf-5", "-gdwarf-4"]) {
      const main = compile(dir, "main.c", source, ["-g", version, "-O0"]);
      // gcc records the source by the path it was given, here an absolute one.
      const shown = messages([compile(dir, "boot.S", BOOT_S), main]).map((message) => message.replaceAll(`${dir}/`, ""));
      expect(shown).toEqual([
        "undefined reference to `missing`\n  note: referenced by main.o (function helper at main.c:3)\n  note: referenced by main.o (function main at main.c:7)",
      ]);
    }
  });

  it("names the source lines of both definitions of a duplicate", () => {
    const dir = makeTempDir();
    const first = compile(dir, "a.c", "int shared(void) { return 1; }\nint main(void) { return shared(); }\n", ["-g"]);
    const second = compile(dir, "b.c", "\n\nint shared(void) { return 2; }\n", ["-g"]);
    const shown = messages([compile(dir, "boot.S", BOOT_S), first, second]).map((message) => message.replaceAll(`${dir}/`, ""));
    expect(shown).toEqual(["b.o: multiple definition of `shared`: defined in a.o (a.c:1) and in b.o (b.c:3)"]);
  });

  it("rejects -fpic objects", () => {
    const dir = makeTempDir();
    const main = compile(dir, "main.c", "int counter; int main(void) { return counter; }", ["-fpic"]);
    expect(messages([compile(dir, "boot.S", BOOT_S), main])).toEqual([
      "main.o: position-independent code is not supported; compile with -fno-pic (the object references `_GLOBAL_OFFSET_TABLE_`)",
    ]);
  });

  it("keeps one copy of a COMDAT group", () => {
    const dir = makeTempDir();
    const inputs = [compile(dir, "boot.S", BOOT_S), compile(dir, "a.S", COMDAT_S("main")), compile(dir, "b.S", COMDAT_S("other"))];
    // Without garbage collection b.o's .text stays, although nothing calls `other`.
    const result = link(inputs, { gcSections: false });
    expect(result.diagnostics).toEqual([]);
    const text = result.linkMap!.sections.find((s) => s.name === ".text")!;
    expect(text.inputs.map((i) => `${i.object}(${i.section})`)).toEqual(["boot.o(.text)", "a.o(.text)", "a.o(.text.shared)", "b.o(.text)"]);
    const image = parseImage(result.image!);
    expect(symbolValue(image, "shared")).toBe(text.inputs[2]!.address);
  });

  it("drops .eh_frame and keeps local functions in .symtab", () => {
    const dir = makeTempDir();
    const main = compile(dir, "main.c", "static int __attribute__((noinline)) twice(int x) { return 2 * x; } int main(void) { return twice(3); }");
    const result = link([compile(dir, "boot.S", BOOT_S), main]);
    expect(result.diagnostics).toEqual([]);
    const image = parseImage(result.image!);
    expect(image.sections.map((s) => s.name)).not.toContain(".eh_frame");
    const twice = image.symbols.find((s) => s.name === "twice")!;
    expect(twice.bind).toBe(0);
    expect(twice.type).toBe(2);
    expect(result.linkMap!.symbols.find((s) => s.name === "twice")).toEqual({
      name: "twice",
      address: twice.value,
      size: twice.size,
      object: "main.o",
      component: "app",
      kind: "function",
      local: true,
    });
  });

  it("keeps DWARF 5 debug sections out of the segments", () => {
    const dir = makeTempDir();
    const main = compile(dir, "main.c", "int main(void) { return 0; }", ["-g"]);
    const result = link([compile(dir, "boot.S", BOOT_S), main]);
    expect(result.diagnostics).toEqual([]);
    const image = parseImage(result.image!);
    const names = image.sections.map((s) => s.name);
    expect(names).toContain(".debug_line");
    expect(names).toContain(".debug_line_str");
    // gcc's empty .data section is unreachable, so garbage collection drops it.
    expect(result.linkMap!.sections.map((s) => s.name)).toEqual([".multiboot", ".text", ".bss"]);
    expect(image.segments).toHaveLength(2);
  });

  it("never throws on corrupted objects with line tables and merged strings", () => {
    const dir = makeTempDir();
    const flags = ["-g", "-ffunction-sections", "-fdata-sections", "-O1"];
    const main = compile(dir, "main.c", 'extern int missing(const char *);\nint main(void) { return missing("text") + missing("xt"); }\n', flags);
    const lib = compile(dir, "lib.c", 'int missing(const char *s) { return s[0] + "other text"[1]; }\n', flags);
    const inputs = [compile(dir, "boot.S", BOOT_S), main, lib];
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    for (let round = 0; round < 600; round++) {
      // Dropping lib.o half of the time sends the damaged line tables through the undefined-symbol report.
      const chosen = round % 2 === 0 ? inputs : inputs.slice(0, 2);
      const victim = 1 + Math.floor(random() * (chosen.length - 1));
      const corrupted = chosen.map((input, i) => {
        if (i !== victim) return input;
        const bytes = input.bytes.slice();
        // Half of the rounds damage only the line table, which whole-file flips rarely reach.
        const lines = round % 4 < 2 ? lineTableRange(input.bytes) : undefined;
        const [from, length] = lines ?? [0, bytes.length];
        for (let flip = 0; flip < 4; flip++) bytes[from + Math.floor(random() * length)] = Math.floor(random() * 256);
        return { name: input.name, bytes };
      });
      const result = link(corrupted);
      expect(result.image !== undefined || result.diagnostics.length > 0).toBe(true);
    }
  });
});
