// Linker behaviour on objects built in memory: resolution, archives,
// diagnostics, relocations and layout.
import { describe, expect, it } from "vitest";
import {
  R_386_16,
  R_386_32,
  R_386_8,
  R_386_GOTPC,
  R_386_PC16,
  R_386_PC32,
  R_386_PC8,
  R_386_PLT32,
  SHN_UNDEF,
  STB_LOCAL,
  STB_WEAK,
  STT_FUNC,
  STT_OBJECT,
} from "../../src/builder/elf/constants";
import { type LinkOptions, link } from "../../src/builder/ld/index";
import type { BinaryInput } from "../../src/builder/types";
import { bootObject, makeObject, multibootHeader, type TestSection, type TestSymbol } from "../elf/make-object";
import { parseImage, readAt, readU32, symbolValue } from "./dump";
import { archiveOf } from "./make-archive";

const boot = (): BinaryInput => ({ name: "boot.o", bytes: bootObject() });
const obj = (name: string, sections: TestSection[], symbols: TestSymbol[]): BinaryInput => ({ name, bytes: makeObject(sections, symbols) });

/** An object whose `.text` contains `call <target>` (e8 + PC32 with addend -4) in function `fn`. */
function caller(name: string, fn: string, targets: string[]): BinaryInput {
  const data: number[] = [];
  const relocations = targets.map((target) => {
    data.push(0xe8, 0xfc, 0xff, 0xff, 0xff);
    return { offset: data.length - 4, type: R_386_PC32, symbol: target };
  });
  data.push(0xc3);
  return obj(name, [{ name: ".text", data, relocations }], [
    { name: fn, section: ".text", size: data.length, type: STT_FUNC },
    ...targets.map((t) => ({ name: t, section: "UND" })),
  ]);
}

function definer(name: string, symbol: string, extra: TestSymbol[] = []): BinaryInput {
  return obj(name, [{ name: ".text", data: [0xc3] }], [{ name: symbol, section: ".text", size: 1, type: STT_FUNC }, ...extra]);
}



/** Links without garbage collection unless asked: most tests look at sections nothing references. */
function linkOk(inputs: BinaryInput[], options: LinkOptions = {}) {
  const result = link(inputs, { gcSections: false, ...options });
  expect(result.diagnostics.map((d) => d.message)).toEqual([]);
  return { result, image: parseImage(result.image!) };
}

function messages(inputs: BinaryInput[], options: LinkOptions = {}): string[] {
  const result = link(inputs, { gcSections: false, ...options });
  expect(result.image).toBeUndefined();
  return result.diagnostics.map((d) => [`${d.file ? `${d.file}: ` : ""}${d.message}`, ...(d.notes ?? []).map((n) => `  note: ${n.message}`)].join("\n"));
}

function callTarget(image: ReturnType<typeof parseImage>, callAddress: number): number {
  return (callAddress + 5 + readU32(image, callAddress + 1)) >>> 0;
}

describe("symbol resolution", () => {
  it("resolves calls across objects", () => {
    const { image, result } = linkOk([boot(), caller("main.o", "main", ["f"]), definer("f.o", "f")]);
    const main = symbolValue(image, "main");
    expect(callTarget(image, main)).toBe(symbolValue(image, "f"));
    expect(image.entry).toBe(symbolValue(image, "_start"));
    expect(result.linkMap!.entry).toBe(image.entry);
  });

  it("keeps locals per object", () => {
    const withHelper = (name: string, fn: string) =>
      obj(name, [{ name: ".text", data: [0xe8, 0xfc, 0xff, 0xff, 0xff, 0xc3, 0x90, 0xc3], relocations: [{ offset: 1, type: R_386_PC32, symbol: "helper" }] }], [
        { name: fn, section: ".text", size: 6, type: STT_FUNC },
        { name: "helper", section: ".text", value: 6, size: 2, binding: STB_LOCAL, type: STT_FUNC },
      ]);
    const { image } = linkOk([boot(), withHelper("a.o", "a"), withHelper("b.o", "b")]);
    const helpers = image.symbols.filter((s) => s.name === "helper").map((s) => s.value);
    expect(helpers).toHaveLength(2);
    expect(callTarget(image, symbolValue(image, "a"))).toBe(helpers[0]);
    expect(callTarget(image, symbolValue(image, "b"))).toBe(helpers[1]);
    expect(symbolValue(image, "a") + 6).toBe(helpers[0]);
  });

  it("prefers a strong definition over a weak one in either order", () => {
    const weak = obj("weak.o", [{ name: ".text", data: [0x90, 0xc3] }], [{ name: "f", section: ".text", value: 1, size: 1, binding: STB_WEAK, type: STT_FUNC }]);
    const strong = definer("strong.o", "f");
    for (const order of [[weak, strong], [strong, weak]]) {
      const { image, result } = linkOk([boot(), caller("main.o", "main", ["f"]), ...order]);
      const strongInput = result.linkMap!.sections.find((s) => s.name === ".text")!.inputs.find((i) => i.object === "strong.o")!;
      expect(callTarget(image, symbolValue(image, "main"))).toBe(strongInput.address);
      expect(result.linkMap!.symbols.find((s) => s.name === "f")!.object).toBe("strong.o");
    }
  });

  it("keeps the first of two weak definitions", () => {
    const weak = (name: string) => obj(name, [{ name: ".text", data: [0xc3] }], [{ name: "f", section: ".text", binding: STB_WEAK, type: STT_FUNC }]);
    const { result } = linkOk([boot(), caller("main.o", "main", ["f"]), weak("w1.o"), weak("w2.o")]);
    expect(result.linkMap!.symbols.find((s) => s.name === "f")!.object).toBe("w1.o");
  });

  it("resolves an undefined weak symbol to 0", () => {
    const user = obj("main.o", [{ name: ".data", align: 4, data: [4, 0, 0, 0] }], [
      { name: "hook", section: "UND", binding: STB_WEAK },
      { name: "ptr", section: ".data", size: 4, type: STT_OBJECT },
    ]);
    const withReloc = makeObject(
      [{ name: ".data", align: 4, data: [4, 0, 0, 0], relocations: [{ offset: 0, type: R_386_32, symbol: "hook" }] }],
      [{ name: "hook", section: "UND", binding: STB_WEAK }, { name: "ptr", section: ".data", size: 4, type: STT_OBJECT }],
    );
    const { image } = linkOk([boot(), { ...user, bytes: withReloc }]);
    expect(readU32(image, symbolValue(image, "ptr"))).toBe(4);
    // GNU ld leaves undefined weak symbols out of a static executable's .symtab.
    expect(image.symbols.find((s) => s.name === "hook")).toBeUndefined();
  });

  it("merges COMMON symbols into .bss", () => {
    const common = (name: string, size: number, align: number) => obj(name, [{ name: ".text", data: [0xc3] }], [{ name: "buf", section: "COMMON", size, value: align }]);
    const bss = obj("z.o", [{ name: ".bss", align: 4, data: new Uint8Array(4) }], [{ name: "zero", section: ".bss", size: 4, type: STT_OBJECT }]);
    const { image, result } = linkOk([boot(), common("c1.o", 4, 4), common("c2.o", 64, 32), bss]);
    const buf = image.symbols.find((s) => s.name === "buf")!;
    expect(buf.size).toBe(64);
    expect(buf.value % 32).toBe(0);
    expect(buf.value).toBeGreaterThan(symbolValue(image, "zero"));
    expect(symbolValue(image, "__bss_end")).toBe(buf.value + 64);
    const inputs = result.linkMap!.sections.find((s) => s.name === ".bss")!.inputs;
    expect(inputs[inputs.length - 1]).toEqual({ object: "c2.o", component: "app", section: "COMMON", address: buf.value, size: 64 });
  });

  it("lets a definition override COMMON", () => {
    const common = obj("c.o", [{ name: ".text", data: [0xc3] }], [{ name: "counter", section: "COMMON", size: 4, value: 4 }]);
    const defined = obj("d.o", [{ name: ".data", align: 4, data: [7, 0, 0, 0] }], [{ name: "counter", section: ".data", size: 4, type: STT_OBJECT }]);
    const { image } = linkOk([boot(), common, defined]);
    expect(readU32(image, symbolValue(image, "counter"))).toBe(7);
  });

  it("reports duplicate definitions with both objects", () => {
    expect(messages([boot(), definer("a.o", "f"), definer("b.o", "f")])).toEqual(["b.o: multiple definition of `f`: defined in a.o and in b.o"]);
  });

  it("rejects definitions of linker symbols", () => {
    const bad = obj("main.o", [{ name: ".data", data: [0, 0, 0, 0] }], [{ name: "_end", section: ".data", size: 4 }]);
    expect(messages([boot(), bad])).toEqual([
      "main.o: `_end` is reserved for the linker, which defines it after layout; rename the symbol in main.o",
    ]);
  });

  it("uses a custom entry symbol", () => {
    const { image } = linkOk([boot(), definer("k.o", "kernel_main")], { entry: "kernel_main" });
    expect(image.entry).toBe(symbolValue(image, "kernel_main"));
  });
});

describe("undefined symbols", () => {
  it("names each referencing function", () => {
    expect(messages([boot(), caller("main.o", "main", ["foo", "bar"]), caller("util.o", "helper", ["foo"])])).toEqual([
      "undefined reference to `foo`\n  note: referenced by main.o (function main)\n  note: referenced by util.o (function helper)",
      "undefined reference to `bar`\n  note: referenced by main.o (function main)",
    ]);
  });

  it("caps symbols at 10 and references at 3", () => {
    const names = Array.from({ length: 12 }, (_, i) => `missing${i}`);
    const callers = ["a", "b", "c", "d", "e"].map((f) => caller(`${f}.o`, f, names));
    const result = messages([boot(), ...callers]);
    expect(result).toHaveLength(11);
    expect(result[0]).toBe(
      "undefined reference to `missing0`\n  note: referenced by a.o (function a)\n  note: referenced by b.o (function b)\n  note: referenced by c.o (function c)\n  note: referenced 2 more times",
    );
    expect(result[10]).toBe("2 more undefined symbols not shown");
  });

  it("explains a missing entry point", () => {
    expect(messages([definer("main.o", "main")])).toEqual([
      "undefined reference to `_start`\n  note: it is the entry point; link the library OS, whose boot object defines it",
    ]);
  });
});

describe("archives", () => {
  const lib = () =>
    archiveOf("lib.a", [
      caller("uses_g.o", "f", ["g"]),
      definer("g.o", "g"),
      definer("unused.o", "unused"),
      { name: "boot.o", bytes: bootObject() },
    ]);

  it("pulls only the members that are needed", () => {
    const { result } = linkOk([caller("main.o", "main", ["f"]), lib()]);
    const objects = new Set(result.linkMap!.sections.flatMap((s) => s.inputs.map((i) => i.object)));
    expect([...objects].sort()).toEqual(["lib.a(boot.o)", "lib.a(g.o)", "lib.a(uses_g.o)", "main.o"]);
  });

  it("does not depend on member or archive order", () => {
    const reversed = archiveOf("lib.a", [{ name: "boot.o", bytes: bootObject() }, definer("g.o", "g"), caller("uses_g.o", "f", ["g"])]);
    const split = [archiveOf("g.a", [definer("g.o", "g")]), archiveOf("f.a", [caller("uses_g.o", "f", ["g"])]), archiveOf("boot.a", [boot()])];
    for (const inputs of [[caller("main.o", "main", ["f"]), reversed], [lib(), caller("main.o", "main", ["f"])], [caller("main.o", "main", ["f"]), ...split]]) {
      const { image } = linkOk(inputs);
      expect(callTarget(image, symbolValue(image, "main"))).toBe(symbolValue(image, "f"));
      expect(callTarget(image, symbolValue(image, "f"))).toBe(symbolValue(image, "g"));
      expect(image.symbols.some((s) => s.name === "unused")).toBe(false);
    }
  });

  it("scans member symbol tables when there is no index", () => {
    const noIndex = archiveOf("lib.a", [caller("uses_g.o", "f", ["g"]), definer("g.o", "g"), boot()], false);
    const { image } = linkOk([caller("main.o", "main", ["f"]), noIndex]);
    expect(callTarget(image, symbolValue(image, "f"))).toBe(symbolValue(image, "g"));
  });

  it("does not pull members for weak references", () => {
    const weakUser = obj("main.o", [{ name: ".text", data: [0xc3] }], [{ name: "main", section: ".text", type: STT_FUNC }, { name: "g", section: "UND", binding: STB_WEAK }]);
    const { image, result } = linkOk([weakUser, lib(), caller("start.o", "x", ["main"])]);
    expect(result.linkMap!.members.map((m) => m.symbol)).not.toContain("g");
    expect(image.symbols.find((s) => s.name === "g")).toBeUndefined();
  });

  it("names archive members in undefined references", () => {
    const broken = archiveOf("lib.a", [caller("uses_h.o", "f", ["h"]), boot()]);
    expect(messages([caller("main.o", "main", ["f"]), broken])).toEqual([
      "undefined reference to `h`\n  note: referenced by lib.a(uses_h.o) (function f)",
    ]);
  });
});

describe("relocations", () => {
  function dataWith(type: number, width: number, inPlace: number, target: string, extra: TestSymbol[] = []): BinaryInput {
    const data = Array.from({ length: 8 }, (_, i) => (i < width ? (inPlace >> (8 * i)) & 0xff : 0));
    return obj("r.o", [{ name: ".data", align: 4, data, relocations: [{ offset: 0, type, symbol: target }] }], [
      { name: "field", section: ".data", size: 8, type: STT_OBJECT },
      ...(target === "_start" ? [{ name: "_start", section: "UND" }] : []),
      ...extra,
    ]);
  }

  it("computes S + A for R_386_32 with an in-place addend", () => {
    const { image } = linkOk([boot(), dataWith(R_386_32, 4, 8, "_start")]);
    expect(readU32(image, symbolValue(image, "field"))).toBe(symbolValue(image, "_start") + 8);
  });

  it("computes S + A - P for R_386_PC32 and R_386_PLT32", () => {
    for (const type of [R_386_PC32, R_386_PLT32]) {
      const { image } = linkOk([boot(), dataWith(type, 4, -4, "_start")]);
      const P = symbolValue(image, "field");
      expect(readU32(image, P)).toBe((symbolValue(image, "_start") - 4 - P) >>> 0);
    }
  });

  it("writes in-range narrow relocations", () => {
    const abs = { name: "small", section: "ABS", value: 0x1234 };
    let { image } = linkOk([boot(), dataWith(R_386_16, 2, 2, "small", [abs])]);
    expect(readAt(image, symbolValue(image, "field"), 4)).toEqual([0x36, 0x12, 0, 0]);
    ({ image } = linkOk([boot(), dataWith(R_386_8, 1, 0xff, "zero", [{ name: "zero", section: "ABS", value: 0 }])]));
    expect(readAt(image, symbolValue(image, "field"), 2)).toEqual([0xff, 0]);
    ({ image } = linkOk([boot(), dataWith(R_386_PC8, 1, 0, "field")]));
    expect(readAt(image, symbolValue(image, "field"), 1)).toEqual([0]);
    ({ image } = linkOk([boot(), dataWith(R_386_PC16, 2, 0xfffe, "field")]));
    expect(readAt(image, symbolValue(image, "field"), 2)).toEqual([0xfe, 0xff]);
  });

  it("range-checks narrow relocations", () => {
    const cases: [number, number, number, string][] = [
      [R_386_16, 2, 0, "relocation R_386_16 against `big` out of range: 65536 is not in [-32768, 65535]"],
      [R_386_8, 1, 0, "relocation R_386_8 against `big` out of range: 65536 is not in [-128, 255]"],
    ];
    for (const [type, width, inPlace, message] of cases) {
      expect(messages([boot(), dataWith(type, width, inPlace, "big", [{ name: "big", section: "ABS", value: 0x10000 }])])).toEqual([
        `r.o: ${message}\n  note: at .data+0x0 in r.o (.data+0x0)`,
      ]);
    }
    const far = messages([boot(), dataWith(R_386_PC8, 1, 0, "far", [{ name: "far", section: "ABS", value: 0x200000 }])]);
    // .multiboot (12 bytes), then .text aligned to 16 (4 bytes), then .data.
    const P = 0x100014;
    expect(far).toEqual([`r.o: relocation R_386_PC8 against \`far\` out of range: ${0x200000 - P} is not in [-128, 127]\n  note: at .data+0x0 in r.o (.data+0x0)`]);
  });

  it("rejects GOT relocations as position-independent code", () => {
    expect(messages([boot(), dataWith(R_386_GOTPC, 4, 0, "_start")])).toEqual([
      "r.o: position-independent code is not supported; compile with -fno-pic (found R_386_GOTPC in .data)",
    ]);
  });

  it("rejects unknown relocation types", () => {
    expect(messages([boot(), dataWith(14, 4, 0, "_start")])).toEqual(["r.o: unsupported relocation type 14 (R_386_TLS_TPOFF) at .data+0x0"]);
    expect(messages([boot(), dataWith(99, 4, 0, "_start")])).toEqual(["r.o: unsupported relocation type 99 at .data+0x0"]);
  });

  it("rejects relocations past the section end", () => {
    const bad = obj("r.o", [{ name: ".data", data: [0, 0], relocations: [{ offset: 0, type: R_386_32, symbol: "_start" }] }], [{ name: "_start", section: "UND" }]);
    expect(messages([boot(), bad])).toEqual(["r.o: relocation R_386_32 at .data+0x0 extends past the end of the section (2 bytes)"]);
  });
});

describe("layout", () => {
  it("places sections in order with their alignment", () => {
    const app = obj(
      "app.o",
      [
        { name: ".data.x", align: 16, data: [1, 2, 3] },
        { name: ".rodata.str1.1", data: [0x68, 0x69, 0] },
        { name: ".text.main", align: 16, data: [0xc3] },
        { name: ".bss.buf", align: 64, data: new Uint8Array(100) },
        { name: ".eh_frame", align: 4, data: [0, 0, 0, 0], relocations: [{ offset: 0, type: R_386_PC32, symbol: ".text.main" }] },
        { name: ".comment", data: [0x47, 0] },
        { name: ".note.GNU-stack", data: [] },
      ],
      [
        { name: "main", section: ".text.main", size: 1, type: STT_FUNC },
        { name: "buf", section: ".bss.buf", size: 100, type: STT_OBJECT },
      ],
    );
    // The boot object comes last on the command line, but .multiboot still leads the image.
    const { image, result } = linkOk([app, boot()]);
    expect(image.sections.map((s) => s.name)).toEqual(["", ".multiboot", ".text", ".rodata", ".data", ".bss", ".symtab", ".strtab", ".shstrtab"]);
    const byName = new Map(image.sections.map((s) => [s.name, s]));
    expect(byName.get(".multiboot")!.address).toBe(0x100000);
    expect(readAt(image, 0x100000, 12)).toEqual(multibootHeader());
    expect(symbolValue(image, "main") % 16).toBe(0);
    expect(symbolValue(image, "buf") % 64).toBe(0);
    for (const section of image.sections.slice(1, 5)) expect(section.offset % 32).toBe(section.address % 32);
    expect(result.linkMap!.sections.map((s) => s.inputs.map((i) => `${i.object}(${i.section})`))).toEqual([
      ["boot.o(.multiboot)"],
      ["app.o(.text.main)", "boot.o(.text)"],
      ["app.o(.rodata.str1.1)"],
      ["app.o(.data.x)"],
      ["app.o(.bss.buf)"],
    ]);
    expect(image.bytes.length).toBeLessThan(1024);
  });

  it("defines the linker symbols", () => {
    const app = obj("app.o", [{ name: ".data", align: 4, data: [1, 2, 3, 4] }, { name: ".bss", align: 4, data: new Uint8Array(40) }], []);
    const { image } = linkOk([boot(), app]);
    const sections = new Map(image.sections.map((s) => [s.name, s]));
    const text = sections.get(".text")!;
    const data = sections.get(".data")!;
    const bss = sections.get(".bss")!;
    expect(symbolValue(image, "__image_start")).toBe(0x100000);
    expect(symbolValue(image, "_etext")).toBe(text.address + text.size);
    expect(symbolValue(image, "_edata")).toBe(data.address + 4);
    expect(symbolValue(image, "__bss_start")).toBe(bss.address);
    expect(symbolValue(image, "__bss_end")).toBe(bss.address + 40);
    expect(symbolValue(image, "_end")).toBe(bss.address + 40);
    const [textSegment, dataSegment] = image.segments;
    expect(textSegment).toMatchObject({ vaddr: 0x100000, paddr: 0x100000, flags: 5, align: 32 });
    expect(dataSegment).toMatchObject({ vaddr: data.address, offset: data.offset, filesz: 4, memsz: bss.address + 40 - data.address, flags: 6 });
  });

  it("rejects allocated sections with no place", () => {
    const app = obj("app.o", [{ name: ".mysection", flags: 3, data: [0, 0, 0, 0] }], []);
    expect(messages([boot(), app])).toEqual([
      "app.o: allocated section `.mysection` has no place in the image; the linker places only .multiboot, .text*, .rodata*, .data* and .bss* sections",
    ]);
  });

  it("rejects allocated sections of unknown type", () => {
    const app = obj("app.o", [{ name: ".data.dynamic", type: 6, flags: 3, data: [0, 0, 0, 0] }], []);
    expect(messages([boot(), app])).toEqual([
      "app.o: allocated section `.data.dynamic` has unsupported type 0x6; the linker places only SHT_PROGBITS and SHT_NOBITS sections",
    ]);
  });

  it("rejects constructors, which the library OS does not run", () => {
    const app = obj("app.o", [{ name: ".init_array", flags: 3, data: [0, 0, 0, 0] }], []);
    expect(messages([boot(), app])).toEqual([
      "app.o: section `.init_array` holds constructors or destructors, which the library OS does not run; remove __attribute__((constructor)) or __attribute__((destructor)) and call the function from main",
    ]);
  });
});

describe("multiboot header", () => {
  it("is required", () => {
    expect(messages([definer("s.o", "_start")])).toEqual([
      "no multiboot header: no input has a `.multiboot` section; link the library OS (libos.a), whose boot object provides it",
    ]);
  });

  it("must have a valid checksum", () => {
    const bad = obj("boot.o", [{ name: ".multiboot", align: 4, data: multibootHeader(0x3, 0x12345678) }, { name: ".text", data: [0xf4] }], [{ name: "_start", section: ".text" }]);
    expect(messages([bad])).toEqual(["invalid multiboot header checksum 0x12345678 for flags 0x3; expected 0xe4524ffb (magic + flags + checksum must be 0)"]);
  });

  it("must use only flags v86 supports", () => {
    const video = obj("boot.o", [{ name: ".multiboot", align: 4, data: [...multibootHeader(0x7), ...new Uint8Array(36)] }, { name: ".text", data: [0xf4] }], [{ name: "_start", section: ".text" }]);
    expect(messages([video])).toEqual([
      "multiboot header flags 0x7 request features the emulator does not provide (bits 0x4); use only bits 0, 1 and 16 (0x10003)",
    ]);
  });

  it("must lie in the first 8 KiB", () => {
    const late = obj("boot.o", [{ name: ".multiboot", align: 4, data: [...new Uint8Array(8192), ...multibootHeader()] }, { name: ".text", data: [0xf4] }], [{ name: "_start", section: ".text" }]);
    expect(messages([late])).toEqual([
      "multiboot header at file offset 0x2080 does not lie within the first 8192 bytes of the image; shrink the `.multiboot` section",
    ]);
  });
});

describe("malformed input", () => {
  it("reports files that are not objects", () => {
    expect(messages([{ name: "notes.txt", bytes: new TextEncoder().encode("hello") }])).toEqual(["notes.txt: not an ELF object or archive"]);
  });

  it("never throws on corrupted objects and archives", () => {
    const inputs = [boot(), caller("main.o", "main", ["f"]), archiveOf("lib.a", [definer("f.o", "f")])];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    for (let round = 0; round < 1500; round++) {
      const victim = Math.floor(random() * inputs.length);
      const corrupted = inputs.map((input, i) => {
        if (i !== victim) return input;
        const bytes = input.bytes.slice(0, random() < 0.3 ? Math.floor(random() * input.bytes.length) : input.bytes.length);
        for (let flip = 0; flip < 3; flip++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        return { name: input.name, bytes };
      });
      const result = link(corrupted);
      expect(result.image !== undefined || result.diagnostics.length > 0).toBe(true);
    }
  });
});
