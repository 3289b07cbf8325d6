// Golden dump of a small image built from in-memory objects: any change in
// layout, headers or symbol table shows up as a diff against the stored text.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { R_386_32, R_386_PC32, STB_LOCAL, STB_WEAK, STT_FUNC, STT_OBJECT } from "../../src/builder/elf/constants";
import { formatLinkMap, link } from "../../src/builder/ld/index";
import { bootObject, makeObject } from "../elf/make-object";
import { dumpImage, parseImage } from "./dump";

const GOLDEN_DIR = join(import.meta.dirname, "golden");

function inputs() {
  const app = makeObject(
    [
      { name: ".text.main", align: 16, data: [0xe8, 0xfc, 0xff, 0xff, 0xff, 0xa1, 0, 0, 0, 0, 0xc3], relocations: [
        { offset: 1, type: R_386_PC32, symbol: "helper" },
        { offset: 6, type: R_386_32, symbol: "counter" },
      ] },
      { name: ".text.helper", align: 4, data: [0x31, 0xc0, 0xc3] },
      { name: ".rodata.str1.1", data: [...new TextEncoder().encode("hello\0")] },
      { name: ".data.counter", align: 4, data: [42, 0, 0, 0] },
      { name: ".bss.buffer", align: 32, data: new Uint8Array(256) },
    ],
    [
      { name: "helper", section: ".text.helper", size: 3, binding: STB_LOCAL, type: STT_FUNC },
      { name: "main", section: ".text.main", size: 11, type: STT_FUNC },
      { name: "counter", section: ".data.counter", size: 4, type: STT_OBJECT },
      { name: "buffer", section: ".bss.buffer", size: 256, type: STT_OBJECT },
      { name: "on_exit", section: "UND", binding: STB_WEAK },
      { name: "heap", section: "COMMON", size: 64, value: 16 },
    ],
  );
  return [
    { name: "boot.o", bytes: bootObject() },
    { name: "app.o", bytes: app },
  ];
}

it("image dump matches the golden text", () => {
  const result = link(inputs());
  expect(result.diagnostics).toEqual([]);
  const expected = readFileSync(join(GOLDEN_DIR, "small-image.txt"), "utf8");
  expect(dumpImage(parseImage(result.image!))).toBe(expected);
});

it("link map text matches the golden text", () => {
  const result = link(inputs());
  const expected = readFileSync(join(GOLDEN_DIR, "small-image.map"), "utf8");
  expect(formatLinkMap(result.linkMap!)).toBe(expected);
});
