// Random programs from bench/cgen/generator.ts for a fixed set of seeds,
// compared with gcc -m32 in v86. The full sweep over many seeds is
// `npx tsx bench/cgen.ts`.
import { generateProgram } from "../../bench/cgen/generator";
import { describeRandomDifferential } from "../helpers/random-differential";

describeRandomDifferential("random programs", (seed) => generateProgram(seed), [1, 2, 3, 5, 8, 13, 21, 34]);
