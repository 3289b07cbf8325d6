// The optimising back end: lowers a function's typed AST to the IR, runs
// the passes, allocates registers and emits AT&T assembly. A function that
// uses a construct the IR does not cover (floating point, bit-fields, asm,
// variable length arrays, computed goto, variadic definitions, setjmp) gets
// the -O0 code instead, with a comment in the listing that gives the reason.
import { functionSymbolName, type FunctionDefinition, type Variable } from "../ast";
import type { Emitter } from "../codegen/emitter";
import { emitIr } from "./emit";
import { Inliner } from "./inline";
import { Unsupported } from "./ir";
import { lowerFunction } from "./lower";
import { optimize } from "./passes";
import { MAX_OPTIMISED_DEPTH, findUnsupportedTypes, nestsDeeperThan } from "./scan";
import { allocateRegisters } from "./regalloc";

const NESTED_TOO_DEEPLY = "is nested too deeply for the optimiser";

/**
 * Emits `fn` optimised at `level`; false (after a `# not optimised:` comment) when the back end does not cover it.
 * `plainMemory`: the file has no volatile access, so loads may be forwarded from stores.
 */
export function emitOptimizedFunction(out: Emitter, fn: FunctionDefinition, level: 1 | 2, inliner?: Inliner, plainMemory = false): boolean {
  let inlined = fn;
  try {
    if (nestsDeeperThan(fn.body, MAX_OPTIMISED_DEPTH)) throw new Unsupported(NESTED_TOO_DEEPLY);
    // Functions with types the IR does not cover are turned away before lowering: by a quick scan, or
    // by the inliner, whose rebuild of the body checks the same nodes.
    if (inliner) inlined = inliner.inlineInto(fn);
    else {
      const reason = findUnsupportedTypes(fn);
      if (reason) throw new Unsupported(reason);
    }
    emitFunctionIr(out, inlined, level, plainMemory, inliner?.addressTakenIn(inlined));
    return true;
  } catch (e) {
    // The -O0 generator walks deep else-if chains without recursion. A stack overflow that the depth
    // limit did not prevent (statement expressions nested in one another, say) sends the function there too.
    let reason: string;
    if (e instanceof Unsupported) reason = e.reason;
    else if (e instanceof RangeError) reason = NESTED_TOO_DEEPLY;
    else throw e;
    if (inlined !== fn) return emitOptimizedFunction(out, fn, level, undefined, plainMemory);
    out.lines.push(`# not optimised: '${functionSymbolName(fn.symbol)}' ${reason}`);
    return false;
  }
}

function emitFunctionIr(out: Emitter, fn: FunctionDefinition, level: 1 | 2, plainMemory: boolean, addressTaken?: ReadonlySet<Variable>): void {
  const ir = lowerFunction(fn, addressTaken);
  optimize(ir, level, plainMemory);
  const allocation = allocateRegisters(ir);
  emitIr(out, fn, ir, allocation);
}

export { Inliner };
