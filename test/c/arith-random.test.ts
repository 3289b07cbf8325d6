// Random arithmetic over all integer and floating types, from
// bench/arith/generator.ts for a fixed set of seeds, compared with gcc -m32
// in v86. The full sweep over many seeds is `npx tsx bench/arith.ts`.
import { generateArithmeticProgram } from "../../bench/arith/generator";
import { describeRandomDifferential } from "../helpers/random-differential";

describeRandomDifferential("random arithmetic programs", generateArithmeticProgram, [1, 4, 9, 16]);
