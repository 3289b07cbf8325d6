// Random arithmetic over all integer and floating types, from
// bench/arith/generator.ts for a fixed set of seeds. Each program is built
// with our compiler and with gcc -m32 against the same library OS and
// booted in v86, and both outputs must be identical. The full sweep over
// many seeds is `npx tsx bench/arith.ts`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator } from "../../src/emulator";
import { generateArithmeticProgram } from "../../bench/arith/generator";
import { gccUnavailableReason, runDifferential } from "../../bench/cgen/differential";

const SEEDS = [1, 4, 9, 16];

if (gccUnavailableReason) console.log(`skipping random arithmetic programs: ${gccUnavailableReason}`);

describe("random arithmetic programs", () => {
  let emulator: Emulator;
  let library: LibraryBundle;
  const workDir = mkdtempSync(join(tmpdir(), "ukp-arith-"));

  beforeAll(async () => {
    if (gccUnavailableReason) return;
    library = await loadNodeLibrary();
    emulator = await createNodeEmulator();
  });
  afterAll(() => emulator?.dispose());

  it("generator is deterministic", () => {
    expect(generateArithmeticProgram(7)).toBe(generateArithmeticProgram(7));
    expect(generateArithmeticProgram(7)).not.toBe(generateArithmeticProgram(8));
  });

  for (const seed of SEEDS) {
    it.skipIf(gccUnavailableReason !== undefined)(`seed ${seed} matches gcc`, async () => {
      const result = await runDifferential(generateArithmeticProgram(seed), `arith${seed}`, emulator, library, workDir);
      expect(result.gcc.end).toBe("exit 0");
      expect(result.ours.end).toBe(result.gcc.end);
      expect(result.ours.output).toBe(result.gcc.output);
    });
  }
});
