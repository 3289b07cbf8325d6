// The register allocator reads each instruction's operands in its own
// switch (putInstructionFacts), apart from the IR's instructionUses(),
// instructionDef() and secondDef(). This test compiles the test/c programs
// and a generated one through the -O2 passes. It checks that both give
// every instruction the same uses and definitions, so that a new operand
// or instruction kind in the IR cannot slip past the allocator. It also
// checks the table that the allocator builds while it adds spill code
// against the table allocatorTable() builds from the finished function.
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import { DEF, OPERAND_STRIDE, SECOND_DEF, SPARE, USES, USE_COUNT_MASK, operandTable, type OperandTable } from "../../src/builder/cc/opt/liveness";
import { lowerFunction } from "../../src/builder/cc/opt/lower";
import { optimize } from "../../src/builder/cc/opt/passes";
import { allocateRegisters, allocatorTable } from "../../src/builder/cc/opt/regalloc";
import { findUnsupportedTypes } from "../../src/builder/cc/opt/scan";
import { inlinerFor, parseFunctions, testPrograms } from "./back-end-sources";

const sources = testPrograms({ name: "cgen7.c", text: generateProgram(7) });

/** Returns one line per instruction or terminator whose two table entries differ, naming the function and the entry. */
function mismatches(name: string, text: string): string[] {
  const functions = parseFunctions(name, text);
  const inliner = inlinerFor(functions);
  const found: string[] = [];
  for (const definition of functions) {
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

/** Returns the entry at word `o` as text: its first word (use count and the allocator's flags), uses, definitions and spare word. */
function formatEntry(ops: Int32Array, o: number): string {
  const count = ops[o] & USE_COUNT_MASK;
  return `first word ${ops[o]} uses [${Array.from(ops.subarray(o + USES, o + USES + count))}] def ${ops[o + DEF]} second ${ops[o + SECOND_DEF]} spare ${ops[o + SPARE]}`;
}

/** Allocates registers for each function and returns one line per entry of the allocator's last table that allocatorTable() would write differently. */
function spillTableMismatches(name: string, text: string): { spilling: number; found: string[] } {
  const functions = parseFunctions(name, text);
  const inliner = inlinerFor(functions);
  const found: string[] = [];
  let spilling = 0;
  for (const definition of functions) {
    if (findUnsupportedTypes(definition)) continue;
    let ir;
    let last: OperandTable;
    try {
      ir = lowerFunction(inliner.inlineInto(definition));
      optimize(ir, 2, true);
      const allocation = allocateRegisters(ir);
      if (allocation.spillSlots > 0) spilling++;
      // Both tables are the allocator's scratch storage, so the first is copied before the second is built.
      last = { ops: allocation.table.ops.slice(), blockStart: allocation.table.blockStart.slice(0, ir.blocks.length + 1) };
    } catch {
      // A construct the back end does not cover: the function gets the -O0 code, and no allocation.
      continue;
    }
    const rebuilt = allocatorTable(ir);
    expect(Array.from(last.blockStart)).toEqual(Array.from(rebuilt.blockStart));
    for (let e = 0; e < rebuilt.blockStart[ir.blocks.length]; e++) {
      const expected = formatEntry(rebuilt.ops, e * OPERAND_STRIDE), actual = formatEntry(last.ops, e * OPERAND_STRIDE);
      if (expected !== actual) found.push(`${name}: ${definition.symbol.name} entry ${e}: expected ${expected}, got ${actual}`);
    }
  }
  return { spilling, found };
}

describe("register allocator operand table", () => {
  for (const { name, text } of sources) {
    it(`matches the IR's operands in ${name}`, () => {
      expect(mismatches(name, text)).toEqual([]);
    });
  }
});

describe("register allocator table after spilling", () => {
  for (const { name, text } of sources) {
    it(`matches a rebuilt table in ${name}`, () => {
      expect(spillTableMismatches(name, text).found).toEqual([]);
    });
  }

  it("covers functions that spill", () => {
    const generated = sources[sources.length - 1];
    expect(spillTableMismatches(generated.name, generated.text).spilling).toBeGreaterThan(0);
  });
});
