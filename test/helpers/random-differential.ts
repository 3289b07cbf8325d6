// Runs a random program generator for a fixed set of seeds: each program is
// built with gcc -m32 once and with our compiler at -O0 and at -O2 against
// the same library OS, booted in v86, and every output must equal gcc's.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { OptimizeLevel } from "../../src/builder/cc";
import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator } from "../../src/emulator";
import { gccUnavailableReason, runGcc, runOurs, type RunOutcome } from "../../bench/cgen/differential";

const LEVELS: readonly OptimizeLevel[] = [0, 2];

/** Defines the tests: the generator's determinism, then one gcc comparison per seed and level. */
export function describeRandomDifferential(title: string, generate: (seed: number) => string, seeds: readonly number[]): void {
  if (gccUnavailableReason) console.log(`skipping ${title}: ${gccUnavailableReason}`);

  describe(title, () => {
    let emulator: Emulator;
    let library: LibraryBundle;
    const workDir = mkdtempSync(join(tmpdir(), "ukp-random-"));
    // gcc's run of a seed, shared by the tests of both levels.
    const gccRuns = new Map<number, Promise<RunOutcome>>();

    beforeAll(async () => {
      if (gccUnavailableReason) return;
      library = await loadNodeLibrary();
      emulator = await createNodeEmulator();
    });
    afterAll(() => emulator?.dispose());

    function gccRun(seed: number): Promise<RunOutcome> {
      let run = gccRuns.get(seed);
      if (!run) {
        run = runGcc(generate(seed), `seed${seed}`, emulator, workDir);
        gccRuns.set(seed, run);
      }
      return run;
    }

    it("generator is deterministic", () => {
      expect(generate(7)).toBe(generate(7));
      expect(generate(7)).not.toBe(generate(8));
    });

    for (const seed of seeds) {
      for (const optimize of LEVELS) {
        it.skipIf(gccUnavailableReason !== undefined)(`seed ${seed} at -O${optimize} matches gcc`, async () => {
          const gcc = await gccRun(seed);
          const ours = await runOurs(generate(seed), `seed${seed}`, emulator, library, optimize);
          expect(gcc.end).toBe("exit 0");
          expect(ours.end).toBe(gcc.end);
          expect(ours.output).toBe(gcc.output);
        });
      }
    }
  });
}
