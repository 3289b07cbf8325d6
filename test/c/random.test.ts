// Random programs from bench/cgen/generator.ts for a fixed set of seeds:
// each is built with our compiler and with gcc -m32 against the same
// library OS, booted in v86, and both outputs must be identical. The full
// sweep over many seeds is `npx tsx bench/cgen.ts`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator } from "../../src/emulator";
import { gccUnavailableReason, runDifferential } from "../../bench/cgen/differential";
import { generateProgram } from "../../bench/cgen/generator";

const SEEDS = [1, 2, 3, 5, 8, 13, 21, 34];

if (gccUnavailableReason) console.log(`skipping random programs: ${gccUnavailableReason}`);

describe("random programs", () => {
  let emulator: Emulator;
  let library: LibraryBundle;
  const workDir = mkdtempSync(join(tmpdir(), "ukp-random-"));

  beforeAll(async () => {
    if (gccUnavailableReason) return;
    library = await loadNodeLibrary();
    emulator = await createNodeEmulator();
  });
  afterAll(() => emulator?.dispose());

  it("generator is deterministic", () => {
    expect(generateProgram(7)).toBe(generateProgram(7));
    expect(generateProgram(7)).not.toBe(generateProgram(8));
  });

  for (const seed of SEEDS) {
    it.skipIf(gccUnavailableReason !== undefined)(`seed ${seed} matches gcc`, async () => {
      const result = await runDifferential(generateProgram(seed), `seed${seed}`, emulator, library, workDir);
      expect(result.gcc.end).toBe("exit 0");
      expect(result.ours.end).toBe(result.gcc.end);
      expect(result.ours.output).toBe(result.gcc.output);
    });
  }
});
