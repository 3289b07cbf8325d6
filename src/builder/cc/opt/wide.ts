// Lowering of `long long` and `unsigned long long` to pairs of 32-bit
// values (low half, high half). Addition and subtraction carry through an
// unsigned comparison of the low halves. Multiplication uses the high half
// of a 32x32-bit product (`mull`). Shifts move bits between the halves, and
// a run-time count takes a branch on its bit 5. Comparisons test the high
// halves and then the low ones. Division and remainder call the library
// OS's __divdi3 family, as gcc's code does.
import type { Expr, ExprOf } from "../ast";
import { isWide, type Type } from "../types";
import { NO_BYTE_FORM, imm, reg, Unsupported, type Address, type BinaryOpcode, type Block, type Condition, type Value, type VReg } from "./ir";
import { displaced, type Lowering } from "./lower";

/** A 64-bit value as its two 32-bit halves. Never changed once built, so one object may serve several uses. */
export interface Wide {
  readonly lo: Value;
  readonly hi: Value;
}

/** A `long long` local or parameter kept in registers: its low and high halves, and the Wide that reads them. */
export interface WidePair {
  readonly lo: VReg;
  readonly hi: VReg;
  readonly value: Wide;
}

const ZERO: Wide = { lo: imm(0), hi: imm(0) };

const DIVISION: Record<string, [string, string]> = {
  "/": ["__divdi3", "__udivdi3"],
  "%": ["__moddi3", "__umoddi3"],
};

const BITWISE = { "&": "and", "|": "or", "^": "xor" } as const;

/** The strict comparison of the high halves that decides `a cc b` when they differ. */
const HIGH_TRUE: Partial<Record<Condition, Condition>> = { l: "l", le: "l", g: "g", ge: "g", b: "b", be: "b", a: "a", ae: "a" };
const HIGH_FALSE: Partial<Record<Condition, Condition>> = { l: "g", le: "g", g: "l", ge: "l", b: "a", be: "a", a: "b", ae: "b" };
/** The unsigned comparison of the low halves when the high halves are equal. */
const LOW: Record<Condition, Condition> = { e: "e", ne: "ne", l: "b", le: "be", g: "a", ge: "ae", b: "b", be: "be", a: "a", ae: "ae" };

function isUnsigned(t: Type): boolean {
  return t.kind !== "integer" || t.unsigned;
}

export class WideLowering {
  constructor(private readonly l: Lowering) {}

  value(e: Expr): Wide {
    const l = this.l;
    switch (e.kind) {
      case "number": {
        // Below 2**53 in magnitude a double represents the value exactly, so the halves need no bigints.
        const n = Number(e.value);
        if (Number.isSafeInteger(n)) return { lo: imm(n | 0), hi: imm(Math.floor(n / 2 ** 32) | 0) };
        const v = BigInt(e.value);
        return { lo: imm(Number(BigInt.asIntN(32, v))), hi: imm(Number(BigInt.asIntN(32, v >> 32n))) };
      }
      case "variable": {
        const pair = l.widePairOf.get(e.variable);
        if (pair) return pair.value;
        return this.load(l.lvalue(e));
      }
      case "member":
        if (e.member.bitField) throw new Unsupported("uses a bit-field");
        return this.load(l.lvalue(e));
      case "deref":
        return this.load(l.pointerAddress(e.operand));
      case "cast":
        return this.cast(e);
      case "unary":
        if (e.op === "bitnot") {
          const a = this.value(e.operand);
          return { lo: this.op1("not", a.lo), hi: this.op1("not", a.hi) };
        }
        if (e.op === "neg") return this.subtract(ZERO, this.value(e.operand));
        break;
      case "binary":
        return this.binary(e);
      case "assign":
        return this.assign(e);
      case "comma":
        l.effect(e.left);
        return this.value(e.right);
      case "conditional": {
        const lo = l.newReg(), hi = l.newReg();
        const then = l.newBlock(), otherwise = l.newBlock(), end = l.newBlock();
        l.branch(e.condition, then, otherwise);
        l.place(then);
        this.moveTo(lo, hi, this.value(e.then));
        l.terminate({ op: "jmp", target: end }, otherwise);
        this.moveTo(lo, hi, this.value(e.otherwise));
        l.place(end);
        return { lo: reg(lo), hi: reg(hi) };
      }
      case "call":
        return l.callWith(e) as Wide;
      case "statementExpression":
        if (e.value) {
          l.stmt(e.body);
          return this.value(e.value);
        }
        break;
    }
    throw new Unsupported(`uses a long long '${e.kind}' expression`);
  }

  /** Computes a 32-bit value that is zero exactly when the 64-bit value is. */
  nonzero(e: Expr): Value {
    const w = this.value(e);
    return reg(this.l.binary("or", w.lo, w.hi));
  }

  asBool(e: Expr): Value {
    const dst = this.l.newReg(NO_BYTE_FORM);
    this.l.emit({ op: "set", cc: "ne", dst, a: this.nonzero(e), b: imm(0) });
    return reg(dst);
  }

  /** Branches on `a cc b`: the high halves decide unless they are equal, then the low halves (unsigned). */
  branchCompare(cc: Condition, a: Wide, b: Wide, then: Block, otherwise: Block): void {
    const l = this.l;
    const low = l.newBlock();
    if (cc === "e") {
      l.terminate({ op: "br", cc: "ne", a: a.hi, b: b.hi, then: otherwise, otherwise: low }, low);
    } else if (cc === "ne") {
      l.terminate({ op: "br", cc: "ne", a: a.hi, b: b.hi, then, otherwise: low }, low);
    } else {
      const notTrue = l.newBlock();
      l.terminate({ op: "br", cc: HIGH_TRUE[cc]!, a: a.hi, b: b.hi, then, otherwise: notTrue }, notTrue);
      l.terminate({ op: "br", cc: HIGH_FALSE[cc]!, a: a.hi, b: b.hi, then: otherwise, otherwise: low }, low);
    }
    l.terminate({ op: "br", cc: LOW[cc], a: a.lo, b: b.lo, then, otherwise });
  }

  private load(a: Address): Wide {
    const lo = this.l.newReg(), hi = this.l.newReg();
    this.l.emit({ op: "load", dst: lo, address: a, size: 4, signed: false });
    this.l.emit({ op: "load", dst: hi, address: displaced(a, a.disp + 4), size: 4, signed: false });
    return { lo: reg(lo), hi: reg(hi) };
  }

  private moveTo(lo: VReg, hi: VReg, w: Wide): void {
    // Through new registers, so that a value whose halves are swapped or shared still arrives whole.
    const t = this.l.newReg();
    this.l.emit({ op: "mov", dst: t, src: w.hi });
    this.l.emit({ op: "mov", dst: lo, src: w.lo });
    this.l.emit({ op: "mov", dst: hi, src: reg(t) });
  }

  private op1(op: "not" | "neg", a: Value): Value {
    const dst = this.l.newReg();
    this.l.emit({ op, dst, a });
    return reg(dst);
  }

  private op2(opcode: BinaryOpcode, a: Value, b: Value): Value {
    return reg(this.l.binary(opcode, a, b));
  }

  private cast(e: ExprOf<"cast">): Wide {
    const from = e.operand.type;
    if (isWide(from)) return this.value(e.operand);
    if (from.kind !== "integer" && from.kind !== "pointer") throw new Unsupported("converts a floating-point value to a long long");
    const lo = this.l.expr(e.operand);
    if (isUnsigned(from)) return { lo, hi: imm(0) };
    return { lo, hi: this.op2("sar", lo, imm(31)) };
  }

  private add(a: Wide, b: Wide): Wide {
    const lo = this.op2("add", a.lo, b.lo);
    const carry = this.l.newReg(NO_BYTE_FORM);
    this.l.emit({ op: "set", cc: "b", dst: carry, a: lo, b: a.lo });
    return { lo, hi: this.op2("add", this.op2("add", a.hi, b.hi), reg(carry)) };
  }

  private subtract(a: Wide, b: Wide): Wide {
    const borrow = this.l.newReg(NO_BYTE_FORM);
    this.l.emit({ op: "set", cc: "b", dst: borrow, a: a.lo, b: b.lo });
    const lo = this.op2("sub", a.lo, b.lo);
    return { lo, hi: this.op2("sub", this.op2("sub", a.hi, b.hi), reg(borrow)) };
  }

  private multiply(a: Wide, b: Wide): Wide {
    const lo = this.op2("mul", a.lo, b.lo);
    const carried = this.op2("umulh", a.lo, b.lo);
    const cross = this.op2("add", this.op2("mul", a.lo, b.hi), this.op2("mul", a.hi, b.lo));
    return { lo, hi: this.op2("add", carried, cross) };
  }

  private shift(op: "<<" | ">>", a: Wide, count: number, unsigned: boolean): Wide {
    const k = count & 63;
    if (k === 0) return a;
    if (op === "<<") {
      if (k >= 32) return { lo: imm(0), hi: this.op2("shl", a.lo, imm(k - 32)) };
      return { lo: this.op2("shl", a.lo, imm(k)), hi: this.op2("or", this.op2("shl", a.hi, imm(k)), this.op2("shr", a.lo, imm(32 - k))) };
    }
    const right = unsigned ? "shr" : "sar";
    if (k >= 32) return { lo: this.op2(right, a.hi, imm(k - 32)), hi: unsigned ? imm(0) : this.op2("sar", a.hi, imm(31)) };
    return { lo: this.op2("or", this.op2("shr", a.lo, imm(k)), this.op2("shl", a.hi, imm(32 - k))), hi: this.op2(right, a.hi, imm(k)) };
  }

  /**
   * Shifts by a run-time count. Counts of 32 and more take one arm, where a
   * half moves whole to the other. Smaller counts take the other arm, where
   * the bits crossing between the halves shift in two steps (by 1, then by
   * 31 - n), so that a count of 0 moves none. The hardware masks counts to 5 bits.
   */
  private shiftByRegister(op: "<<" | ">>", a: Wide, count: Value, unsigned: boolean): Wide {
    const l = this.l;
    const lo = l.newReg(), hi = l.newReg();
    const big = l.newBlock(), small = l.newBlock(), end = l.newBlock();
    const bit32 = this.op2("and", count, imm(32));
    l.terminate({ op: "br", cc: "ne", a: bit32, b: imm(0), then: big, otherwise: small }, big);
    const right = unsigned ? "shr" : "sar";
    if (op === "<<") this.moveTo(lo, hi, { lo: imm(0), hi: this.op2("shl", a.lo, count) });
    else this.moveTo(lo, hi, { lo: this.op2(right, a.hi, count), hi: unsigned ? imm(0) : this.op2("sar", a.hi, imm(31)) });
    l.terminate({ op: "jmp", target: end }, small);
    const rest = this.op2("sub", imm(31), count);
    if (op === "<<") {
      const crossing = this.op2("shr", this.op2("shr", a.lo, imm(1)), rest);
      this.moveTo(lo, hi, { lo: this.op2("shl", a.lo, count), hi: this.op2("or", this.op2("shl", a.hi, count), crossing) });
    } else {
      const crossing = this.op2("shl", this.op2("shl", a.hi, imm(1)), rest);
      this.moveTo(lo, hi, { lo: this.op2("or", this.op2("shr", a.lo, count), crossing), hi: this.op2(right, a.hi, count) });
    }
    l.place(end);
    return { lo: reg(lo), hi: reg(hi) };
  }

  private binary(e: ExprOf<"binary">): Wide {
    const unsigned = isUnsigned(e.type);
    if (e.op === "<<" || e.op === ">>") {
      const a = this.value(e.left);
      const count = this.l.expr(e.right);
      if (count.kind === "imm") return this.shift(e.op, a, count.value, unsigned);
      return this.shiftByRegister(e.op, a, count, unsigned);
    }
    const a = this.value(e.left);
    const b = this.value(e.right);
    switch (e.op) {
      case "+": return this.add(a, b);
      case "-": return this.subtract(a, b);
      case "*": return this.multiply(a, b);
      case "&": case "|": case "^": {
        const opcode = BITWISE[e.op];
        return { lo: this.op2(opcode, a.lo, b.lo), hi: this.op2(opcode, a.hi, b.hi) };
      }
      case "/": case "%":
        return this.helper(DIVISION[e.op][unsigned ? 1 : 0], [a.lo, a.hi, b.lo, b.hi]);
    }
    throw new Unsupported(`uses the long long operator '${e.op}'`);
  }

  /** Calls a library routine that takes 32-bit words and returns a 64-bit value in %edx:%eax. */
  private helper(name: string, args: Value[]): Wide {
    const l = this.l;
    args.forEach((src, i) => l.emit({ op: "arg", offset: 4 * i, src }));
    l.reserveOutgoing(4 * args.length);
    const lo = l.newReg(), hi = l.newReg();
    l.emit({ op: "call", dst: lo, dstHigh: hi, callee: { kind: "sym", name, offset: 0 } });
    return { lo: reg(lo), hi: reg(hi) };
  }

  private assign(e: ExprOf<"assign">): Wide {
    const l = this.l;
    const target = e.target;
    if (target.kind === "variable") {
      const pair = l.widePairOf.get(target.variable);
      if (pair) {
        this.moveTo(pair.lo, pair.hi, this.value(e.value));
        return pair.value;
      }
    }
    if (target.kind === "member" && target.member.bitField) throw new Unsupported("uses a bit-field");
    const address = l.lvalue(target);
    const v = this.value(e.value);
    l.emit({ op: "store", address, src: v.lo, size: 4 });
    l.emit({ op: "store", address: displaced(address, address.disp + 4), src: v.hi, size: 4 });
    return v;
  }
}
