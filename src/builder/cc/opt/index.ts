// The optimising back end: lowers a function's typed AST to the IR, runs
// the passes, allocates registers and emits AT&T assembly. A function that
// uses a construct the IR does not cover (floating point, long long, struct
// values, bit-fields, asm, variable length arrays, computed goto, setjmp)
// gets the -O0 code instead, with a comment in the listing that says why.
import { functionSymbolName, type FunctionDefinition } from "../ast";
import type { Emitter } from "../codegen/emitter";
import { emitIr } from "./emit";
import { Unsupported } from "./ir";
import { lowerFunction } from "./lower";
import { optimize } from "./passes";
import { allocateRegisters } from "./regalloc";

/** Emits `fn` optimised at `level`; false (after a `# not optimised:` comment) when the back end does not cover it. */
export function emitOptimizedFunction(out: Emitter, fn: FunctionDefinition, level: 1 | 2): boolean {
  try {
    const ir = lowerFunction(fn);
    optimize(ir, level);
    const allocation = allocateRegisters(ir);
    emitIr(out, fn, ir, allocation);
    return true;
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    out.lines.push(`# not optimised: '${functionSymbolName(fn.symbol)}' ${e.reason}`);
    return false;
  }
}
