// Objects from our compiler and from gcc -m32 call each other in both
// directions: test/c/interop/app.c (main and the callbacks) and lib.c (the
// functions main calls, which call back) pass structs by value and return
// them, define and call variadic functions, and pass function pointers.
// Each mixed build must print exactly interop.expected, which is the output
// of both halves built by gcc.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { build } from "../../src/builder/build";
import { formatDiagnostic } from "../../src/builder/diagnostic";
import type { BinaryInput, LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator } from "../../src/emulator";

const root = join(import.meta.dirname, "..", "..");
const interopDir = join(root, "test", "c", "interop");
const RUN_TIMEOUT_MS = 10_000;

const gccMissing =
  spawnSync("gcc", ["--version"]).status !== 0
    ? "gcc is not installed"
    : spawnSync("ld", ["--version"]).status !== 0
      ? "GNU ld is not installed"
      : undefined;
if (gccMissing) console.log(`skipping the interop tests of test/c/interop: ${gccMissing}`);

const header = readFileSync(join(interopDir, "interop.h"), "utf8");
const expected = readFileSync(join(interopDir, "interop.expected"), "utf8");

function source(name: string): string {
  return readFileSync(join(interopDir, name), "utf8");
}

/** Compiles one half with gcc -m32 into an object file and returns its path. */
function gccObject(name: string, workDir: string): string {
  const object = join(workDir, name.replace(/\.c$/, ".o"));
  const compile = spawnSync(
    "gcc",
    [
      "-m32", "-ffreestanding", "-fno-pic", "-fno-pie", "-fno-asynchronous-unwind-tables", "-fno-stack-protector",
      "-nostdinc", "-I", join(root, "libos", "include"), "-I", interopDir, "-c", join(interopDir, name), "-o", object,
    ],
    { encoding: "utf8" },
  );
  if (compile.status !== 0) throw new Error(`gcc failed on ${name}:\n${compile.stderr}`);
  return object;
}

describe("interop with gcc -m32 objects", () => {
  let emulator: Emulator;
  let library: LibraryBundle;
  const workDir = mkdtempSync(join(tmpdir(), "ukp-interop-"));

  beforeAll(async () => {
    library = await loadNodeLibrary();
    emulator = await createNodeEmulator();
  });
  afterAll(() => emulator?.dispose());

  async function boot(image: Uint8Array): Promise<string> {
    const chunks: Uint8Array[] = [];
    const result = await emulator.run(image, { timeoutMs: RUN_TIMEOUT_MS, onOutput: (bytes) => chunks.push(bytes) });
    expect(result.end).toEqual({ reason: "exit", exitCode: 0 });
    return Buffer.concat(chunks).toString("utf8");
  }

  /** Builds `ours` with our compiler, linked with gcc's object of the other half. */
  async function runMixed(ours: string, theirs: string): Promise<string> {
    const object: BinaryInput = { name: theirs.replace(/\.c$/, ".o"), bytes: readFileSync(gccObject(theirs, workDir)) };
    const files = { [ours]: source(ours), "interop.h": header };
    const result = build({ files, inputs: [object] }, library);
    const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d, files));
    expect(errors).toEqual([]);
    return boot(result.image as Uint8Array);
  }

  it.skipIf(gccMissing !== undefined)("gcc builds both halves", async () => {
    const image = join(workDir, "both.elf");
    const link = spawnSync(
      "ld",
      [
        "-m", "elf_i386", "-T", join(root, "libos", "link.ld"), "-o", image, gccObject("app.c", workDir),
        gccObject("lib.c", workDir), join(root, "public", "images", "libos.a"),
      ],
      { encoding: "utf8" },
    );
    expect(link.status, link.stderr).toBe(0);
    expect(await boot(readFileSync(image))).toBe(expected);
  });

  it.skipIf(gccMissing !== undefined)("our main calls gcc's library", async () => {
    expect(await runMixed("app.c", "lib.c")).toBe(expected);
  });

  it.skipIf(gccMissing !== undefined)("gcc's main calls our library", async () => {
    expect(await runMixed("lib.c", "app.c")).toBe(expected);
  });

  it("our compiler builds both halves", async () => {
    const files = { "app.c": source("app.c"), "lib.c": source("lib.c"), "interop.h": header };
    const result = build({ files }, library);
    const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d, files));
    expect(errors).toEqual([]);
    expect(await boot(result.image as Uint8Array)).toBe(expected);
  });
});
