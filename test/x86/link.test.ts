// Objects from our assembler link with GNU ld, and the linked image is
// byte-identical to the one linked from GNU as objects of the same source.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/builder/x86";
import { gnuAssemble, hasGcc, hasGnuAs, hasGnuLd, runInTempDir, skipReason } from "./gnu";

const fixtures = join(__dirname, "fixtures");

function gccAssembly(file: string): string {
  const source = readFileSync(join(fixtures, file), "utf8");
  const flags = ["-m32", "-S", "-O2", "-fno-pic", "-ffreestanding", "-fno-asynchronous-unwind-tables"];
  return new TextDecoder().decode(runInTempDir({ [file]: source }, "gcc", [...flags, "-o", "out.s", file], "out.s"));
}

/** Links objects into a static image at 1 MiB; undefined externals (the fixtures' callbacks) resolve to 0. */
function link(objects: Uint8Array[]): Uint8Array {
  const files = Object.fromEntries(objects.map((o, i) => [`in${i}.o`, o]));
  const args = ["-m", "elf_i386", "-static", "-nostdlib", "--unresolved-symbols=ignore-all", "-Ttext=0x100000", "-e", "_start"];
  return runInTempDir(files, "ld", [...args, "-o", "out.elf", ...Object.keys(files)], "out.elf");
}

function ours(source: string, name: string): Uint8Array {
  const result = assemble(source, name);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.object!;
}

describe("linking with GNU ld", () => {
  const ready = hasGnuAs && hasGnuLd && hasGcc;
  if (!ready) console.log(`linking: ${skipReason("GNU as, GNU ld (ld -m elf_i386) or gcc -m32")}`);

  it.skipIf(!ready)("links to the same image as GNU as objects", () => {
    const sources: Array<[string, string]> = [
      ["directives.s", readFileSync(join(fixtures, "directives.s"), "utf8")],
      ["algorithms.s", gccAssembly("algorithms.c")],
      ["data.s", gccAssembly("data.c")],
      ["floats.s", gccAssembly("floats.c")],
    ];
    const expected = link(sources.map(([, text]) => gnuAssemble(text)));
    const actual = link(sources.map(([name, text]) => ours(text, name)));
    expect(actual.length).toBe(expected.length);
    expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
  });
});
