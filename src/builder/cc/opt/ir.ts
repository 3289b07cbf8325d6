// The optimising back end's intermediate representation: a control-flow
// graph of basic blocks holding three-address instructions over an
// unlimited supply of 32-bit virtual registers. It is not in SSA form: a
// local variable kept in a register is one virtual register, assigned
// wherever the source assigns it. Memory is reached only through `load`,
// `store`, `call`, `zero` and `copy`. The front end does not keep `volatile`
// in its types, so accesses are merged (memory.ts) only in a file that never
// uses the keyword. Elsewhere every access the source makes stays in the code.
import type { Token } from "../token";

/** A virtual register's number. */
export type VReg = number;

/**
 * An operand: a virtual register, a 32-bit constant, or the address of a
 * symbol (`$name+offset` in AT&T syntax), which is a constant the linker
 * fills in.
 */
export type Value =
  | { kind: "reg"; reg: VReg }
  | { kind: "imm"; value: number }
  | { kind: "sym"; name: string; offset: number };

/**
 * A memory operand `disp(base, index, scale)`: `frame` means the base is
 * %ebp (a stack slot), `symbol` adds a symbol's address to `disp`.
 */
export interface Address {
  base?: VReg;
  frame?: boolean;
  /** The base is %esp: a slot of the outgoing argument area at the bottom of the frame. */
  stack?: boolean;
  index?: VReg;
  scale: 1 | 2 | 4 | 8;
  disp: number;
  symbol?: string;
  /** The stack slot of this spilled virtual register (with `frame`); the emitter turns it into an %ebp offset. */
  spill?: VReg;
}

export type BinaryOpcode =
  | "add" | "sub" | "mul" | "and" | "or" | "xor"
  | "shl" | "shr" | "sar" | "sdiv" | "udiv" | "srem" | "urem"
  /** The high 32 bits of the unsigned 64-bit product (`mull`). */
  | "umulh";

/** Comparison conditions, named after the x86 condition codes they become. */
export type Condition = "e" | "ne" | "l" | "le" | "g" | "ge" | "b" | "be" | "a" | "ae";

export type Instruction =
  | { op: "mov"; dst: VReg; src: Value }
  | { op: "bin"; opcode: BinaryOpcode; dst: VReg; a: Value; b: Value }
  | { op: "neg" | "not"; dst: VReg; a: Value }
  /** `dst = a cc b ? 1 : 0`. */
  | { op: "set"; cc: Condition; dst: VReg; a: Value; b: Value }
  /** Truncates `a` to `size` bytes and sign- or zero-extends it back to 32 bits. */
  | { op: "ext"; dst: VReg; a: Value; size: 1 | 2; signed: boolean }
  | { op: "load"; dst: VReg; address: Address; size: 1 | 2 | 4; signed: boolean }
  | { op: "store"; address: Address; src: Value; size: 1 | 2 | 4 }
  | { op: "lea"; dst: VReg; address: Address }
  /** Stores a call's 4-byte argument at `offset` in the outgoing argument area, `offset(%esp)`. */
  | { op: "arg"; offset: number; src: Value }
  /**
   * A cdecl call whose arguments are already in the outgoing area; the
   * result, when used, arrives in %eax. `popsHidden`: the callee returns a
   * struct and pops the hidden result pointer (`ret $4`). `dstHigh`
   * receives %edx, the high half of a `long long` result.
   */
  | { op: "call"; dst?: VReg; callee: Value; popsHidden?: boolean; dstHigh?: VReg }
  /** Fills `size` bytes at `address` with zeros. */
  | { op: "zero"; address: Address; size: number }
  /** Copies `size` bytes from `from` to `to` (struct assignment). */
  | { op: "copy"; to: Address; from: Address; size: number }
  /** The start of a statement's code, for `.loc` and the listing's source comments. */
  | { op: "line"; tok: Token };

export type Terminator =
  | { op: "jmp"; target: Block }
  | { op: "br"; cc: Condition; a: Value; b: Value; then: Block; otherwise: Block }
  /** `high`: the high half of a `long long` result, returned in %edx. */
  | { op: "ret"; value?: Value; high?: Value }
  /** A jump table: `index` is already rebased to 0; values past the table go to `otherwise`. */
  | { op: "table"; index: Value; targets: Block[]; otherwise: Block };

export interface Block {
  id: number;
  insts: Instruction[];
  /** Absent only while the block is being filled. */
  term?: Terminator;
  /** Set by the lowering once the block has its place in the layout. */
  placed?: boolean;
}

export interface IrFunction {
  blocks: Block[];
  /** One more than the largest block id: arrays indexed by `Block.id` have this length. */
  blockIds: number;
  vregCount: number;
  /** Bytes of the outgoing argument area: the most any call of the function passes. */
  outgoingBytes: number;
  /** For each virtual register, the registers it may not use (a bit mask over REGISTERS), e.g. no %esi for a byte. */
  forbidden: number[];
}

/** The six registers the allocator hands out; %ebp stays the frame pointer. */
export const REGISTERS = ["%eax", "%ecx", "%edx", "%ebx", "%esi", "%edi"] as const;
export const EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESI = 4, EDI = 5;
export const CALLER_SAVED = (1 << EAX) | (1 << ECX) | (1 << EDX);
/** Registers without an 8-bit form on i386. */
export const NO_BYTE_FORM = (1 << ESI) | (1 << EDI);

/*
 * Operands are never changed in place (a pass replaces the field that contains
 * one), so one object per register number, and per small constant, serves
 * every instruction of every function and spares most operand allocations.
 */
const registerValues: Value[] = [];
const SMALL_CONSTANTS = 256;
const smallConstants: Value[] = Array.from({ length: 2 * SMALL_CONSTANTS }, (_, i) => ({ kind: "imm", value: i - SMALL_CONSTANTS }));

export function reg(r: VReg): Value {
  // Growing one by one keeps the array packed.
  while (registerValues.length <= r) registerValues.push({ kind: "reg", reg: registerValues.length });
  return registerValues[r];
}
export const imm = (value: number): Value => {
  const v = value | 0;
  return v >= -SMALL_CONSTANTS && v < SMALL_CONSTANTS ? smallConstants[v + SMALL_CONSTANTS] : { kind: "imm", value: v };
};

export function isImm(v: Value, value?: number): v is { kind: "imm"; value: number } {
  return v.kind === "imm" && (value === undefined || v.value === value);
}

// The helpers below run for every instruction in every pass, so they avoid
// allocating closures.

/** Room for the registers one instruction or terminator reads: at most four (the two addresses of a `copy`). */
export function useBuffer(): Int32Array {
  return new Int32Array(4);
}

function putValue(v: Value, into: Int32Array, n: number): number {
  if (v.kind === "reg") into[n++] = v.reg;
  return n;
}

function putAddress(a: Address, into: Int32Array, n: number): number {
  if (a.base !== undefined) into[n++] = a.base;
  if (a.index !== undefined) into[n++] = a.index;
  return n;
}

/** Writes the virtual registers an instruction reads to `into` (a `useBuffer()`) and returns how many. */
export function instructionUses(inst: Instruction, into: Int32Array): number {
  switch (inst.op) {
    case "mov": return putValue(inst.src, into, 0);
    case "bin": case "set": return putValue(inst.b, into, putValue(inst.a, into, 0));
    case "neg": case "not": case "ext": return putValue(inst.a, into, 0);
    case "load": case "lea": case "zero": return putAddress(inst.address, into, 0);
    case "store": return putValue(inst.src, into, putAddress(inst.address, into, 0));
    case "call": return putValue(inst.callee, into, 0);
    case "arg": return putValue(inst.src, into, 0);
    case "copy": return putAddress(inst.from, into, putAddress(inst.to, into, 0));
    case "line": return 0;
  }
}

/** Writes the virtual registers a terminator reads to `into` (a `useBuffer()`) and returns how many. */
export function terminatorUses(term: Terminator, into: Int32Array): number {
  switch (term.op) {
    case "br": return putValue(term.b, into, putValue(term.a, into, 0));
    case "ret": {
      const n = term.value ? putValue(term.value, into, 0) : 0;
      return term.high ? putValue(term.high, into, n) : n;
    }
    case "table": return putValue(term.index, into, 0);
    case "jmp": return 0;
  }
}

/** True when `v` is among the first `n` entries of `uses`. */
export function usesInclude(uses: Int32Array, n: number, v: VReg): boolean {
  for (let k = 0; k < n; k++) if (uses[k] === v) return true;
  return false;
}

/** Returns the virtual register an instruction writes, if any. */
export function instructionDef(inst: Instruction): VReg | undefined {
  switch (inst.op) {
    case "mov": case "bin": case "neg": case "not": case "set": case "ext": case "load": case "lea":
      return inst.dst;
    case "call":
      return inst.dst;
    default:
      return undefined;
  }
}

export function isTerminator(x: Instruction | Terminator): x is Terminator {
  return x.op === "jmp" || x.op === "br" || x.op === "ret" || x.op === "table";
}

/** Returns the second register a call writes: the high half of a `long long` result. */
export function secondDef(inst: Instruction): VReg | undefined {
  return inst.op === "call" ? inst.dstHigh : undefined;
}

/** Calls `visit` on each successor of `term`, in the order successors() lists them, without building an array. */
export function forEachSuccessor(term: Terminator, visit: (b: Block) => void): void {
  switch (term.op) {
    case "jmp": visit(term.target); return;
    case "br": visit(term.then); visit(term.otherwise); return;
    case "ret": return;
    case "table": for (const t of term.targets) visit(t); visit(term.otherwise); return;
  }
}

/** Returns the number of successors `term` has, duplicates included, as successors() lists them. */
export function successorCount(term: Terminator): number {
  switch (term.op) {
    case "jmp": return 1;
    case "br": return 2;
    case "ret": return 0;
    case "table": return term.targets.length + 1;
  }
}

/**
 * Writes the positions of `term`'s successors, in forEachSuccessor's order, to `out` from index `at`.
 * `position` maps a block id to its index in the layout. Walks that run once per pass use this list rather
 * than forEachSuccessor, whose callback would be a closure made per call (under tsx, each costs a `__name` call).
 */
export function putSuccessorPositions(term: Terminator, position: Int32Array, out: Int32Array, at: number): void {
  switch (term.op) {
    case "jmp":
      out[at] = position[term.target.id];
      return;
    case "br":
      out[at] = position[term.then.id];
      out[at + 1] = position[term.otherwise.id];
      return;
    case "ret":
      return;
    case "table":
      for (const t of term.targets) out[at++] = position[t.id];
      out[at] = position[term.otherwise.id];
      return;
  }
}

/** Tells whether a block contains nothing but `line` markers. */
export function holdsOnlyLines(b: Block): boolean {
  for (const inst of b.insts) if (inst.op !== "line") return false;
  return true;
}

export function successors(term: Terminator): Block[] {
  switch (term.op) {
    case "jmp": return [term.target];
    case "br": return [term.then, term.otherwise];
    case "ret": return [];
    case "table": return [...term.targets, term.otherwise];
  }
}

type RegisterMap = (r: VReg) => Value | undefined;

function mapValue(v: Value, map: RegisterMap): Value {
  return v.kind === "reg" ? map(v.reg) ?? v : v;
}

/** Maps a register operand of an address; an address can only hold registers, so other replacements are ignored. */
function mapAddress(a: Address, map: RegisterMap): void {
  if (a.base !== undefined) {
    const m = map(a.base);
    if (m && m.kind === "reg") a.base = m.reg;
  }
  if (a.index !== undefined) {
    const m = map(a.index);
    if (m && m.kind === "reg") a.index = m.reg;
  }
}

/**
 * Replaces every use of a virtual register through `map` (which returns the value to use instead, or undefined to keep it).
 * A field is written only when its operand changes: most are kept, and a store costs more than the comparison.
 */
export function rewriteUses(inst: Instruction | Terminator, map: RegisterMap): void {
  switch (inst.op) {
    case "mov": {
      const src = mapValue(inst.src, map);
      if (src !== inst.src) inst.src = src;
      return;
    }
    case "bin": case "set": case "br": {
      const a = mapValue(inst.a, map), b = mapValue(inst.b, map);
      if (a !== inst.a) inst.a = a;
      if (b !== inst.b) inst.b = b;
      return;
    }
    case "neg": case "not": case "ext": {
      const a = mapValue(inst.a, map);
      if (a !== inst.a) inst.a = a;
      return;
    }
    case "load": case "lea": case "zero": mapAddress(inst.address, map); return;
    case "store": {
      mapAddress(inst.address, map);
      const src = mapValue(inst.src, map);
      if (src !== inst.src) inst.src = src;
      return;
    }
    case "call": {
      const callee = mapValue(inst.callee, map);
      if (callee !== inst.callee) inst.callee = callee;
      return;
    }
    case "arg": {
      const src = mapValue(inst.src, map);
      if (src !== inst.src) inst.src = src;
      return;
    }
    case "copy": mapAddress(inst.to, map); mapAddress(inst.from, map); return;
    case "ret":
      if (inst.value) inst.value = mapValue(inst.value, map);
      if (inst.high) inst.high = mapValue(inst.high, map);
      return;
    case "table": inst.index = mapValue(inst.index, map); return;
    default: return;
  }
}

/** Signals a construct the back end does not cover; the function then gets the -O0 code. */
export class Unsupported extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
