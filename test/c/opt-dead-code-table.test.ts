// The dead-code pass reads each instruction's operands in its own switch
// (putDeadCodeEntry), apart from the IR's instructionUses(),
// instructionDef() and secondDef() that the shared operand table uses. This
// test compiles the test/c programs and a generated one through the -O2
// passes. It checks that both give every instruction the same uses and
// definitions, so that a new operand or instruction kind in the IR cannot
// slip past the dead-code pass.
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import { DEF, OPERAND_STRIDE, SECOND_DEF, USES, USE_COUNT_MASK, putInstruction } from "../../src/builder/cc/opt/liveness";
import { lowerFunction } from "../../src/builder/cc/opt/lower";
import { optimize, putDeadCodeEntry } from "../../src/builder/cc/opt/passes";
import { useBuffer, type Instruction, type IrFunction } from "../../src/builder/cc/opt/ir";
import { findUnsupportedTypes } from "../../src/builder/cc/opt/scan";
import { inlinerFor, parseFunctions, testPrograms } from "./back-end-sources";

const sources = testPrograms({ name: "cgen7.c", text: generateProgram(7) });

/** Returns one line per instruction whose two entries or whose use counts differ, naming the function and the instruction. */
function mismatches(name: string, text: string): string[] {
  const functions = parseFunctions(name, text);
  const inliner = inlinerFor(functions);
  const found: string[] = [];
  const generic = new Int32Array(OPERAND_STRIDE), own = new Int32Array(OPERAND_STRIDE);
  const buffer = useBuffer();
  for (const definition of functions) {
    if (findUnsupportedTypes(definition)) continue;
    let ir: IrFunction;
    try {
      ir = lowerFunction(inliner.inlineInto(definition));
      // Entries are checked on the instructions as the lowering makes them and as the passes leave them.
      for (const b of ir.blocks) for (const inst of b.insts) check(inst);
      optimize(ir, 2, true);
    } catch {
      // A construct the back end does not cover: the function gets the -O0 code.
      continue;
    }
    for (const b of ir.blocks) for (const inst of b.insts) check(inst);

    function check(inst: Instruction): void {
      const uses = new Int32Array(ir.vregCount);
      putInstruction(inst, generic, 0, buffer);
      putDeadCodeEntry(inst, own, 0, uses);
      const format = (ops: Int32Array) => {
        const count = ops[0] & USE_COUNT_MASK;
        return `uses [${Array.from(ops.subarray(USES, USES + count))}] def ${ops[DEF]} second ${ops[SECOND_DEF]}`;
      };
      const expected = format(generic), actual = format(own);
      if (expected !== actual) found.push(`${name}: ${definition.symbol.name} ${inst.op}: expected ${expected}, got ${actual}`);
      const counted = new Int32Array(ir.vregCount);
      for (let k = 0; k < (generic[0] & USE_COUNT_MASK); k++) counted[generic[USES + k]]++;
      if (uses.join() !== counted.join()) found.push(`${name}: ${definition.symbol.name} ${inst.op}: use counts differ`);
    }
  }
  return found;
}

describe("dead-code operand table", () => {
  for (const { name, text } of sources) {
    it(`matches the IR's operands in ${name}`, () => {
      expect(mismatches(name, text)).toEqual([]);
    });
  }
});

describe("dead-code entry flags", () => {
  const flags = (inst: Instruction) => {
    const ops = new Int32Array(OPERAND_STRIDE);
    putDeadCodeEntry(inst, ops, 0, new Int32Array(8));
    return ops[0] & ~USE_COUNT_MASK;
  };
  const reg = (r: number) => ({ kind: "reg" as const, reg: r });

  it("marks pure instructions only", () => {
    const pure = flags({ op: "bin", opcode: "add", dst: 1, a: reg(2), b: reg(3) });
    expect(pure).not.toBe(0);
    expect(flags({ op: "load", dst: 1, address: { base: 2, scale: 1, disp: 0 }, size: 4, signed: false })).toBe(0);
    expect(flags({ op: "store", address: { base: 2, scale: 1, disp: 0 }, src: reg(1), size: 4 })).toBe(0);
    expect(flags({ op: "mov", dst: 1, src: reg(2) })).toBe(pure);
    expect(flags({ op: "lea", dst: 1, address: { base: 2, scale: 1, disp: 4 } })).toBe(pure);
  });

  it("marks a register moved to itself", () => {
    expect(flags({ op: "mov", dst: 1, src: reg(1) })).not.toBe(flags({ op: "mov", dst: 1, src: reg(2) }));
  });

  it("marks calls apart from pure instructions", () => {
    const call = flags({ op: "call", dst: 1, callee: { kind: "sym", name: "f", offset: 0 } });
    expect(call).not.toBe(0);
    expect(call).not.toBe(flags({ op: "mov", dst: 1, src: reg(2) }));
  });
});
