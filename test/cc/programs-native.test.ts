// Compiles every program in test/programs with our compiler, assembles it
// with GNU as, runs it natively with the harness runtime, and compares the
// output and exit code with the expectations generated from gcc -m32.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileToAssembly } from "../../src/builder/cc";
import { formatDiagnostic } from "../../src/builder/diagnostic";
import { loadLibraryHeaders } from "./library-headers";
import { cleanUpNative, nativeUnavailableReason, repoRoot, runAssembly } from "./native-harness";

const programsDir = join(repoRoot, "test/programs");
const programs = readdirSync(programsDir).filter((f) => f.endsWith(".c")).sort();
const headers = loadLibraryHeaders();

if (nativeUnavailableReason) console.log(`skipping native program runs: ${nativeUnavailableReason}`);

describe("programs run natively", () => {
  afterAll(cleanUpNative);

  it("corpus has at least 35 programs", () => {
    expect(programs.length).toBeGreaterThanOrEqual(35);
  });

  for (const name of programs) {
    it.skipIf(nativeUnavailableReason !== undefined)(name, () => {
      const source = readFileSync(join(programsDir, name), "utf8");
      const expectedOutput = readFileSync(join(programsDir, name.replace(/\.c$/, ".expected")), "utf8");
      const exitLine = /^\/\/ exit: (\d+)\n/.exec(source);
      expect(exitLine, `${name} must start with '// exit: N'`).not.toBeNull();

      const result = compileToAssembly({ fileName: name, files: { [name]: source }, headers });
      const report = result.diagnostics.map((d) => formatDiagnostic(d, { [name]: source })).join("");
      expect(report).toBe("");
      const run = runAssembly(result.assembly);
      expect(run.stdout).toBe(expectedOutput);
      expect(run.exitCode).toBe(Number(exitLine![1]));
    });
  }
});
