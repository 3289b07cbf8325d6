// Runs a directory of C programs as tests: every DIR/NAME.c is built with our
// pipeline at each optimisation level (-O0 and -O2 unless told otherwise) and
// booted in one reused v86; its COM1 output must equal NAME.expected and its
// exit code the `// exit: N` on its first line. Where
// gcc is present the same source is also built with gcc -m32 and GNU ld
// against the same library OS, and its output must be identical.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { build } from "../../src/builder/build";
import { formatDiagnostic } from "../../src/builder/diagnostic";
import type { OptimizeLevel } from "../../src/builder/cc";
import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator, RunEnd } from "../../src/emulator";

const root = join(import.meta.dirname, "..", "..");
const RUN_TIMEOUT_MS = 10_000;

interface Program {
  name: string;
  source: string;
  expectedOutput: string;
  expectedEnd: RunEnd;
}

export interface CorpusOptions {
  /** Fails the suite when the expected files hold fewer non-empty lines (checks) than this. */
  minChecks?: number;
  /** The optimisation levels each program is built at by our compiler; default -O0 and -O2. */
  levels?: readonly OptimizeLevel[];
}

const DEFAULT_LEVELS: readonly OptimizeLevel[] = [0, 2];

function gccMissingReason(): string | undefined {
  if (spawnSync("gcc", ["--version"]).status !== 0) return "gcc is not installed";
  if (spawnSync("ld", ["--version"]).status !== 0) return "GNU ld is not installed";
  return undefined;
}

function readProgram(directory: string, name: string): Program {
  const shown = relative(root, directory);
  const source = readFileSync(join(directory, `${name}.c`), "utf8");
  const header = /^\/\/ exit: (\d+)\s*$/m.exec(source.split("\n")[0]);
  if (!header) throw new Error(`${shown}/${name}.c must start with a line "// exit: N"`);
  const expectedPath = join(directory, `${name}.expected`);
  if (!existsSync(expectedPath)) throw new Error(`${shown}/${name}.expected is missing: it must hold the exact expected output`);
  return {
    name,
    source,
    expectedOutput: readFileSync(expectedPath, "utf8"),
    expectedEnd: { reason: "exit", exitCode: Number(header[1]) },
  };
}

/** Links the program with gcc -m32 and GNU ld against the committed library OS archive. */
function buildWithGcc(directory: string, program: Program, workDir: string): Uint8Array {
  const object = join(workDir, `${program.name}.o`);
  const image = join(workDir, `${program.name}.elf`);
  const compile = spawnSync(
    "gcc",
    [
      "-m32", "-ffreestanding", "-fno-pic", "-fno-pie", "-fno-asynchronous-unwind-tables", "-fno-stack-protector",
      "-nostdinc", "-I", join(root, "libos", "include"), "-c", join(directory, `${program.name}.c`), "-o", object,
    ],
    { encoding: "utf8" },
  );
  if (compile.status !== 0) throw new Error(`gcc failed on ${program.name}.c:\n${compile.stderr}`);
  const linkArgs = ["-m", "elf_i386", "-T", join(root, "libos", "link.ld"), "-o", image, object, join(root, "public", "images", "libos.a")];
  const linked = spawnSync("ld", linkArgs, { encoding: "utf8" });
  if (linked.status !== 0) throw new Error(`ld failed on ${program.name}.o:\n${linked.stderr}`);
  return readFileSync(image);
}

/** Defines the tests for every program in `directory` (relative to the repository root). */
export function describeProgramCorpus(directory: string, options: CorpusOptions = {}): void {
  const absolute = join(root, directory);
  const programs = readdirSync(absolute)
    .filter((name) => name.endsWith(".c"))
    .map((name) => name.slice(0, -2))
    .sort();
  const gccMissing = gccMissingReason();
  if (gccMissing) console.log(`skipping the gcc builds of ${directory}: ${gccMissing}`);

  describe(directory, () => {
    let emulator: Emulator;
    let library: LibraryBundle;
    const workDir = mkdtempSync(join(tmpdir(), "ukp-corpus-"));

    beforeAll(async () => {
      library = await loadNodeLibrary();
      emulator = await createNodeEmulator();
    });
    afterAll(() => emulator?.dispose());

    async function boot(image: Uint8Array): Promise<{ output: string; end: RunEnd }> {
      const chunks: Uint8Array[] = [];
      const result = await emulator.run(image, { timeoutMs: RUN_TIMEOUT_MS, onOutput: (bytes) => chunks.push(bytes) });
      return { output: Buffer.concat(chunks).toString("utf8"), end: result.end };
    }

    it("corpus is not empty", () => {
      expect(programs.length).toBeGreaterThan(0);
    });

    if (options.minChecks !== undefined) {
      const minChecks = options.minChecks;
      it(`corpus has at least ${minChecks} checks`, () => {
        const checks = programs.reduce(
          (total, name) => total + readProgram(absolute, name).expectedOutput.split("\n").filter((line) => line !== "").length,
          0,
        );
        console.log(`${directory}: ${programs.length} programs, ${checks} checks`);
        expect(checks).toBeGreaterThanOrEqual(minChecks);
      });
    }

    const levels = options.levels ?? DEFAULT_LEVELS;
    for (const name of programs) {
      it.each(levels)(`${name}: ukp build -O%i`, async (optimize) => {
        const program = readProgram(absolute, name);
        const fileName = `${name}.c`;
        const result = build({ files: { [fileName]: program.source }, optimize }, library);
        const errors = result.diagnostics
          .filter((d) => d.severity === "error")
          .map((d) => formatDiagnostic(d, { [fileName]: program.source }));
        expect(errors).toEqual([]);
        expect(result.image).toBeDefined();

        const run = await boot(result.image as Uint8Array);
        expect(run.output).toBe(program.expectedOutput);
        expect(run.end).toEqual(program.expectedEnd);
      });

      it.skipIf(gccMissing !== undefined)(`${name}: gcc -m32`, async () => {
        const program = readProgram(absolute, name);
        const run = await boot(buildWithGcc(absolute, program, workDir));
        expect(run.output).toBe(program.expectedOutput);
        expect(run.end).toEqual(program.expectedEnd);
      });
    }
  });
}
