// Code for the floating types on the x87 FPU. A floating value lives in
// %st(0), and the register stack is otherwise empty between expressions,
// because the i386 System V ABI requires it to be empty at calls. So a
// binary operator spills its left operand to the stack and reloads it after
// the right one. Conversions to integers truncate, by switching the
// rounding control for the one store, as gcc does.
import type { Expr, ExprOf } from "../ast";
import { doublePrecisionWords, extendedPrecisionBytes, singlePrecisionBits } from "../float-format";
import type { FloatType, IntegerType, Type } from "../types";
import type { Emitter } from "./emitter";
import { genExpr } from "./expressions";

const SUFFIX: Record<FloatType["rank"], string> = { float: "s", double: "l", longdouble: "t" };
const longDoubleSpill: FloatType = { kind: "float", rank: "longdouble", size: 12, align: 4 };

/** Loads a value of floating type from the memory operand `address`, such as `(%eax)` or `-8(%ebp)`. */
export function loadFloat(out: Emitter, type: FloatType, address: string): void {
  out.ins(`fld${SUFFIX[type.rank]}`, address);
}

/** Stores %st(0) to `address` as `type`, keeping it on the register stack. */
export function storeFloat(out: Emitter, type: FloatType, address: string): void {
  if (type.rank === "longdouble") {
    // There is no non-popping 80-bit store: store, then reload the same bits.
    out.ins("fstpt", address);
    out.ins("fldt", address);
  } else {
    out.ins(`fst${SUFFIX[type.rank]}`, address);
  }
}

/** Pops %st(0) into a stack slot of `type`'s size (for an argument), tracking the depth. */
export function pushFloat(out: Emitter, type: FloatType): void {
  out.reserve(type.size);
  out.ins(`fstp${SUFFIX[type.rank]}`, "(%esp)");
}

/** Discards %st(0). */
export function popFloat(out: Emitter): void {
  out.ins("fstp", "%st(0)");
}

function signedWord(n: number): number {
  return n | 0;
}

/**
 * Pushes the constant `value` of floating type `type` on the x87 stack, or
 * the exact long double `extended` when the constant has one.
 */
export function loadFloatConstant(out: Emitter, type: FloatType, value: number, extended?: Uint8Array): void {
  if (value === 0 && !Object.is(value, -0)) {
    out.ins("fldz");
    return;
  }
  if (value === 1) {
    out.ins("fld1");
    return;
  }
  let words: number[];
  if (type.rank === "float") {
    words = [singlePrecisionBits(value)];
  } else if (type.rank === "double") {
    words = doublePrecisionWords(value);
  } else {
    const view = new DataView((extended ?? extendedPrecisionBytes(value)).buffer);
    words = [view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true)];
  }
  for (let i = words.length - 1; i >= 0; i--) {
    out.ins("pushl", `$${signedWord(words[i])}`);
    out.depth += 4;
  }
  loadFloat(out, type, "(%esp)");
  out.reserve(-4 * words.length);
}

const FLOAT_RANK: Record<FloatType["rank"], number> = { float: 0, double: 1, longdouble: 2 };

/** Rounds %st(0) from type `from` to the narrower type `to`; gcc -O0 leaves widening and same-type casts alone. */
export function narrowFloat(out: Emitter, from: FloatType, to: FloatType): void {
  if (FLOAT_RANK[to.rank] < FLOAT_RANK[from.rank]) roundToType(out, to);
}

/** Rounds %st(0) to the precision of `type` by a store and reload; long double needs nothing. */
export function roundToType(out: Emitter, type: FloatType): void {
  if (type.rank === "longdouble") return;
  out.reserve(type.size);
  out.ins(`fstp${SUFFIX[type.rank]}`, "(%esp)");
  loadFloat(out, type, "(%esp)");
  out.reserve(-type.size);
}

/** True when evaluating `e` may call a function, which needs an empty x87 register stack. */
function containsCall(e: Expr): boolean {
  switch (e.kind) {
    case "call":
    case "statementExpression":
      return true;
    case "member":
      return containsCall(e.base);
    case "deref":
    case "addr":
    case "cast":
    case "unary":
      return containsCall(e.operand);
    case "binary":
    case "logical":
    case "comma":
      return containsCall(e.left) || containsCall(e.right);
    case "assign":
      return containsCall(e.target) || containsCall(e.value);
    case "conditional":
      return containsCall(e.condition) || containsCall(e.then) || containsCall(e.otherwise);
    default:
      return false;
  }
}

/**
 * Computes a binary operator on two floating operands: arithmetic leaves
 * %st(0), comparisons leave an int in %eax. The left operand waits in memory while
 * the right one is evaluated: in the 80-bit format, as if it stayed in a
 * register, unless the right operand calls a function. Then gcc -O0 spills
 * it in the precision of its type, and so do we, to compute the same bits.
 */
export function genFloatBinary(out: Emitter, e: ExprOf<"binary">): void {
  const leftType = e.left.type as FloatType;
  const spillType = containsCall(e.right) ? leftType : longDoubleSpill;
  genExpr(out, e.left);
  out.reserve(12);
  out.ins(`fstp${SUFFIX[spillType.rank]}`, "(%esp)");
  genExpr(out, e.right);
  loadFloat(out, spillType, "(%esp)");
  out.reserve(-12);
  // Now %st(0) is the left operand and %st(1) the right one.
  switch (e.op) {
    case "+":
      out.ins("faddp", "%st, %st(1)");
      return;
    case "*":
      out.ins("fmulp", "%st, %st(1)");
      return;
    case "-":
      // GNU as spells the form that stores %st(0) - %st(1) into %st(1) `fsubp`.
      out.ins("fsubp", "%st, %st(1)");
      return;
    case "/":
      out.ins("fdivp", "%st, %st(1)");
      return;
    default:
      compareFloats(out, e);
  }
}

/**
 * Compares %st(0) (left) with %st(1) (right) and pops both. Every relation
 * is tested as "greater" or "greater or equal" with `seta`/`setae`, which are
 * false when the operands are unordered (a NaN), as C requires.
 */
function compareFloats(out: Emitter, e: ExprOf<"binary">): void {
  const op = e.op;
  if (op === "<" || op === "<=") out.ins("fxch", "%st(1)");
  out.ins("fucomip", "%st(1), %st");
  popFloat(out);
  switch (op) {
    case "<":
    case ">":
      out.ins("seta", "%al");
      break;
    case "<=":
    case ">=":
      out.ins("setae", "%al");
      break;
    case "==":
      out.ins("sete", "%al");
      out.ins("setnp", "%cl");
      out.ins("andb", "%cl, %al");
      break;
    case "!=":
      out.ins("setne", "%al");
      out.ins("setp", "%cl");
      out.ins("orb", "%cl, %al");
      break;
    default:
      out.internalError(e.tok, `floating operator '${op}'`);
  }
  out.ins("movzbl", "%al, %eax");
}

/** Converts %st(0) to 0 or 1 in %eax: a NaN is true, as it compares unequal to zero. */
function floatToBool(out: Emitter): void {
  out.ins("fldz");
  out.ins("fucomip", "%st(1), %st");
  popFloat(out);
  out.ins("setne", "%al");
  out.ins("setp", "%cl");
  out.ins("orb", "%cl, %al");
  out.ins("movzbl", "%al, %eax");
}

/**
 * Pops %st(0) into an integer of `bytes` bytes, rounding toward zero, and
 * loads it into %eax (zero-extended from 2 bytes) or %edx:%eax (8 bytes).
 * An out-of-range value becomes the x87's "integer indefinite" of that
 * width, so the width matters: it is the one gcc -O0 uses for each type.
 */
function truncate(out: Emitter, bytes: 2 | 4 | 8): void {
  out.reserve(12);
  out.ins("fnstcw", "(%esp)");
  out.ins("movzwl", "(%esp), %eax");
  out.ins("orl", "$3072, %eax");
  out.ins("movw", "%ax, 2(%esp)");
  out.ins("fldcw", "2(%esp)");
  out.ins(bytes === 2 ? "fistps" : bytes === 4 ? "fistpl" : "fistpll", "4(%esp)");
  out.ins("fldcw", "(%esp)");
  if (bytes === 2) out.ins("movzwl", "4(%esp), %eax");
  else out.ins("movl", "4(%esp), %eax");
  if (bytes === 8) out.ins("movl", "8(%esp), %edx");
  out.reserve(-12);
}

/** The width gcc -O0 stores a truncated value in, for each integer target type. */
function truncationWidth(to: IntegerType): 2 | 4 | 8 {
  if (to.size === 8 || (to.size === 4 && to.unsigned)) return 8;
  if (to.size === 4 || (to.size === 2 && to.unsigned)) return 4;
  return 2;
}

/** Pops %st(0) into %edx:%eax as an unsigned 64-bit integer: values from 2^63 up are reduced by 2^63 first. */
function truncateToUnsignedWide(out: Emitter): void {
  const large = out.newLabel();
  const done = out.newLabel();
  out.ins("pushl", "$1593835520"); // 2^63 as a float
  out.depth += 4;
  out.ins("flds", "(%esp)");
  out.ins("fucomip", "%st(1), %st");
  out.ins("jbe", large);
  truncate(out, 8);
  out.ins("jmp", done);
  out.label(large);
  out.ins("fsubs", "(%esp)");
  truncate(out, 8);
  out.ins("xorl", "$-2147483648, %edx");
  out.label(done);
  out.reserve(-4);
}

/** Converts %st(0) to the integer type `to` in %eax, or in %edx:%eax for 8-byte types. */
export function floatToInteger(out: Emitter, to: IntegerType): void {
  if (to.rank === "bool") floatToBool(out);
  else if (to.size === 8 && to.unsigned) truncateToUnsignedWide(out);
  else truncate(out, truncationWidth(to));
}

/**
 * Converts the integer in %eax (of type `from`, 4 bytes or narrower, already
 * extended) or in %edx:%eax (8 bytes) to %st(0). As with gcc -O0, the value
 * keeps the 80-bit register's precision, except that an unsigned 64-bit
 * value is rounded to `to`, as gcc's conversion sequence for it ends with a
 * store.
 */
export function integerToFloat(out: Emitter, from: Type, to: FloatType): void {
  const unsigned = from.kind !== "integer" || from.unsigned;
  if (from.size === 8) {
    out.push("%edx");
    out.push("%eax");
    out.ins("fildll", "(%esp)");
    out.reserve(-8);
    if (unsigned) {
      // fildll read the value as signed: add 2^64 when the top bit is set.
      const done = out.newLabel();
      out.ins("testl", "%edx, %edx");
      out.ins("jns", done);
      out.ins("pushl", "$1602224128"); // 2^64 as a float
      out.ins("fadds", "(%esp)");
      out.ins("addl", "$4, %esp");
      out.label(done);
      roundToType(out, to);
    }
    return;
  }
  if (unsigned) {
    out.ins("pushl", "$0");
    out.push("%eax");
    out.depth += 4;
    out.ins("fildll", "(%esp)");
    out.reserve(-8);
  } else {
    out.push("%eax");
    out.ins("fildl", "(%esp)");
    out.reserve(-4);
  }
}
