// Golden dump of a small image built from in-memory objects: any change in
// layout, headers, symbol table or link map shows up as a diff against the
// stored text. The inputs exercise garbage collection, string merging,
// COMMON symbols and an archive whose members carry library OS components.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { R_386_32, R_386_PC32, STB_LOCAL, STB_WEAK, STT_FUNC, STT_OBJECT } from "../../src/builder/elf/constants";
import { formatLinkMap, link } from "../../src/builder/ld/index";
import type { BinaryInput } from "../../src/builder/types";
import { bootObject, makeObject } from "../elf/make-object";
import { dumpImage, parseImage } from "./dump";
import { archiveOf } from "./make-archive";

const GOLDEN_DIR = join(import.meta.dirname, "golden");
const text = (s: string) => [...new TextEncoder().encode(s)];

function inputs(): BinaryInput[] {
  const app = makeObject(
    [
      // main: call helper; call puts; mov counter, %eax; push $"world"; ret
      { name: ".text.main", align: 16, data: [0xe8, 0xfc, 0xff, 0xff, 0xff, 0xe8, 0xfc, 0xff, 0xff, 0xff, 0xa1, 0, 0, 0, 0, 0x68, 6, 0, 0, 0, 0xc3], relocations: [
        { offset: 1, type: R_386_PC32, symbol: "helper" },
        { offset: 6, type: R_386_PC32, symbol: "puts" },
        { offset: 11, type: R_386_32, symbol: "counter" },
        { offset: 16, type: R_386_32, symbol: ".rodata.str1.1" },
      ] },
      { name: ".text.helper", align: 4, data: [0x31, 0xc0, 0xc3] },
      { name: ".text.unused", data: [0xc3] },
      { name: ".rodata.str1.1", data: text("hello\0world\0") },
      { name: ".data.counter", align: 4, data: [42, 0, 0, 0] },
      { name: ".bss.buffer", align: 32, data: new Uint8Array(256) },
    ],
    [
      { name: "helper", section: ".text.helper", size: 3, binding: STB_LOCAL, type: STT_FUNC },
      { name: "main", section: ".text.main", size: 21, type: STT_FUNC },
      { name: "unused", section: ".text.unused", size: 1, type: STT_FUNC },
      { name: "counter", section: ".data.counter", size: 4, type: STT_OBJECT },
      { name: "buffer", section: ".bss.buffer", size: 256, type: STT_OBJECT },
      { name: "on_exit", section: "UND", binding: STB_WEAK },
      { name: "puts", section: "UND" },
      { name: "heap", section: "COMMON", size: 64, value: 16 },
    ],
  );
  // puts: push $"hello"; ret, with its own copy of "hello" (and "lo", a tail of it).
  const puts = makeObject(
    [
      { name: ".text.puts", data: [0x68, 0, 0, 0, 0, 0xc3], relocations: [{ offset: 1, type: R_386_32, symbol: ".rodata.str1.1" }] },
      { name: ".rodata.str1.1", data: text("lo\0hello\0") },
    ],
    [{ name: "puts", section: ".text.puts", size: 6, type: STT_FUNC }],
  );
  const unusedMember = makeObject([{ name: ".text.never", data: [0xc3] }], [{ name: "never_called", section: ".text.never", size: 1, type: STT_FUNC }]);
  const libos = archiveOf("libos.a", [
    { name: "boot.o", bytes: bootObject(true) },
    { name: "puts.o", bytes: puts },
    { name: "never.o", bytes: unusedMember },
  ]);
  return [{ name: "app.o", bytes: app }, { ...libos, components: { "boot.o": "boot", "puts.o": "libc/stdio" } }];
}

/** Compares `actual` with the stored file; `UPDATE_GOLDEN=1` rewrites the file instead (review the diff). */
function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

it("image dump matches the golden text", () => {
  const result = link(inputs());
  expect(result.diagnostics).toEqual([]);
  expectGolden("small-image.txt", dumpImage(parseImage(result.image!)));
});

it("link map text matches the golden text", () => {
  const result = link(inputs());
  expectGolden("small-image.map", formatLinkMap(result.linkMap!));
});
