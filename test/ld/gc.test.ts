// Garbage collection of sections, the link map's account of it and of the
// archive members loaded, on objects built in memory.
import { describe, expect, it } from "vitest";
import { R_386_32, R_386_PC32, SHF_ALLOC, SHF_GNU_RETAIN, SHF_WRITE, STB_LOCAL, STT_FUNC, STT_OBJECT } from "../../src/builder/elf/constants";
import { bytesPerComponent, diffLinkMaps, formatLinkMap, link } from "../../src/builder/ld/index";
import type { BinaryInput } from "../../src/builder/types";
import { bootObject, makeObject } from "../elf/make-object";
import { parseImage } from "./dump";
import { archiveOf } from "./make-archive";

const boot = (): BinaryInput => ({ name: "boot.o", bytes: bootObject(true) });

/** main calls `used`; `unused` and `orphan_data` are referenced by nothing that is kept. */
function app(extraSections: { name: string; flags?: number; data: number[] }[] = []): BinaryInput {
  return {
    name: "app.o",
    bytes: makeObject(
      [
        { name: ".text.main", data: [0xe8, 0xfc, 0xff, 0xff, 0xff, 0xa1, 0, 0, 0, 0, 0xc3], relocations: [
          { offset: 1, type: R_386_PC32, symbol: "used" },
          { offset: 6, type: R_386_32, symbol: "counter" },
        ] },
        { name: ".text.used", data: [0xc3] },
        // unused calls used, but nothing reaches unused.
        { name: ".text.unused", data: [0xe8, 0xfc, 0xff, 0xff, 0xff, 0xc3], relocations: [{ offset: 1, type: R_386_PC32, symbol: "used" }] },
        { name: ".data.counter", data: [1, 0, 0, 0] },
        { name: ".data.orphan", data: [2, 0, 0, 0, 3, 0, 0, 0] },
        ...extraSections,
      ],
      [
        { name: "main", section: ".text.main", size: 11, type: STT_FUNC },
        { name: "used", section: ".text.used", size: 1, binding: STB_LOCAL, type: STT_FUNC },
        { name: "unused", section: ".text.unused", size: 6, type: STT_FUNC },
        { name: "counter", section: ".data.counter", size: 4, type: STT_OBJECT },
        { name: "orphan_data", section: ".data.orphan", size: 8, type: STT_OBJECT },
      ],
    ),
  };
}

function symbolNames(image: Uint8Array): string[] {
  return parseImage(image).symbols.map((s) => s.name).filter((name) => name !== "").sort();
}

describe("garbage collection", () => {
  it("keeps what the entry point reaches and removes the rest", () => {
    const result = link([boot(), app()]);
    expect(result.diagnostics).toEqual([]);
    const names = symbolNames(result.image!);
    expect(names).toEqual(["__bss_end", "__bss_start", "__image_start", "_edata", "_end", "_etext", "_start", "counter", "main", "used"]);
    expect(result.linkMap!.gcSections).toBe(true);
    expect(result.linkMap!.discarded).toEqual([
      { object: "app.o", component: "app", section: ".text.unused", size: 6 },
      { object: "app.o", component: "app", section: ".data.orphan", size: 8 },
    ]);
  });

  it("keeps everything with gcSections: false", () => {
    const result = link([boot(), app()], { gcSections: false });
    expect(result.diagnostics).toEqual([]);
    expect(symbolNames(result.image!)).toContain("unused");
    expect(symbolNames(result.image!)).toContain("orphan_data");
    expect(result.linkMap!.gcSections).toBe(false);
    expect(result.linkMap!.discarded).toEqual([]);
    expect(formatLinkMap(result.linkMap!)).toContain("Garbage collection of sections is off");
  });

  it("keeps sections marked SHF_GNU_RETAIN and what they reference", () => {
    const flags = SHF_ALLOC | SHF_WRITE | SHF_GNU_RETAIN;
    const table: BinaryInput = {
      name: "table.o",
      bytes: makeObject(
        [
          { name: ".data.table", flags, data: [0, 0, 0, 0], relocations: [{ offset: 0, type: R_386_32, symbol: "pointed_to" }] },
          { name: ".data.pointed", data: [2, 0, 0, 0] },
          { name: ".data.other", data: [3, 0, 0, 0] },
        ],
        [
          { name: "table", section: ".data.table", size: 4, type: STT_OBJECT },
          { name: "pointed_to", section: ".data.pointed", size: 4, type: STT_OBJECT },
          { name: "other", section: ".data.other", size: 4, type: STT_OBJECT },
        ],
      ),
    };
    const result = link([boot(), app(), table]);
    expect(result.diagnostics).toEqual([]);
    const names = symbolNames(result.image!);
    expect(names).toEqual(expect.arrayContaining(["table", "pointed_to"]));
    expect(names).not.toContain("other");
  });

  it("reports no undefined symbol that only removed code references", () => {
    const withMissing: BinaryInput = {
      name: "app.o",
      bytes: makeObject(
        [
          { name: ".text.main", data: [0xc3] },
          { name: ".text.unused", data: [0xe8, 0xfc, 0xff, 0xff, 0xff, 0xc3], relocations: [{ offset: 1, type: R_386_PC32, symbol: "missing" }] },
        ],
        [
          { name: "main", section: ".text.main", size: 1, type: STT_FUNC },
          { name: "unused", section: ".text.unused", size: 6, type: STT_FUNC },
          { name: "missing", section: "UND" },
        ],
      ),
    };
    expect(link([boot(), withMissing]).diagnostics).toEqual([]);
    const kept = link([boot(), withMissing], { gcSections: false });
    expect(kept.diagnostics.map((d) => d.message)).toEqual(["undefined reference to `missing`"]);
  });

  it("keeps the multiboot header although nothing references it", () => {
    const result = link([boot(), app()]);
    expect(result.linkMap!.sections[0]!.name).toBe(".multiboot");
    expect(result.linkMap!.sections[0]!.size).toBe(12);
  });
});

describe("link map", () => {
  const member = (name: string, fn: string, calls: string[]) => {
    const data: number[] = [];
    const relocations = calls.map((target) => {
      data.push(0xe8, 0xfc, 0xff, 0xff, 0xff);
      return { offset: data.length - 4, type: R_386_PC32, symbol: target };
    });
    data.push(0xc3);
    return {
      name,
      bytes: makeObject([{ name: `.text.${fn}`, data, relocations }], [
        { name: fn, section: `.text.${fn}`, size: data.length, type: STT_FUNC },
        ...calls.map((target) => ({ name: target, section: "UND" })),
      ]),
    };
  };

  it("says which symbol loaded each archive member and who referenced it", () => {
    const main = member("main.o", "main", ["puts"]);
    const lib = archiveOf("libos.a", [
      { name: "boot.o", bytes: bootObject(true) },
      member("puts.o", "puts", ["uart_write"]),
      member("uart.o", "uart_write", []),
      member("never.o", "never_called", []),
    ]);
    const result = link([main, { ...lib, components: { "boot.o": "boot", "puts.o": "libc/stdio", "uart.o": "console" } }]);
    expect(result.diagnostics).toEqual([]);
    const map = result.linkMap!;
    expect(map.members).toEqual([
      { object: "libos.a(boot.o)", archive: "libos.a", member: "boot.o", component: "boot", symbol: "_start", referencedBy: "<entry>", size: 21 },
      { object: "libos.a(puts.o)", archive: "libos.a", member: "puts.o", component: "libc/stdio", symbol: "puts", referencedBy: "main.o", referencingFunction: "main", size: 6 },
      { object: "libos.a(uart.o)", archive: "libos.a", member: "uart.o", component: "console", symbol: "uart_write", referencedBy: "libos.a(puts.o)", referencingFunction: "puts", size: 1 },
    ]);
    const text = map.sections.find((s) => s.name === ".text")!;
    expect(text.inputs.map((i) => [i.object, i.archive, i.member, i.component])).toEqual([
      ["main.o", undefined, undefined, "app"],
      ["libos.a(boot.o)", "libos.a", "boot.o", "boot"],
      ["libos.a(puts.o)", "libos.a", "puts.o", "libc/stdio"],
      ["libos.a(uart.o)", "libos.a", "uart.o", "console"],
    ]);
    expect(map.symbols.find((s) => s.name === "puts")).toMatchObject({ component: "libc/stdio", kind: "function", local: false });
    const textMap = formatLinkMap(map);
    expect(textMap).toContain("libos.a(uart.o)\n                    libos.a(puts.o) (uart_write), from function puts\n");
    expect(textMap).toContain(
      [
        "Bytes per component           in file  in memory (with .bss)",
        "  boot                             21         21",
        "  app                               6          6",
        "  libc/stdio                        6          6",
        "  console                           1          1",
      ].join("\n"),
    );
    expect(bytesPerComponent(map)).toEqual([
      { component: "boot", fileBytes: 21, memoryBytes: 21 },
      { component: "app", fileBytes: 6, memoryBytes: 6 },
      { component: "libc/stdio", fileBytes: 6, memoryBytes: 6 },
      { component: "console", fileBytes: 1, memoryBytes: 1 },
    ]);
  });

  it("names the archive as the component of members the map does not list", () => {
    const lib = archiveOf("extra.a", [member("helper.o", "helper", [])]);
    const result = link([boot(), member("main.o", "main", ["helper"]), lib]);
    expect(result.linkMap!.members.map((m) => m.component)).toEqual(["extra.a"]);
  });
});

describe("link map difference", () => {
  it("reports component bytes and symbol changes", () => {
    const before = link([boot(), app()]).linkMap!;
    const bigger = {
      name: "app.o",
      bytes: makeObject(
        [
          { name: ".text.main", data: [0xe8, 0xfc, 0xff, 0xff, 0xff, 0x90, 0x90, 0xc3], relocations: [{ offset: 1, type: R_386_PC32, symbol: "added" }] },
          { name: ".text.added", data: [0x90, 0xc3] },
        ],
        [
          { name: "main", section: ".text.main", size: 8, type: STT_FUNC },
          { name: "added", section: ".text.added", size: 2, type: STT_FUNC },
        ],
      ),
    };
    const after = link([boot(), bigger]).linkMap!;
    const diff = diffLinkMaps(before, after);
    // boot.o is a command-line object too, so its 21 bytes count as app in both maps.
    expect(diff.components).toEqual([{ component: "app", fileBytesBefore: 37, fileBytesAfter: 31, memoryBytesBefore: 37, memoryBytesAfter: 31 }]);
    expect(diff.added).toEqual([{ name: "added", object: "app.o", component: "app", kind: "function", sizeAfter: 2 }]);
    expect(diff.removed.map((s) => s.name)).toEqual(["counter", "used"]);
    expect(diff.resized).toEqual([{ name: "main", object: "app.o", component: "app", kind: "function", sizeBefore: 11, sizeAfter: 8 }]);
  });

  it("is empty for the same link", () => {
    const map = link([boot(), app()]).linkMap!;
    expect(diffLinkMaps(map, map)).toEqual({ components: [], added: [], removed: [], resized: [] });
  });
});
