// Lowering of one function's typed AST to the IR. Scalar locals and
// parameters whose address is never taken become virtual registers; every
// other object stays in memory. Pointer arithmetic folds into x86
// addressing modes (`disp(base, index, scale)`), and conditions become
// compare-and-branch terminators rather than 0/1 values.
import { functionSymbolName, type BinaryOp, type Expr, type ExprOf, type FunctionDefinition, type Stmt, type Variable } from "../ast";
import { isFloat, isInteger, isWide, type Type } from "../types";
import {
  NO_BYTE_FORM, imm, reg, Unsupported,
  type Address, type BinaryOpcode, type Block, type Condition, type Instruction, type IrFunction, type Terminator, type Value, type VReg,
} from "./ir";
import { collectAddressTaken } from "./scan";
import { WideLowering, type Wide, type WidePair } from "./wide";

const NEGATE: Record<Condition, Condition> = { e: "ne", ne: "e", l: "ge", ge: "l", le: "g", g: "le", b: "ae", ae: "b", be: "a", a: "be" };

/** Functions that return twice: values kept in registers would not survive the second return. */
const RETURNS_TWICE = new Set(["setjmp", "_setjmp", "sigsetjmp", "__builtin_setjmp", "vfork"]);

/*
 * Operators map to conditions and opcodes through switches rather than
 * tables indexed by the operator string, which V8 looks up as a generic
 * property access. The switches made lowering about 2.5% faster on the
 * 7,575-line file of bench/cgen.
 */

/** Returns the condition of comparison operator `op`, or undefined for an arithmetic or bitwise one. */
function comparison(op: BinaryOp, unsigned: boolean): Condition | undefined {
  switch (op) {
    case "==": return "e";
    case "!=": return "ne";
    case "<": return unsigned ? "b" : "l";
    case "<=": return unsigned ? "be" : "le";
    case ">": return unsigned ? "a" : "g";
    case ">=": return unsigned ? "ae" : "ge";
    default: return undefined;
  }
}

/** Returns the opcode of arithmetic or bitwise operator `op`. */
function arithmetic(op: BinaryOp, unsigned: boolean): BinaryOpcode {
  switch (op) {
    case "+": return "add";
    case "-": return "sub";
    case "*": return "mul";
    case "&": return "and";
    case "|": return "or";
    case "^": return "xor";
    case "<<": return "shl";
    case ">>": return unsigned ? "shr" : "sar";
    case "/": return unsigned ? "udiv" : "sdiv";
    case "%": return unsigned ? "urem" : "srem";
    default: throw new Error(`internal error: comparison '${op}' lowered as arithmetic`);
  }
}

export function negate(cc: Condition): Condition {
  return NEGATE[cc];
}

/** Lowers `fn`; throws Unsupported for constructs the back end leaves to the -O0 generator. */
export function lowerFunction(fn: FunctionDefinition, addressTaken: ReadonlySet<Variable> = collectAddressTaken(fn.body)): IrFunction {
  const inMemory = new Set<Variable>();
  for (;;) {
    try {
      return new Lowering(fn, inMemory, addressTaken).run();
    } catch (e) {
      // A struct split into registers turned out to be used as a whole object: keep it in memory and start again.
      if (!(e instanceof SplitStructEscaped) || inMemory.has(e.variable)) throw e;
      inMemory.add(e.variable);
    }
  }
}

/** A scalar member of a struct kept in registers: its byte range in the struct and its register. */
interface Leaf {
  offset: number;
  size: 1 | 2 | 4;
  signed: boolean;
  reg: VReg;
}

/** Part of a struct kept in registers, with offsets relative to that part. */
interface Leaves {
  leaves: Leaf[];
}

class SplitStructEscaped extends Error {
  constructor(readonly variable: Variable) {
    super(`struct '${variable.name}' is used as a whole object`);
  }
}

const NO_INSTRUCTIONS = Object.freeze([]) as unknown as Instruction[];

/** Struct members with more leaves than this stay in memory. */
const MAX_LEAVES = 8;

/** Collects the scalar members of a struct type with their offsets into `out`; false when it has unions, arrays, bit-fields or wide members. */
function flatten(t: Type, base: number, out: Omit<Leaf, "reg">[]): boolean {
  if (t.kind === "struct") {
    if (t.isUnion || !t.complete) return false;
    for (const m of t.members) {
      if (m.bitField || !flatten(m.type, base + m.offset, out)) return false;
    }
    return out.length <= MAX_LEAVES;
  }
  const s = scalarOf(t);
  if (!s) return false;
  out.push({ offset: base, ...s });
  return true;
}

/** The size and signedness of a scalar kept in 32 bits. */
export interface Scalar {
  readonly size: 1 | 2 | 4;
  readonly signed: boolean;
}

/** One Scalar per size and signedness, shared by all callers of scalarOf, at index `(size - 1) * 2 + (signed ? 1 : 0)`. */
const SCALARS: readonly Scalar[] = [1, 2, 3, 4].flatMap((size) => [
  { size: size as 1 | 2 | 4, signed: false },
  { size: size as 1 | 2 | 4, signed: true },
]);

/** Returns the size and signedness of a scalar kept in 32 bits, or undefined for every other type. */
export function scalarOf(t: Type): Scalar | undefined {
  if (t.kind === "pointer") return SCALARS[(4 - 1) * 2];
  if (t.kind === "integer" && t.size <= 4) return SCALARS[(t.size - 1) * 2 + (t.unsigned ? 0 : 1)];
  return undefined;
}

function isUnsigned(t: Type): boolean {
  return t.kind !== "integer" || t.unsigned;
}

/*
 * Passes rewrite an address's registers in place, so every instruction gets
 * an address object of its own. The lowering builds them all with every
 * field present, in one order, so the passes read one hidden class where
 * object spreads and partial literals made many.
 */

/** Builds an address that no instruction references yet. */
function newAddress(
  base: VReg | undefined, index: VReg | undefined, scale: 1 | 2 | 4 | 8, disp: number,
  frame: boolean | undefined, symbol: string | undefined, stack: boolean | undefined,
): Address {
  return { base, frame, stack, index, scale, disp, symbol, spill: undefined };
}

/** Returns a copy of `a` with displacement `disp`, for another instruction to reference. */
export function displaced(a: Address, disp: number): Address {
  return { base: a.base, frame: a.frame, stack: a.stack, index: a.index, scale: a.scale, disp, symbol: a.symbol, spill: a.spill };
}

/** Builds the address `disp(%ebp)`. */
function frameAddress(disp: number): Address {
  return newAddress(undefined, undefined, 1, disp, true, undefined, undefined);
}

function isScale(n: number): n is 1 | 2 | 4 | 8 {
  return n === 1 || n === 2 || n === 4 || n === 8;
}

export class Lowering {
  private readonly blocks: Block[] = [];
  private current: Block;
  /**
   * The current block's instructions so far: its first `pending` entries.
   * A block gets its array, of exactly that length, once it is finished,
   * because most blocks have three instructions or fewer and, in V8, the
   * first push onto an empty array reserves room for 17.
   */
  private readonly scratch: Instruction[] = [];
  private pending = 0;
  private vregCount = 0;
  private readonly forbidden: number[] = [];
  readonly registerOf = new Map<Variable, VReg>();
  private readonly labelBlocks = new Map<string, Block>();
  private nextBlockId = 0;
  private outgoingBytes = 0;
  /** The hidden pointer to the caller's result object, for a function that returns a struct. */
  private resultPointer: VReg | undefined;

  /** Lowering of `long long` expressions, as pairs of 32-bit halves. */
  readonly wide = new WideLowering(this);
  /** `long long` locals and parameters kept in two registers: low and high half. */
  readonly widePairOf = new Map<Variable, WidePair>();
  /** Local structs split into one register per scalar member (scalar replacement of aggregates). */
  private readonly split = new Map<Variable, Leaf[]>();

  /** `addressTaken`: the variables whose address the body takes (collectAddressTaken). */
  constructor(private readonly fn: FunctionDefinition, private readonly inMemory: Set<Variable>, private readonly addressTaken: ReadonlySet<Variable>) {
    this.current = this.newBlock();
    this.current.placed = true;
    this.blocks.push(this.current);
  }

  run(): IrFunction {
    const fn = this.fn;
    const returnType = fn.symbol.type.returnType;
    if (returnType.kind !== "void" && !scalarOf(returnType) && !fn.resultPointer && !isWide(returnType)) throw new Unsupported(`returns ${typeNoun(returnType)}`);
    if (fn.symbol.type.variadic) throw new Unsupported("takes variable arguments");
    for (const v of fn.params) this.assignRegisters(v);
    for (const v of fn.locals) this.assignRegisters(v);
    this.emit({ op: "line", tok: fn.body.tok });
    if (fn.resultPointer) {
      this.resultPointer = this.newReg();
      this.emit({ op: "load", dst: this.resultPointer, address: frameAddress(fn.resultPointer.offset), size: 4, signed: false });
    }
    for (const p of fn.params) {
      const pair = this.widePairOf.get(p);
      if (pair) {
        this.emit({ op: "load", dst: pair.lo, address: frameAddress(p.offset), size: 4, signed: false });
        this.emit({ op: "load", dst: pair.hi, address: frameAddress(p.offset + 4), size: 4, signed: false });
      }
      for (const l of this.split.get(p) ?? []) {
        this.emit({ op: "load", dst: l.reg, address: frameAddress(p.offset + l.offset), size: l.size, signed: l.signed });
      }
      const r = this.registerOf.get(p);
      if (r === undefined) continue;
      const s = scalarOf(p.type)!;
      this.emit({ op: "load", dst: r, address: frameAddress(p.offset), size: s.size, signed: s.signed });
    }
    this.stmt(fn.body);
    this.emit({ op: "line", tok: fn.closingBrace });
    // Falling off the end returns the result pointer of a struct function, and 0 from main.
    let fallOff: Value | undefined;
    if (this.resultPointer !== undefined) fallOff = reg(this.resultPointer);
    else if (fn.symbol.name === "main") fallOff = imm(0);
    this.current.term = { op: "ret", value: fallOff };
    this.finishBlock();
    for (const b of this.labelBlocks.values()) {
      if (!b.placed) throw new Unsupported("jumps to a label that is never placed");
    }
    return { blocks: this.blocks, blockIds: this.nextBlockId, vregCount: this.vregCount, forbidden: this.forbidden, outgoingBytes: this.outgoingBytes };
  }

  /** Gives a local or parameter whose address is never taken its registers, when its type allows. */
  private assignRegisters(v: Variable): void {
    if (this.addressTaken.has(v) || !v.isLocal) return;
    if (scalarOf(v.type)) {
      this.registerOf.set(v, this.newReg(v.type.size === 1 ? NO_BYTE_FORM : 0));
      return;
    }
    if (isWide(v.type)) {
      const lo = this.newReg(), hi = this.newReg();
      this.widePairOf.set(v, { lo, hi, value: { lo: reg(lo), hi: reg(hi) } });
      return;
    }
    if (v.type.kind !== "struct" || this.inMemory.has(v)) return;
    const leaves: Omit<Leaf, "reg">[] = [];
    if (flatten(v.type, 0, leaves)) {
      this.split.set(v, leaves.map((l) => ({ ...l, reg: this.newReg(l.size === 1 ? NO_BYTE_FORM : 0) })));
    }
  }

  // ---- building blocks

  newReg(forbid = 0): VReg {
    this.forbidden.push(forbid);
    return this.vregCount++;
  }

  /** Makes the outgoing argument area at least `bytes` long. */
  reserveOutgoing(bytes: number): void {
    this.outgoingBytes = Math.max(this.outgoingBytes, bytes);
  }

  newBlock(): Block {
    // All fields from the start: adding `term` and `placed` later would move them to a separate property store.
    // A block gets its own instruction array when placed and finished, so until then it shares a frozen empty one.
    return { id: this.nextBlockId++, insts: NO_INSTRUCTIONS, term: undefined, placed: false };
  }

  /** Ends the current block with `term` and continues in `next` (a fresh, unreachable block when absent). */
  terminate(term: Terminator, next?: Block): void {
    if (!this.current.term) this.current.term = term;
    this.place(next ?? this.newBlock());
  }

  place(block: Block): void {
    if (!this.current.term) this.current.term = { op: "jmp", target: block };
    if (block.placed) throw new Unsupported("places a block twice");
    block.placed = true;
    this.blocks.push(block);
    this.finishBlock();
    this.current = block;
  }

  /** Gives the current block its instructions from `scratch`. */
  private finishBlock(): void {
    this.current.insts = this.pending === 0 ? [] : this.scratch.slice(0, this.pending);
    this.pending = 0;
  }

  emit(inst: Instruction): void {
    this.scratch[this.pending++] = inst;
  }

  private labelBlock(label: string): Block {
    let b = this.labelBlocks.get(label);
    if (!b) {
      b = this.newBlock();
      this.labelBlocks.set(label, b);
    }
    return b;
  }

  private toReg(v: Value, forbid = 0): VReg {
    if (v.kind === "reg" && (this.forbidden[v.reg] & forbid) === forbid) return v.reg;
    const r = this.newReg(forbid);
    this.emit({ op: "mov", dst: r, src: v });
    return r;
  }

  // ---- statements

  stmt(s: Stmt): void {
    if (s.kind !== "block" && s.kind !== "label") this.emit({ op: "line", tok: s.tok });
    switch (s.kind) {
      case "block":
        for (const child of s.body) this.stmt(child);
        return;
      case "expr":
        if (s.expr.kind === "allocateArray") throw new Unsupported("has a variable length array");
        this.effect(s.expr);
        return;
      case "empty":
        return;
      case "if": {
        const then = this.newBlock();
        const end = this.newBlock();
        const otherwise = s.otherwise ? this.newBlock() : end;
        this.branch(s.condition, then, otherwise);
        this.place(then);
        this.stmt(s.then);
        if (s.otherwise) {
          this.terminate({ op: "jmp", target: end }, otherwise);
          this.stmt(s.otherwise);
        }
        this.place(end);
        return;
      }
      case "loop":
        this.loop(s);
        return;
      case "switch":
        this.switchStmt(s);
        return;
      case "label":
        this.place(this.labelBlock(s.label));
        this.stmt(s.body);
        return;
      case "goto":
        if (s.target) throw new Unsupported("has a computed goto");
        this.terminate({ op: "jmp", target: this.labelBlock(s.label) });
        return;
      case "return": {
        if (!s.value) {
          this.terminate({ op: "ret" });
          return;
        }
        if (s.value.type.kind === "struct" && this.resultPointer !== undefined) {
          this.copyPlaces(newAddress(this.resultPointer, undefined, 1, 0, undefined, undefined, undefined), this.locate(s.value), s.value.type.size);
          this.terminate({ op: "ret", value: reg(this.resultPointer) });
          return;
        }
        if (isWide(s.value.type)) {
          const w = this.wide.value(s.value);
          this.terminate({ op: "ret", value: w.lo, high: w.hi });
          return;
        }
        if (!scalarOf(s.value.type)) throw new Unsupported(`returns ${typeNoun(s.value.type)}`);
        this.terminate({ op: "ret", value: this.expr(s.value) });
        return;
      }
      case "asm":
        throw new Unsupported("has an asm statement");
    }
  }

  /** Lowers a loop rotated so that its test is at the bottom: one branch per iteration instead of a test and a jump. */
  private loop(s: Extract<Stmt, { kind: "loop" }>): void {
    if (s.init) this.stmt(s.init);
    const body = this.newBlock();
    const breakBlock = this.labelBlock(s.breakLabel);
    const continueBlock = this.labelBlock(s.continueLabel);
    const rotate = s.condition !== undefined && !s.testAfter && !hasStatementExpression(s.condition);
    const test = this.newBlock();
    if (s.testAfter) this.place(body);
    else if (rotate) {
      this.branch(s.condition!, body, breakBlock);
      this.place(body);
    } else {
      this.place(test);
      if (s.condition) this.branch(s.condition, body, breakBlock);
      this.place(body);
    }
    this.stmt(s.body);
    this.place(continueBlock);
    if (s.step) this.effect(s.step);
    if (s.testAfter || rotate) {
      if (s.condition) this.branch(s.condition, body, breakBlock);
      else this.terminate({ op: "jmp", target: body });
    } else {
      this.terminate({ op: "jmp", target: test });
    }
    this.place(breakBlock);
  }

  private switchStmt(s: Extract<Stmt, { kind: "switch" }>): void {
    if (!scalarOf(s.value.type)) throw new Unsupported("switches on a long long");
    const value = this.expr(s.value);
    const otherwise = this.labelBlock(s.defaultLabel ?? s.breakLabel);
    // These are plain loops, because callbacks of map and forEach would be closures that tsx's keepNames
    // wraps in a __name call on every switch.
    const cases = s.cases;
    const values: number[] = [];
    for (const c of cases) values.push(Number(BigInt.asIntN(32, c.value)));
    const min = Math.min(...values);
    const max = Math.max(...values);
    const range = max - min + 1;
    if (cases.length >= 4 && range <= cases.length * 3) {
      const index = min === 0 ? value : reg(this.binary("sub", value, imm(min)));
      const targets = new Array<Block>(range).fill(otherwise);
      for (let i = 0; i < cases.length; i++) targets[values[i] - min] = this.labelBlock(cases[i].label);
      this.terminate({ op: "table", index, targets, otherwise });
    } else {
      for (let i = 0; i < cases.length; i++) {
        const next = this.newBlock();
        this.terminate({ op: "br", cc: "e", a: value, b: imm(values[i]), then: this.labelBlock(cases[i].label), otherwise: next }, next);
      }
      this.terminate({ op: "jmp", target: otherwise });
    }
    this.stmt(s.body);
    this.place(this.labelBlock(s.breakLabel));
  }

  // ---- conditions

  /** Branches to `then` when `e` is nonzero, else to `otherwise`. */
  branch(e: Expr, then: Block, otherwise: Block): void {
    switch (e.kind) {
      case "logical": {
        const middle = this.newBlock();
        if (e.op === "&&") this.branch(e.left, middle, otherwise);
        else this.branch(e.left, then, middle);
        this.place(middle);
        this.branch(e.right, then, otherwise);
        return;
      }
      case "unary":
        if (e.op === "lognot") {
          this.branch(e.operand, otherwise, then);
          return;
        }
        break;
      case "number":
        if (scalarOf(e.type)) {
          this.terminate({ op: "jmp", target: Number(e.value) !== 0 ? then : otherwise });
          return;
        }
        break;
      case "comma":
        this.effect(e.left);
        this.branch(e.right, then, otherwise);
        return;
      case "cast":
        // A conversion to _Bool or to a wider integer keeps zero and nonzero apart.
        if (scalarOf(e.type) && scalarOf(e.operand.type) && (e.type.size >= e.operand.type.size || (e.type.kind === "integer" && e.type.rank === "bool"))) {
          this.branch(e.operand, then, otherwise);
          return;
        }
        break;
      case "binary": {
        const cc = comparison(e.op, isUnsigned(e.left.type));
        if (cc && isWide(e.left.type)) {
          this.wide.branchCompare(cc, this.wide.value(e.left), this.wide.value(e.right), then, otherwise);
          return;
        }
        if (cc && scalarOf(e.left.type)) {
          const a = this.expr(e.left);
          const b = this.expr(e.right);
          this.terminate({ op: "br", cc, a, b, then, otherwise });
          return;
        }
        break;
      }
    }
    if (isWide(e.type)) {
      this.terminate({ op: "br", cc: "ne", a: this.wide.nonzero(e), b: imm(0), then, otherwise });
      return;
    }
    if (!scalarOf(e.type) && e.type.kind !== "array" && e.type.kind !== "function") throw new Unsupported(unsupportedType(e.type));
    this.terminate({ op: "br", cc: "ne", a: this.expr(e), b: imm(0), then, otherwise });
  }

  // ---- expressions

  /** Evaluates `e` for its side effects only. */
  effect(e: Expr): void {
    if (e.kind === "cast" && e.type.kind === "void") {
      this.effect(e.operand);
      return;
    }
    if (e.kind === "comma") {
      this.effect(e.left);
      this.effect(e.right);
      return;
    }
    if (isWide(e.type)) {
      this.wide.value(e);
      return;
    }
    this.expr(e);
  }

  binary(opcode: BinaryOpcode, a: Value, b: Value): VReg {
    const dst = this.newReg();
    this.emit({ op: "bin", opcode, dst, a, b });
    return dst;
  }

  expr(e: Expr): Value {
    switch (e.kind) {
      case "number":
        if (!scalarOf(e.type)) throw new Unsupported(unsupportedType(e.type));
        return imm(Number(e.value));
      case "string":
        return { kind: "sym", name: e.literal.label, offset: 0 };
      case "function":
        return { kind: "sym", name: functionSymbolName(e.fn), offset: 0 };
      case "variable": {
        const v = e.variable;
        const r = this.registerOf.get(v);
        if (r !== undefined) return reg(r);
        // What lvalue would do, without looking the variable up in registerOf again.
        if (this.split.size !== 0 && this.split.has(v)) throw new SplitStructEscaped(v);
        return this.loadFrom(this.variableAddress(v), e.type);
      }
      case "member": {
        if (e.member.bitField) throw new Unsupported("uses a bit-field");
        const p = this.locate(e);
        return "leaves" in p ? this.leafValue(p, e) : this.loadFrom(p, e.type);
      }
      case "deref":
        return this.loadFrom(this.pointerAddress(e.operand), e.type);
      case "addr":
        if (e.operand.kind === "function") return this.expr(e.operand);
        return this.addressValue(this.lvalue(e.operand));
      case "cast":
        return this.cast(e);
      case "unary": {
        if (!scalarOf(e.type)) throw new Unsupported(unsupportedType(e.type));
        if (e.op === "lognot" && isWide(e.operand.type)) {
          const dst = this.newReg(NO_BYTE_FORM);
          this.emit({ op: "set", cc: "e", dst, a: this.wide.nonzero(e.operand), b: imm(0) });
          return reg(dst);
        }
        const a = this.expr(e.operand);
        const dst = this.newReg(e.op === "lognot" ? NO_BYTE_FORM : 0);
        if (e.op === "lognot") this.emit({ op: "set", cc: "e", dst, a, b: imm(0) });
        else this.emit({ op: e.op === "neg" ? "neg" : "not", dst, a });
        return reg(dst);
      }
      case "binary":
        return this.binaryExpr(e);
      case "logical":
      case "conditional":
        return this.valueByBranches(e);
      case "assign":
        return this.assign(e);
      case "comma":
        this.effect(e.left);
        return this.expr(e.right);
      case "call":
        return this.call(e);
      case "zero": {
        const r = this.registerOf.get(e.variable);
        const leaves = this.split.get(e.variable);
        if (r !== undefined) this.emit({ op: "mov", dst: r, src: imm(0) });
        else if (leaves) for (const l of leaves) this.emit({ op: "mov", dst: l.reg, src: imm(0) });
        else this.emit({ op: "zero", address: this.variableAddress(e.variable), size: e.variable.type.size });
        return imm(0);
      }
      case "statementExpression":
        this.stmt(e.body);
        return e.value ? this.expr(e.value) : imm(0);
      case "labelAddress":
        throw new Unsupported("takes the address of a label");
      case "allocateArray":
        throw new Unsupported("has a variable length array");
    }
  }

  /** Reads a value of type `type` at `address`; arrays, structs and functions are their address. */
  private loadFrom(address: Address, type: Type): Value {
    if (type.kind === "array" || type.kind === "struct" || type.kind === "function") return this.addressValue(address);
    const s = scalarOf(type);
    if (!s) throw new Unsupported(unsupportedType(type));
    const dst = this.newReg();
    this.emit({ op: "load", dst, address, size: s.size, signed: s.signed });
    return reg(dst);
  }

  /** Turns an address into a value: a symbol, a register, or the result of `lea`. */
  private addressValue(a: Address): Value {
    if (!a.frame && a.base === undefined && a.index === undefined) {
      return a.symbol !== undefined ? { kind: "sym", name: a.symbol, offset: a.disp } : imm(a.disp);
    }
    if (!a.frame && a.index === undefined && a.symbol === undefined && a.disp === 0) return reg(a.base!);
    const dst = this.newReg();
    this.emit({ op: "lea", dst, address: a });
    return reg(dst);
  }

  private variableAddress(v: Variable): Address {
    if (v.isLocal) {
      if (v.type.kind === "array" && v.type.sizeVariable) throw new Unsupported("has a variable length array");
      return frameAddress(v.offset);
    }
    return newAddress(undefined, undefined, 1, 0, undefined, v.asmName, undefined);
  }

  /**
   * Finds where an lvalue lives: in memory (a new address, as from lvalue),
   * or in the registers of a split struct (or of a member of one).
   */
  private locate(e: Expr): Address | Leaves {
    switch (e.kind) {
      case "variable": {
        const leaves = this.split.size !== 0 ? this.split.get(e.variable) : undefined;
        if (leaves) return { leaves };
        break;
      }
      case "member": {
        if (e.member.bitField) throw new Unsupported("uses a bit-field");
        const base = this.locate(e.base);
        if (!("leaves" in base)) {
          base.disp += e.member.offset;
          return base;
        }
        const from = e.member.offset, to = from + e.member.type.size;
        return { leaves: base.leaves.filter((l) => l.offset >= from && l.offset < to).map((l) => ({ ...l, offset: l.offset - from })) };
      }
      case "cast":
        if (e.type.kind === "struct") return this.locate(e.operand);
        break;
      case "comma":
        this.effect(e.left);
        return this.locate(e.right);
      case "statementExpression":
        if (e.value) {
          this.stmt(e.body);
          return this.locate(e.value);
        }
        break;
      case "assign":
        if (e.type.kind === "struct") {
          this.assign(e);
          return this.locate(e.target);
        }
        break;
    }
    return this.lvalue(e);
  }

  /** Returns the register of a scalar member of a split struct. */
  private leafValue(p: Leaves, e: Expr): Value {
    const s = scalarOf(e.type);
    if (!s || p.leaves.length !== 1 || p.leaves[0].offset !== 0) throw new Unsupported("internal: a split struct read as a non-scalar");
    return reg(p.leaves[0].reg);
  }

  /** Copies a struct of `size` bytes between memory and split structs in either direction. */
  private copyPlaces(to: Address | Leaves, from: Address | Leaves, size: number): void {
    if (!("leaves" in to) && !("leaves" in from)) {
      this.copy(to, from, size);
      return;
    }
    if ("leaves" in to && "leaves" in from) {
      // Both sides have the same type, so the same leaves; copying through new registers keeps overlapping moves right.
      const values = from.leaves.map((l) => this.toReg(reg(l.reg)));
      to.leaves.forEach((l, i) => this.emit({ op: "mov", dst: l.reg, src: reg(values[i]) }));
      return;
    }
    if ("leaves" in to) {
      const a = from as Address;
      for (const l of to.leaves) this.emit({ op: "load", dst: l.reg, address: displaced(a, a.disp + l.offset), size: l.size, signed: l.signed });
      return;
    }
    for (const l of (from as Leaves).leaves) this.emit({ op: "store", address: displaced(to, to.disp + l.offset), src: reg(l.reg), size: l.size });
  }

  /** Computes the address of an lvalue, as a new object that the caller may adjust in place. */
  lvalue(e: Expr): Address {
    switch (e.kind) {
      case "variable":
        if (this.registerOf.has(e.variable)) throw new Unsupported("internal: address of a register variable");
        if (this.split.size !== 0 && this.split.has(e.variable)) throw new SplitStructEscaped(e.variable);
        return this.variableAddress(e.variable);
      case "deref":
        return this.pointerAddress(e.operand);
      case "member": {
        if (e.member.bitField) throw new Unsupported("uses a bit-field");
        const base = this.lvalue(e.base);
        base.disp += e.member.offset;
        return base;
      }
      case "string":
        return newAddress(undefined, undefined, 1, 0, undefined, e.literal.label, undefined);
      case "cast":
        if (e.type.kind === "struct") return this.lvalue(e.operand);
        break;
      case "assign":
        if (e.type.kind === "struct") {
          this.assign(e);
          return this.lvalue(e.target);
        }
        break;
      case "call":
        if (e.type.kind === "struct") {
          this.call(e);
          if (!e.resultSlot) throw new Unsupported("internal: struct-returning call without a result slot");
          return frameAddress(e.resultSlot.offset);
        }
        break;
      case "comma":
        this.effect(e.left);
        return this.lvalue(e.right);
      case "statementExpression":
        if (e.value) {
          this.stmt(e.body);
          return this.lvalue(e.value);
        }
        break;
    }
    throw new Unsupported(e.type.kind === "struct" ? "uses a struct value" : `takes the address of a '${e.kind}' expression`);
  }

  /**
   * Builds the memory operand for `*p`, folding constant offsets and scaled
   * indices of `p` into it. Like lvalue, it returns a new object.
   */
  pointerAddress(p: Expr): Address {
    if (p.kind === "addr" && p.operand.kind !== "function") return this.lvalue(p.operand);
    if (p.kind === "cast" && p.operand.type.kind === "pointer") return this.pointerAddress(p.operand);
    if (p.kind === "binary" && p.type.kind === "pointer" && (p.op === "+" || p.op === "-") && scalarOf(p.right.type)) {
      const right = p.right;
      if (right.kind === "number") {
        const base = this.pointerAddress(p.left);
        const delta = Number(right.value) | 0;
        base.disp = (base.disp + (p.op === "+" ? delta : -delta)) | 0;
        return base;
      }
      if (p.op === "+") {
        let base = this.pointerAddress(p.left);
        if (base.index !== undefined || (base.frame && base.base !== undefined)) {
          base = newAddress(this.toReg(this.addressValue(base)), undefined, 1, 0, undefined, undefined, undefined);
        }
        if (right.kind === "binary" && right.op === "*" && right.right.kind === "number") {
          const scale = Number(right.right.value);
          if (isScale(scale)) {
            base.index = this.toReg(this.expr(right.left));
            base.scale = scale;
            return base;
          }
        }
        base.index = this.toReg(this.expr(right));
        base.scale = 1;
        return base;
      }
    }
    const v = this.expr(p);
    if (v.kind === "sym") return newAddress(undefined, undefined, 1, v.offset, undefined, v.name, undefined);
    if (v.kind === "imm") return newAddress(undefined, undefined, 1, v.value, undefined, undefined, undefined);
    return newAddress(v.reg, undefined, 1, 0, undefined, undefined, undefined);
  }

  private cast(e: ExprOf<"cast">): Value {
    const to = e.type;
    const from = e.operand.type;
    if (to.kind === "void") {
      this.effect(e.operand);
      return imm(0);
    }
    if (to.kind === "struct") return this.addressValue(this.lvalue(e.operand));
    const target = scalarOf(to);
    if (!target) throw new Unsupported(unsupportedType(to));
    const wideFrom = isWide(from);
    if (wideFrom && to.kind === "integer" && to.rank === "bool") return this.wide.asBool(e.operand);
    if (from.kind !== "array" && from.kind !== "function" && !wideFrom && !scalarOf(from)) throw new Unsupported(unsupportedType(from));
    const v = wideFrom ? this.wide.value(e.operand).lo : this.expr(e.operand);
    if (to.kind === "integer" && to.rank === "bool") {
      if (isInteger(from) && from.rank === "bool") return v;
      const dst = this.newReg(NO_BYTE_FORM);
      this.emit({ op: "set", cc: "ne", dst, a: v, b: imm(0) });
      return reg(dst);
    }
    if (target.size === 4) return v;
    if (isInteger(from)) {
      const fits = from.size < to.size ? from.unsigned || !isUnsigned(to) : from.size === to.size && from.unsigned === isUnsigned(to);
      if (fits) return v;
    }
    const dst = this.newReg();
    this.emit({ op: "ext", dst, a: v, size: target.size as 1 | 2, signed: target.signed });
    return reg(dst);
  }

  private binaryExpr(e: ExprOf<"binary">): Value {
    if (isWide(e.left.type) && comparison(e.op, false) !== undefined) return this.booleanByBranches(e);
    if (!scalarOf(e.left.type) || !scalarOf(e.right.type)) throw new Unsupported(unsupportedType(isFloat(e.left.type) || isWide(e.left.type) ? e.left.type : e.right.type));
    const unsigned = isUnsigned(e.left.type);
    const cc = comparison(e.op, unsigned);
    const a = this.expr(e.left);
    const b = this.expr(e.right);
    if (cc) {
      const dst = this.newReg(NO_BYTE_FORM);
      this.emit({ op: "set", cc, dst, a, b });
      return reg(dst);
    }
    return reg(this.binary(arithmetic(e.op, unsigned), a, b));
  }

  /** Computes a condition as 0 or 1 through branches. */
  private booleanByBranches(e: Expr): Value {
    const dst = this.newReg();
    const then = this.newBlock(), otherwise = this.newBlock(), end = this.newBlock();
    this.branch(e, then, otherwise);
    this.place(then);
    this.emit({ op: "mov", dst, src: imm(1) });
    this.terminate({ op: "jmp", target: end }, otherwise);
    this.emit({ op: "mov", dst, src: imm(0) });
    this.place(end);
    return reg(dst);
  }

  /** `&&`, `||` and `?:` as values: both arms assign one register. */
  private valueByBranches(e: ExprOf<"logical"> | ExprOf<"conditional">): Value {
    if (e.type.kind === "void") {
      if (e.kind === "logical") throw new Unsupported("internal: void logical expression");
      const then = this.newBlock(), otherwise = this.newBlock(), end = this.newBlock();
      this.branch(e.condition, then, otherwise);
      this.place(then);
      this.effect(e.then);
      this.terminate({ op: "jmp", target: end }, otherwise);
      this.effect(e.otherwise);
      this.place(end);
      return imm(0);
    }
    if (!scalarOf(e.type) && e.type.kind !== "array") throw new Unsupported(e.type.kind === "struct" ? "uses a struct value" : unsupportedType(e.type));
    if (e.kind === "logical") return this.booleanByBranches(e);

    const dst = this.newReg();
    const then = this.newBlock(), otherwise = this.newBlock(), end = this.newBlock();
    this.branch(e.condition, then, otherwise);
    this.place(then);
    this.emit({ op: "mov", dst, src: this.expr(e.then) });
    this.terminate({ op: "jmp", target: end }, otherwise);
    this.emit({ op: "mov", dst, src: this.expr(e.otherwise) });
    this.place(end);
    return reg(dst);
  }

  private assign(e: ExprOf<"assign">): Value {
    const target = e.target;
    if (target.kind === "variable") {
      const r = this.registerOf.get(target.variable);
      if (r !== undefined) {
        const v = this.expr(e.value);
        this.emit({ op: "mov", dst: r, src: v });
        return reg(r);
      }
    }
    if (e.type.kind === "struct") {
      const to = this.locate(target);
      this.copyPlaces(to, this.locate(e.value), e.type.size);
      if ("leaves" in to) return imm(0);
      // The copy already references `to`, so the lea gets an address of its own.
      return this.addressValue(displaced(to, to.disp));
    }
    if (target.kind === "member" && target.member.bitField) throw new Unsupported("uses a bit-field");
    const s = scalarOf(e.type);
    if (!s) throw new Unsupported(unsupportedType(e.type));
    const where = this.locate(target);
    if ("leaves" in where) {
      const v = this.expr(e.value);
      const leaf = where.leaves[0];
      if (where.leaves.length !== 1 || leaf.offset !== 0) throw new Unsupported("internal: a split struct assigned as a non-scalar");
      this.emit({ op: "mov", dst: leaf.reg, src: v });
      return reg(leaf.reg);
    }
    const address = where;
    const v = this.expr(e.value);
    this.emit({ op: "store", address, src: v, size: s.size });
    return v;
  }

  /** Copies a struct; the emitter moves it through the stack, 4 then 2 bytes at a time. */
  private copy(to: Address, from: Address, size: number): void {
    if (size < 2) throw new Unsupported("copies a 1-byte struct");
    if (size > 64) throw new Unsupported("copies a struct of more than 64 bytes");
    this.emit({ op: "copy", to, from, size });
  }

  private call(e: ExprOf<"call">): Value {
    return this.callWith(e) as Value;
  }

  /** Lowers a call; a `long long` result comes back as both halves. */
  callWith(e: ExprOf<"call">): Value | Wide {
    const returnType = e.fnType.returnType;
    const returnsStruct = returnType.kind === "struct";
    const returnsWide = isWide(returnType);
    const result = scalarOf(returnType);
    if (returnType.kind !== "void" && !result && !returnsStruct && !returnsWide) throw new Unsupported(`calls a function that returns ${typeNoun(returnType)}`);
    const direct = e.callee.kind === "addr" && e.callee.operand.kind === "function" ? e.callee.operand.fn : undefined;
    if (direct && RETURNS_TWICE.has(direct.name)) throw new Unsupported(`calls '${direct.name}', which returns twice`);
    // Arguments are evaluated last to first, as gcc does, so side effects happen in the same order.
    // They reach the outgoing area only after all are evaluated, because an argument may itself call.
    const args: (Value | Address | Leaves | Wide)[] = new Array(e.args.length);
    for (let i = e.args.length - 1; i >= 0; i--) {
      const arg = e.args[i];
      if (arg.type.kind === "struct") args[i] = this.locate(arg);
      else if (isWide(arg.type)) args[i] = this.wide.value(arg);
      else if (!scalarOf(arg.type)) throw new Unsupported(`passes ${typeNoun(arg.type)} as an argument`);
      else args[i] = this.expr(arg);
    }
    const callee = direct ? { kind: "sym" as const, name: functionSymbolName(direct), offset: 0 } : this.expr(e.callee);
    let offset = 0;
    if (returnsStruct) {
      if (!e.resultSlot) throw new Unsupported("internal: struct-returning call without a result slot");
      this.emit({ op: "arg", offset: 0, src: this.addressValue(frameAddress(e.resultSlot.offset)) });
      offset = 4;
    }
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const arg = e.args[i];
      if ("scale" in a || "leaves" in a) {
        this.copyPlaces(newAddress(undefined, undefined, 1, offset, undefined, undefined, true), a, arg.type.size);
        offset += Math.ceil(arg.type.size / 4) * 4;
      } else if ("hi" in a) {
        this.emit({ op: "arg", offset, src: a.lo });
        this.emit({ op: "arg", offset: offset + 4, src: a.hi });
        offset += 8;
      } else {
        this.emit({ op: "arg", offset, src: a });
        offset += 4;
      }
    }
    this.outgoingBytes = Math.max(this.outgoingBytes, offset);
    if (returnsWide) {
      const lo = this.newReg(), hi = this.newReg();
      this.emit({ op: "call", dst: lo, dstHigh: hi, callee });
      return { lo: reg(lo), hi: reg(hi) };
    }
    if (!result) {
      this.emit({ op: "call", callee, popsHidden: returnsStruct });
      return returnsStruct ? this.addressValue(frameAddress(e.resultSlot!.offset)) : imm(0);
    }
    const dst = this.newReg();
    this.emit({ op: "call", dst, callee });
    if (result.size === 4) return reg(dst);
    const extended = this.newReg();
    this.emit({ op: "ext", dst: extended, a: reg(dst), size: result.size as 1 | 2, signed: result.signed });
    return reg(extended);
  }
}

function typeNoun(t: Type): string {
  if (isFloat(t)) return "a floating-point value";
  if (isWide(t)) return "a long long";
  if (t.kind === "struct") return "a struct";
  return `a value of kind '${t.kind}'`;
}

function unsupportedType(t: Type): string {
  if (isFloat(t)) return "uses floating point";
  if (isWide(t)) return "uses long long";
  if (t.kind === "struct") return "uses a struct value";
  return `uses a value of kind '${t.kind}'`;
}

function hasStatementExpression(e: Expr): boolean {
  statementExpressionFound = false;
  findStatementExpression(e);
  return statementExpressionFound;
}

/*
 * hasStatementExpression's walk. Its visitor and state live at module level, because tsx's keepNames
 * wraps each closure in a __name call (an Object.defineProperty) whenever it is created.
 */
let statementExpressionFound = false;

function findStatementExpression(e: Expr): void {
  if (statementExpressionFound) return;
  if (e.kind === "statementExpression") statementExpressionFound = true;
  else forEachChildExpr(e, findStatementExpression);
}

/** Calls `visit` with each direct subexpression of `e`, without building a list. */
export function forEachChildExpr(e: Expr, visit: (child: Expr) => void): void {
  switch (e.kind) {
    case "member": visit(e.base); return;
    case "deref": case "addr": case "cast": case "unary": visit(e.operand); return;
    case "binary": case "logical": case "comma": visit(e.left); visit(e.right); return;
    case "assign": visit(e.target); visit(e.value); return;
    case "conditional": visit(e.condition); visit(e.then); visit(e.otherwise); return;
    case "call": visit(e.callee); for (const arg of e.args) visit(arg); return;
    case "statementExpression": if (e.value) visit(e.value); return;
    default: return;
  }
}
