// Runs a random program generator for a fixed set of seeds: each program is
// built with our compiler and with gcc -m32 against the same library OS,
// booted in v86, and both outputs must be identical.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator } from "../../src/emulator";
import { gccUnavailableReason, runDifferential } from "../../bench/cgen/differential";

/** Defines the tests: the generator's determinism, then one gcc comparison per seed. */
export function describeRandomDifferential(title: string, generate: (seed: number) => string, seeds: readonly number[]): void {
  if (gccUnavailableReason) console.log(`skipping ${title}: ${gccUnavailableReason}`);

  describe(title, () => {
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
      expect(generate(7)).toBe(generate(7));
      expect(generate(7)).not.toBe(generate(8));
    });

    for (const seed of seeds) {
      it.skipIf(gccUnavailableReason !== undefined)(`seed ${seed} matches gcc`, async () => {
        const result = await runDifferential(generate(seed), `seed${seed}`, emulator, library, workDir);
        expect(result.gcc.end).toBe("exit 0");
        expect(result.ours.end).toBe(result.gcc.end);
        expect(result.ours.output).toBe(result.gcc.output);
      });
    }
  });
}
