import { describe, expect, it } from "vitest";
import { readObject } from "../../src/builder/elf/read-object";
import { R_386_32, R_386_PC32, SHN_COMMON, SHN_UNDEF, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FUNC, STT_OBJECT } from "../../src/builder/elf/constants";
import { compile, gccAvailable, makeTempDir, skipReason } from "../ld/gcc";
import { makeObject } from "./make-object";

const gccMissing = skipReason({ gcc: gccAvailable });

function sample(): Uint8Array {
  return makeObject(
    [
      { name: ".text", align: 16, data: [0xe8, 0, 0, 0, 0, 0xc3], relocations: [{ offset: 1, type: R_386_PC32, symbol: "f" }] },
      { name: ".data", align: 4, data: [1, 0, 0, 0, 0, 0, 0, 0], relocations: [{ offset: 4, type: R_386_32, symbol: ".text" }] },
      { name: ".bss", align: 8, data: new Uint8Array(12) },
    ],
    [
      { name: "local_fn", section: ".text", size: 6, binding: STB_LOCAL, type: STT_FUNC },
      { name: "main", section: ".text", size: 6, type: STT_FUNC },
      { name: "f", section: "UND" },
      { name: "w", section: ".data", binding: STB_WEAK, type: STT_OBJECT, size: 4 },
      { name: "c", section: "COMMON", value: 16, size: 40 },
    ],
  );
}

function errorOf(bytes: Uint8Array, name = "x.o"): string | undefined {
  return readObject(name, bytes).diagnostic?.message;
}

describe("readObject", () => {
  it("reads sections, symbols and relocations", () => {
    const { object, diagnostic } = readObject("t.o", sample());
    expect(diagnostic).toBeUndefined();
    const names = object!.sections.map((s) => s.name);
    expect(names).toEqual(["", ".text", ".data", ".bss", ".rel.text", ".rel.data", ".symtab", ".strtab", ".shstrtab"]);
    const text = object!.sections[1]!;
    expect(text.addralign).toBe(16);
    expect([...text.data]).toEqual([0xe8, 0, 0, 0, 0, 0xc3]);
    expect(text.relocations).toEqual([{ offset: 1, type: R_386_PC32, symbolIndex: 6 }]);
    expect(object!.sections[3]!.size).toBe(12);
    expect(object!.sections[3]!.data.length).toBe(0);

    const byName = new Map(object!.symbols.map((s) => [s.name, s]));
    expect(byName.get("local_fn")).toMatchObject({ binding: STB_LOCAL, type: STT_FUNC, sectionIndex: 1, size: 6 });
    expect(byName.get("main")).toMatchObject({ binding: STB_GLOBAL, type: STT_FUNC, sectionIndex: 1 });
    expect(byName.get("f")).toMatchObject({ binding: STB_GLOBAL, sectionIndex: SHN_UNDEF });
    expect(byName.get("w")).toMatchObject({ binding: STB_WEAK, sectionIndex: 2, size: 4 });
    expect(byName.get("c")).toMatchObject({ sectionIndex: SHN_COMMON, value: 16, size: 40 });
  });

  it("rejects files that are not ELF", () => {
    expect(errorOf(new TextEncoder().encode("int main;"))).toBe("not an ELF object or archive");
  });

  it("rejects 64-bit objects", () => {
    const bytes = sample();
    bytes[4] = 2;
    expect(errorOf(bytes)).toBe("64-bit ELF object; compile with -m32");
  });

  it("rejects other machines", () => {
    const bytes = sample();
    bytes[18] = 40;
    expect(errorOf(bytes)).toBe("ELF object for ARM, expected i386 (EM_386); compile with -m32 for x86");
  });

  it("rejects executables", () => {
    const bytes = sample();
    bytes[16] = 2;
    expect(errorOf(bytes)).toBe("ELF file of type 2 is not a relocatable object (ET_REL); pass the .o file, not a linked executable");
  });

  it("rejects RELA sections", () => {
    const bytes = sample();
    const { object } = readObject("t.o", bytes);
    const relIndex = object!.sections.findIndex((s) => s.name === ".rel.text");
    const view = new DataView(bytes.buffer);
    const shoff = view.getUint32(32, true);
    view.setUint32(shoff + relIndex * 40 + 4, 4, true);
    expect(errorOf(bytes)).toBe("RELA relocation section .rel.text is not supported; i386 objects use REL (compile with gcc -m32)");
  });

  it("names the truncated structure", () => {
    const bytes = sample();
    expect(errorOf(bytes.subarray(0, 30))).toBe("truncated file: ELF header at offset 0x0 (52 bytes) extends past the end of the file (30 bytes)");
    const shoff = new DataView(bytes.buffer).getUint32(32, true);
    expect(errorOf(bytes.subarray(0, shoff + 10))).toBe(
      `truncated file: section header table at offset 0x${shoff.toString(16)} (360 bytes) extends past the end of the file (${shoff + 10} bytes)`,
    );
  });

  it("never throws on truncated input", () => {
    const bytes = sample();
    for (let length = 0; length < bytes.length; length++) {
      const result = readObject("t.o", bytes.subarray(0, length));
      if (result.object === undefined) expect(result.diagnostic.severity).toBe("error");
    }
  });

  it("never throws on corrupted bytes", () => {
    const original = sample();
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    let rejected = 0;
    for (let round = 0; round < 3000; round++) {
      const bytes = original.slice();
      const flips = 1 + Math.floor(random() * 4);
      for (let i = 0; i < flips; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const result = readObject("t.o", bytes);
      if (result.diagnostic) {
        rejected++;
        expect(result.diagnostic.message.length).toBeGreaterThan(0);
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it.skipIf(gccMissing !== undefined)("reads a gcc -m32 object", () => {
    const dir = makeTempDir();
    const input = compile(dir, "m.c", "extern int g(int); int counter; int main(void) { return g(counter); }", ["-fcommon"]);
    const { object, diagnostic } = readObject(input.name, input.bytes);
    expect(diagnostic).toBeUndefined();
    const text = object!.sections.find((s) => s.name === ".text")!;
    expect(text.relocations.map((r) => r.type).sort()).toEqual([R_386_32, R_386_PC32]);
    const counter = object!.symbols.find((s) => s.name === "counter")!;
    expect(counter.sectionIndex).toBe(SHN_COMMON);
    expect(counter.size).toBe(4);
  });
});

if (gccMissing) console.log(`read-object gcc test ${gccMissing}`);
