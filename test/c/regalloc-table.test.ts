// The register allocator reads each instruction's operands in its own
// switch (putInstructionFacts), apart from the IR's instructionUses(),
// instructionDef() and secondDef(). This test compiles the test/c programs
// and a generated one through the -O2 passes. It checks that both give
// every instruction the same uses and definitions, so that a new operand
// or instruction kind in the IR cannot slip past the allocator.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import { Reporter } from "../../src/builder/cc/errors";
import { Inliner } from "../../src/builder/cc/opt/inline";
import { DEF, OPERAND_STRIDE, SECOND_DEF, USES, USE_COUNT_MASK, operandTable } from "../../src/builder/cc/opt/liveness";
import { lowerFunction } from "../../src/builder/cc/opt/lower";
import { optimize } from "../../src/builder/cc/opt/passes";
import { allocatorTable } from "../../src/builder/cc/opt/regalloc";
import { findUnsupportedTypes } from "../../src/builder/cc/opt/scan";
import { parseProgram } from "../../src/builder/cc/parse/toplevel";
import { preprocess } from "../../src/builder/cc/preprocess";
import { loadLibraryHeaders } from "../cc/library-headers";

const directory = import.meta.dirname;
const headers = loadLibraryHeaders();

const sources: { name: string; text: string }[] = [
  ...readdirSync(directory).filter((name) => name.endsWith(".c")).sort().map((name) => ({ name, text: readFileSync(join(directory, name), "utf8") })),
  { name: "cgen7.c", text: generateProgram(7) },
];

/** Returns one line per instruction or terminator whose two table entries differ, naming the function and the entry. */
function mismatches(name: string, text: string): string[] {
  const diagnostics: unknown[] = [];
  const program = parseProgram(preprocess(name, { [name]: text }, headers, diagnostics as never), new Reporter(diagnostics as never));
  const inliner = new Inliner(new Map(program.functions.map((f) => [f.symbol, f])));
  const found: string[] = [];
  for (const definition of program.functions) {
    if (findUnsupportedTypes(definition)) continue;
    let ir;
    try {
      ir = lowerFunction(inliner.inlineInto(definition));
      optimize(ir, 2, true);
    } catch {
      // A construct the back end does not cover: the function gets the -O0 code, and no allocation.
      continue;
    }
    const generic = operandTable(ir);
    const allocator = allocatorTable(ir);
    expect(allocator.blockStart).toEqual(generic.blockStart);
    for (let e = 0; e < generic.blockStart[ir.blocks.length]; e++) {
      const o = e * OPERAND_STRIDE;
      const format = (ops: Int32Array) => {
        const count = ops[o] & USE_COUNT_MASK;
        return `uses [${Array.from(ops.subarray(o + USES, o + USES + count))}] def ${ops[o + DEF]} second ${ops[o + SECOND_DEF]}`;
      };
      const expected = format(generic.ops), actual = format(allocator.ops);
      if (expected !== actual) found.push(`${name}: ${definition.symbol.name} entry ${e}: expected ${expected}, got ${actual}`);
    }
  }
  return found;
}

describe("register allocator operand table", () => {
  for (const { name, text } of sources) {
    it(`matches the IR's operands in ${name}`, () => {
      expect(mismatches(name, text)).toEqual([]);
    });
  }
});
