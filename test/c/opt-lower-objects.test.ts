// Object sharing in the lowered IR. Passes rewrite an address's registers
// in place, so lowering must give every instruction an address object of
// its own, and every placed block an instruction array of its own. Jumps
// reach only placed blocks. `long long` constants split into halves
// without bigints below 2**53 and with them above. This test lowers the
// test/c programs, a generated one and small functions, and checks these
// rules.
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import type { Address, Block, Instruction, IrFunction } from "../../src/builder/cc/opt/ir";
import { lowerFunction } from "../../src/builder/cc/opt/lower";
import { findUnsupportedTypes } from "../../src/builder/cc/opt/scan";
import { inlinerFor, parseFunctions, testPrograms } from "./back-end-sources";

const sources = testPrograms({ name: "cgen7.c", text: generateProgram(7) });

/** Lowers every function of `text` that the optimiser takes, after -O2 inlining, by name. */
function lowerAll(name: string, text: string): Map<string, IrFunction> {
  const functions = parseFunctions(name, text);
  const inliner = inlinerFor(functions);
  const lowered = new Map<string, IrFunction>();
  for (const definition of functions) {
    if (findUnsupportedTypes(definition)) continue;
    try {
      const inlined = inliner.inlineInto(definition);
      lowered.set(definition.symbol.name, lowerFunction(inlined, inliner.addressTakenIn(inlined)));
    } catch (e) {
      if ((e as { reason?: string }).reason === undefined) throw e;
    }
  }
  return lowered;
}

function addressesOf(inst: Instruction): Address[] {
  switch (inst.op) {
    case "load": case "store": case "lea": case "zero": return [inst.address];
    case "copy": return [inst.to, inst.from];
    default: return [];
  }
}

/** Returns one line per address object or instruction array that a function's IR references from more than one place. */
function sharedObjects(fn: IrFunction): string[] {
  const found: string[] = [];
  const addresses = new Set<Address>();
  const arrays = new Set<Instruction[]>();
  for (const block of fn.blocks) {
    if (arrays.has(block.insts)) found.push(`block ${block.id}: instruction array shared`);
    arrays.add(block.insts);
    if (Object.isFrozen(block.insts)) found.push(`block ${block.id}: instruction array frozen`);
    block.insts.forEach((inst, i) => {
      for (const a of addressesOf(inst)) {
        if (addresses.has(a)) found.push(`block ${block.id}, instruction ${i} (${inst.op}): address shared`);
        addresses.add(a);
      }
    });
  }
  return found;
}

/** Returns one line per terminator that jumps to a block outside the function's block list. */
function unplacedTargets(fn: IrFunction): string[] {
  const placed = new Set<Block>(fn.blocks);
  const found: string[] = [];
  for (const block of fn.blocks) {
    const term = block.term!;
    let targets: Block[] = [];
    if (term.op === "jmp") targets = [term.target];
    else if (term.op === "br") targets = [term.then, term.otherwise];
    else if (term.op === "table") targets = [...term.targets, term.otherwise];
    for (const target of targets) {
      if (!placed.has(target)) found.push(`block ${block.id}: ${term.op} to unplaced block ${target.id}`);
    }
  }
  return found;
}

describe("lowered IR objects", () => {
  it.each(sources)("$name: no shared addresses or arrays", ({ name, text }) => {
    const lowered = lowerAll(name, text);
    expect(lowered.size).toBeGreaterThan(0);
    for (const [fn, ir] of lowered) expect(sharedObjects(ir), fn).toEqual([]);
  });

  // Blocks share a frozen empty instruction array until placed, so a jump to an unplaced block would reach it.
  it.each(sources)("$name: every jump target is placed", ({ name, text }) => {
    for (const [fn, ir] of lowerAll(name, text)) {
      expect(ir.blocks.every((b) => b.term !== undefined), fn).toBe(true);
      expect(unplacedTargets(ir), fn).toEqual([]);
    }
  });

  it("member and index addresses stay separate", () => {
    const text = `
      struct point { int x, y; long long z; };
      long long f(struct point *p, int i, int *a) {
        p->x = a[i]; p[1].y = a[i + 2]; p->z = p[i].z + 5;
        return p->z + a[2 * i] + p[i].x;
      }`;
    const ir = lowerAll("f.c", text).get("f")!;
    expect(ir).toBeDefined();
    expect(sharedObjects(ir)).toEqual([]);
    const stores = ir.blocks.flatMap((b) => b.insts).filter((i) => i.op === "store");
    expect(stores.length).toBeGreaterThanOrEqual(4);
  });
});

describe("long long constants", () => {
  // The parser keeps a minus sign as negation, so these spellings are all constants of their own.
  const cases: [string, number, number][] = [
    ["0LL", 0, 0],
    ["0x7fffffffLL", 0x7fffffff, 0],
    ["0x80000000LL", -0x80000000, 0],
    ["0x100000000LL", 0, 1],
    ["0x1fffffffffffffLL", -1, 0x1fffff],
    ["0x20000000000001LL", 1, 0x200000],
    ["0x7fffffffffffffffLL", -1, 0x7fffffff],
    ["0xfffffffeffffffffULL", -1, -2],
    ["0xffffffffffffffffULL", -1, -1],
    ["0xfedcba9876543210ULL", 0x76543210, 0xfedcba98 | 0],
  ];
  it.each(cases)("%s splits into its halves", (spelling, lo, hi) => {
    const ir = lowerAll("k.c", `long long f(void) { return ${spelling}; }`).get("f")!;
    expect(ir).toBeDefined();
    const returns = ir.blocks.map((b) => b.term!).filter((t) => t.op === "ret" && t.high !== undefined);
    expect(returns.length).toBeGreaterThan(0);
    const ret = returns[0] as Extract<typeof returns[0], { op: "ret" }>;
    expect(ret.value).toEqual({ kind: "imm", value: lo });
    expect(ret.high).toEqual({ kind: "imm", value: hi });
  });
});
