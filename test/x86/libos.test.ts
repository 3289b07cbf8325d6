// The library OS sources as gcc turns them into assembly (C files with
// their inline asm, and the preprocessed `.S` start-up and vector code),
// assembled by GNU as and by us: the objects must match.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/builder/x86";
import { dumpObject, gnuAssemble, hasGcc, runInTempDir, skipReason } from "./gnu";

const libos = join(__dirname, "..", "..", "libos");

/** The flags libos/build.sh compiles with, minus the ones about warnings. */
const FLAGS = [
  "-m32", "-ffreestanding", "-fno-pic", "-fno-pie", "-ffunction-sections", "-fdata-sections", "-O2",
  "-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-fno-omit-frame-pointer", "-nostdinc",
  "-fno-builtin", "-mgeneral-regs-only", "-fno-tree-loop-distribute-patterns", "-I", join(libos, "include"),
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(c|S)$/.test(name) ? [path] : [];
  });
}

function assembly(path: string): string {
  const mode = path.endsWith(".S") ? ["-E", "-D__ASSEMBLER__"] : ["-S"];
  const text = readFileSync(path, "utf8");
  const name = path.endsWith(".S") ? "in.S" : "in.c";
  const out = runInTempDir({ [name]: text }, "gcc", [...FLAGS, "-I", join(path, ".."), ...mode, "-o", "out.s", name], "out.s");
  return new TextDecoder().decode(out);
}

const files = hasGcc ? ["boot", "kernel", "libc", "libgcc"].flatMap((d) => sources(join(libos, d))).sort() : [];

describe("library OS sources against GNU as", () => {
  if (!hasGcc) console.log(`library OS sources: ${skipReason("gcc with -m32 support")}`);

  it.skipIf(!hasGcc)("finds the library sources", () => {
    expect(files.some((f) => f.endsWith("start.S"))).toBe(true);
  });

  for (const path of files) {
    it(relative(libos, path), () => {
      const text = assembly(path);
      const ours = assemble(text, relative(libos, path));
      expect(ours.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const { raw: _a, ...expected } = dumpObject(gnuAssemble(text));
      const { raw: _b, ...actual } = dumpObject(ours.object!);
      expect(actual).toEqual(expected);
    });
  }
});
