// Random programs from bench/cgen/generator.ts for a fixed set of seeds,
// compared with gcc -m32 in v86. The full sweep over many seeds is
// `npx tsx bench/cgen.ts`.
import { DEFAULT_OPTIONS, generateProgram } from "../../bench/cgen/generator";
import { describeRandomDifferential } from "../helpers/random-differential";

describeRandomDifferential("random programs", (seed) => generateProgram(seed), [1, 2, 3, 5, 8, 13, 21, 34]);

// Without long long every function is one the optimising back end compiles,
// so at -O2 these seeds test the optimiser itself rather than its fallback.
describeRandomDifferential(
  "random programs without long long",
  (seed) => generateProgram(seed, { ...DEFAULT_OPTIONS, longLong: false }),
  [1, 2, 3, 4, 6],
);
