// Boot cross-checks: the same objects linked by our linker and by GNU ld
// boot in v86 with the same console output and exit code, and our images
// boot in QEMU as they do in v86. Inputs come from gcc and from our own
// compiler, linked against the committed library OS.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileObject } from "../../src/builder/build";
import type { Diagnostic } from "../../src/builder/diagnostic";
import { link } from "../../src/builder/ld/index";
import type { BinaryInput } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import type { Emulator } from "../../src/emulator";
import { type Image, parseImage } from "./dump";
import { LINKER_SCRIPT, arAvailable, compile, gccAvailable, ldAvailable, makeTempDir, skipReason, writeInputs } from "./gcc";

const IMAGES = join(import.meta.dirname, "../../public/images");
const libosPath = join(IMAGES, "libos.a");
const includeDir = join(import.meta.dirname, "../../libos/include");
const missing = skipReason({ gcc: gccAvailable, ld: ldAvailable, ar: arAvailable, "public/images/libos.a": existsSync(libosPath) });
if (missing) console.log(`boot cross-checks ${missing}`);
const qemuAvailable = spawnSync("qemu-system-i386", ["--version"], { stdio: "ignore" }).status === 0;
if (!qemuAvailable) console.log("QEMU boot checks skipped: qemu-system-i386 not found on PATH");


const MAIN_C = `
#include <stdio.h>
#include <string.h>
extern const char *describe(int n);
extern int shared_counter;
int tentative_total;
static const int primes[] = {2, 3, 5, 7, 11, 13};
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main(void) {
  printf("linked by %s\\n", "either linker");
  for (int i = 0; i < 6; i++) tentative_total += primes[i];
  printf("sum %d fib %d len %d\\n", tentative_total, fib(15), (int)strlen(describe(2)));
  for (int i = 0; i < 3; i++) puts(describe(i));
  shared_counter += 40;
  printf("counter %d\\n", shared_counter);
  return 3;
}
`;

const LIB_C = `
int shared_counter = 2;
static const char *const names[] = {"zero", "one", "two", "either linker"};
const char *describe(int n) { return n >= 0 && n < 4 ? names[n] : "many"; }
int never_called(void) { return shared_counter * 1000; }
`;

const EXPECTED_OUTPUT = "linked by either linker\nsum 41 fib 610 len 3\nzero\none\ntwo\ncounter 42\n";
const GCC_FLAGS = ["-ffunction-sections", "-fdata-sections", "-fcommon", "-nostdinc", "-I", includeDir];

function gnuLink(dir: string, inputs: BinaryInput[]): Uint8Array {
  const script = join(dir, "layout.ld");
  writeFileSync(script, LINKER_SCRIPT);
  const out = join(dir, "gnu.elf");
  execFileSync("ld", ["-m", "elf_i386", "-static", "-nostdlib", "--gc-sections", "-T", script, "-o", out, ...writeInputs(dir, inputs)], { stdio: "pipe" });
  return new Uint8Array(readFileSync(out));
}

function ourLink(inputs: BinaryInput[]): Uint8Array {
  const result = link(inputs);
  expect(result.diagnostics.map((d) => d.message)).toEqual([]);
  return result.image!;
}

/** Named symbols as "name=address", sorted, for comparing layouts. */
function symbolTable(image: Image): string[] {
  return image.symbols
    .filter((s) => s.name !== "" && s.type !== 4 && s.type !== 3)
    .map((s) => `${s.name}=0x${s.value.toString(16)}`)
    .sort();
}

/** Compiles MAIN_C and LIB_C with our compiler against the library OS headers. */
function compileWithOurCompiler(): BinaryInput[] {
  const headers = JSON.parse(readFileSync(join(IMAGES, "headers.json"), "utf8")) as Record<string, string>;
  return [["main.c", MAIN_C], ["lib.c", LIB_C]].map(([name, source]) => {
    const diagnostics: Diagnostic[] = [];
    const { object } = compileObject(name!, { [name!]: source! }, headers, diagnostics);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    return { name: name!.replace(".c", ".o"), bytes: object! };
  });
}

/** Runs an image in QEMU with the exit device on our exit port; the device reports (code << 1) | 1. */
function bootInQemu(dir: string, image: Uint8Array): { output: string; exitCode: number } {
  const path = join(dir, "qemu.elf");
  writeFileSync(path, image);
  const result = spawnSync(
    "qemu-system-i386",
    ["-kernel", path, "-serial", "stdio", "-display", "none", "-monitor", "none", "-no-reboot", "-m", "64", "-device", "isa-debug-exit,iobase=0x501,iosize=1"],
    { timeout: 20_000, input: "" },
  );
  return { output: result.stdout.toString(), exitCode: ((result.status ?? 0) - 1) >> 1 };
}

describe.skipIf(missing !== undefined)("booting linked images", () => {
  let emulator: Emulator;
  const libos = (): BinaryInput => ({ name: "libos.a", bytes: new Uint8Array(readFileSync(libosPath)) });

  beforeAll(async () => {
    emulator = await createNodeEmulator();
  });
  afterAll(() => emulator?.dispose());

  async function bootInV86(image: Uint8Array): Promise<{ output: string; exitCode: number | undefined }> {
    let output = "";
    const decoder = new TextDecoder();
    const result = await emulator.run(image, { timeoutMs: 10_000, onOutput: (bytes) => (output += decoder.decode(bytes, { stream: true })) });
    return { output, exitCode: result.end.reason === "exit" ? result.end.exitCode : undefined };
  }

  it("gcc objects: our image and GNU ld's agree in v86 and in every symbol address", async () => {
    const dir = makeTempDir();
    const inputs = [compile(dir, "main.c", MAIN_C, GCC_FLAGS), compile(dir, "lib.c", LIB_C, GCC_FLAGS), libos()];
    const oursImage = ourLink(inputs);
    const gnuImage = gnuLink(dir, inputs);
    const ours = await bootInV86(oursImage);
    expect(ours).toEqual({ output: EXPECTED_OUTPUT, exitCode: 3 });
    expect(await bootInV86(gnuImage)).toEqual(ours);
    expect(symbolTable(parseImage(oursImage))).toEqual(symbolTable(parseImage(gnuImage)));
  });

  it("our compiler's objects: our image and GNU ld's agree in v86 and in every symbol address", async () => {
    const dir = makeTempDir();
    const inputs = [...compileWithOurCompiler(), libos()];
    const oursImage = ourLink(inputs);
    const gnuImage = gnuLink(dir, inputs);
    const ours = await bootInV86(oursImage);
    expect(ours).toEqual({ output: EXPECTED_OUTPUT, exitCode: 3 });
    expect(await bootInV86(gnuImage)).toEqual(ours);
    expect(symbolTable(parseImage(oursImage))).toEqual(symbolTable(parseImage(gnuImage)));
    expect(symbolTable(parseImage(oursImage)).length).toBeGreaterThan(30);
  });

  it.skipIf(!qemuAvailable)("our images boot in QEMU with the same output and exit code as in v86", async () => {
    const dir = makeTempDir();
    const fromGcc = ourLink([compile(dir, "main.c", MAIN_C, GCC_FLAGS), compile(dir, "lib.c", LIB_C, GCC_FLAGS), libos()]);
    const fromOurCompiler = ourLink([...compileWithOurCompiler(), libos()]);
    for (const image of [fromGcc, fromOurCompiler]) {
      const inV86 = await bootInV86(image);
      expect(inV86).toEqual({ output: EXPECTED_OUTPUT, exitCode: 3 });
      expect(bootInQemu(dir, image)).toEqual(inV86);
    }
  });
});
