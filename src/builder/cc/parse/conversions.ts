// Node builders that apply C's implicit conversions explicitly: array and
// function decay, integer promotions, the usual arithmetic conversions,
// pointer scaling, and conversion as if by assignment.
import type { BinaryOp, Expr, ExprOf } from "../ast";
import type { Token } from "../token";
import {
  intType, isArithmetic, isFloat, isInteger, isPointer, isScalar, isWide, pointerTo, sameType, typeName, uintType,
  integerType, type FloatType, type IntegerType, type Type,
} from "../types";
import type { Parser } from "./parser";

/**
 * Makes a constant of `type`. The value of an 8-byte integer constant is
 * stored as a bigint wrapped to the type, every other value as a number.
 */
export function numberNode(tok: Token, value: number | bigint, type: Type = intType): Expr {
  if (isWide(type)) {
    const big = typeof value === "bigint" ? value : BigInt(Math.trunc(value));
    return { kind: "number", value: (type as IntegerType).unsigned ? BigInt.asUintN(64, big) : BigInt.asIntN(64, big), type, tok };
  }
  return { kind: "number", value: Number(value), type, tok };
}

const errorNodes = new WeakSet<Expr>();

/** A placeholder `int 0` for an expression that already has an error, so that no follow-on error is reported. */
export function errorNode(tok: Token): Expr {
  const node = numberNode(tok, 0);
  errorNodes.add(node);
  return node;
}

export function isErrorNode(e: Expr): boolean {
  // Every error node is the number 0 (see errorNode), so other nodes skip the WeakSet.
  return e.kind === "number" && e.value === 0 && errorNodes.has(e);
}

/** Converts an array to a pointer to its first element and a function to a pointer to it. */
export function decay(e: Expr): Expr {
  if (e.type.kind === "array") return { kind: "addr", operand: e, type: pointerTo(e.type.element), tok: e.tok };
  if (e.type.kind === "function") return { kind: "addr", operand: e, type: pointerTo(e.type), tok: e.tok };
  return e;
}

export function castTo(e: Expr, type: Type): Expr {
  // Most conversions meet an operand that already has the shared object of its type.
  if (e.type === type && type.kind !== "struct") return e;
  if (sameType(e.type, type) && e.type.kind !== "struct") return { ...e, type };
  const folded = foldConversion(e, type);
  if (folded) return folded;
  return { kind: "cast", operand: e, type, tok: e.tok };
}

/**
 * Converts an arithmetic constant at compile time, as gcc does: `f + 16777217`
 * with a float `f` adds the float 16777216, not the exact integer. Returns
 * undefined when `e` is no constant or the conversion is not defined.
 */
function foldConversion(e: Expr, type: Type): Expr | undefined {
  if (e.kind !== "number" || isErrorNode(e) || !isArithmetic(e.type) || !isArithmetic(type)) return undefined;
  if (isFloat(type)) {
    const value = Number(e.value);
    const folded = numberNode(e.tok, type.rank === "float" ? Math.fround(value) : value, type);
    const keepsBytes = type.rank === "longdouble" && e.kind === "number" && e.extended;
    return keepsBytes && folded.kind === "number" ? { ...folded, extended: e.extended } : folded;
  }
  if (type.rank === "bool") return numberNode(e.tok, Number(e.value) !== 0 ? 1 : 0, type);
  if (typeof e.value === "number" && isInteger(e.type) && type.size <= 4) {
    return numberNode(e.tok, wrapNarrowInteger(e.value, type), type);
  }
  let integer: bigint;
  if (isFloat(e.type)) {
    const value = Math.trunc(Number(e.value));
    if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 64) return undefined;
    integer = BigInt(value);
  } else {
    integer = BigInt(e.value);
  }
  const bits = type.size * 8;
  const wrapped = type.unsigned ? BigInt.asUintN(bits, integer) : BigInt.asIntN(bits, integer);
  return numberNode(e.tok, wrapped, type);
}

/**
 * Wraps an integer to a type of at most 4 bytes as BigInt.asIntN and
 * asUintN would, without making bigints: JavaScript's shifts and bitwise
 * operators work modulo 2^32 on integers, just as those functions do.
 */
function wrapNarrowInteger(value: number, type: IntegerType): number {
  switch (type.size) {
    case 1: return type.unsigned ? value & 0xff : (value << 24) >> 24;
    case 2: return type.unsigned ? value & 0xffff : (value << 16) >> 16;
    default: return type.unsigned ? value >>> 0 : value | 0;
  }
}

/**
 * Integer promotion: integer types narrower than int become int. A
 * bit-field narrower than 32 bits becomes int too, since int can represent
 * all its values, and gcc makes a 32-bit `long long` bit-field an int or
 * an unsigned int.
 */
export function promote(e: Expr): Expr {
  if (!isInteger(e.type)) return e;
  if (e.type.size < 4) return castTo(e, intType);
  const bitField = e.kind === "member" ? e.member.bitField : undefined;
  if (bitField && bitField.width < 32) return castTo(e, intType);
  if (bitField && bitField.width === 32 && e.type.size === 8) return castTo(e, e.type.unsigned ? uintType : intType);
  return e;
}

/**
 * Returns the integer conversion rank of `t` as a number that orders the
 * ranks. A switch, because a lookup by the rank's name in an object runs
 * for most binary operators and costs more.
 */
function rank(t: IntegerType): number {
  switch (t.rank) {
    case "bool": return 0;
    case "char": return 1;
    case "short": return 2;
    case "int": return 3;
    case "long": return 4;
    case "longlong": return 5;
  }
}

/** Returns the common type of the usual arithmetic conversions for promoted integer operands (C11 6.3.1.8). */
export function commonIntegerType(a: IntegerType, b: IntegerType): Type {
  if (a === b) return a;
  if (a.unsigned === b.unsigned) return rank(a) >= rank(b) ? a : b;
  const unsigned = a.unsigned ? a : b;
  const signed = a.unsigned ? b : a;
  if (rank(unsigned) >= rank(signed)) return unsigned;
  if (signed.size > unsigned.size) return signed;
  // A signed type of higher rank but equal width cannot hold every unsigned value.
  return integerType(signed.rank, true);
}

const FLOAT_RANK = { float: 0, double: 1, longdouble: 2 };

/** Returns the common type of two arithmetic operands: the wider floating type if either is floating. */
export function commonArithmeticType(a: IntegerType | FloatType, b: IntegerType | FloatType): Type {
  if (isFloat(a) && isFloat(b)) return FLOAT_RANK[a.rank] >= FLOAT_RANK[b.rank] ? a : b;
  if (isFloat(a)) return a;
  if (isFloat(b)) return b;
  return commonIntegerType(a, b);
}

export function requireScalar(p: Parser, e: Expr, what: string): void {
  if (!isScalar(e.type)) p.reporter.error(e.tok, `${what} requires a scalar operand, not '${typeName(e.type)}'`);
}

function requireInteger(p: Parser, tok: Token, e: Expr, op: string): void {
  if (!isInteger(e.type)) p.reporter.error(tok, `invalid operand to '${op}' (have '${typeName(e.type)}')`);
}

/** True for the operators whose operands must be integers: `%`, `&`, `|`, `^`, `<<` and `>>`. */
function isIntegerOnly(op: string): boolean {
  switch (op) {
    case "%": case "&": case "|": case "^": case "<<": case ">>": return true;
    default: return false;
  }
}

/** Applies the usual arithmetic conversions to two arithmetic operands. */
export function arithmeticOperands(p: Parser, tok: Token, op: string, left: Expr, right: Expr): [Expr, Expr, Type] {
  left = promote(decay(left));
  right = promote(decay(right));
  const type = usualArithmeticType(p, tok, op, left, right);
  if (type === undefined) return [left, right, intType];
  return [castTo(left, type), castTo(right, type), type];
}

/**
 * Returns the common type of two promoted operands, to which both convert.
 * Operands of the wrong kind are reported and give `int`. Returns undefined
 * when an operand is already an error, which stays unconverted. The binary
 * operators call this instead of arithmeticOperands, which makes an array
 * for every operator.
 */
function usualArithmeticType(p: Parser, tok: Token, op: string, left: Expr, right: Expr): Type | undefined {
  if (isErrorNode(left) || isErrorNode(right)) return undefined;
  const allowed = isIntegerOnly(op) ? isInteger : isArithmetic;
  if (!allowed(left.type) || !allowed(right.type)) {
    p.reporter.error(
      tok,
      `invalid operands to binary '${op}' (have '${typeName(left.type)}' and '${typeName(right.type)}')`,
    );
    return intType;
  }
  return commonArithmeticType(left.type as IntegerType | FloatType, right.type as IntegerType | FloatType);
}

function binary(op: BinaryOp, tok: Token, left: Expr, right: Expr, type: Type): Expr {
  return { kind: "binary", op, left, right, type, tok };
}

/**
 * `*`, `/`, `%`, `&`, `|`, `^` on arithmetic operands. An operand that is
 * already an error makes the result an error too, so that no operator works
 * on operands of two different types.
 */
export function arithmetic(p: Parser, tok: Token, op: BinaryOp, left: Expr, right: Expr): Expr {
  const l = promote(decay(left));
  const r = promote(decay(right));
  const type = usualArithmeticType(p, tok, op, l, r);
  if (type === undefined) return errorNode(tok);
  return binary(op, tok, castTo(l, type), castTo(r, type), type);
}

/** `<<` and `>>`: each operand is promoted on its own; the result has the left operand's type. */
export function shift(p: Parser, tok: Token, op: "<<" | ">>", left: Expr, right: Expr): Expr {
  const l = promote(decay(left));
  const r = promote(decay(right));
  requireInteger(p, tok, l, op);
  requireInteger(p, tok, r, op);
  return binary(op, tok, l, castTo(r, intType), l.type);
}

function scaled(tok: Token, index: Expr, elementSize: number | Expr): Expr {
  const i = castTo(index, intType);
  if (elementSize === 1) return i;
  const size = typeof elementSize === "number" ? numberNode(tok, elementSize) : castTo(elementSize, intType);
  return binary("*", tok, i, size, intType);
}

/** Returns the size of the pointed-to type, or for a variable length array an expression that reads it at run time. */
function pointerElementSize(p: Parser, tok: Token, pointer: Type): number | Expr {
  if (!isPointer(pointer)) return 1;
  const base = pointer.base;
  if (base.kind === "array" && base.sizeVariable) {
    return { kind: "variable", variable: base.sizeVariable, type: base.sizeVariable.type, tok };
  }
  if (base.kind === "void" || base.kind === "function") return 1;
  if (base.kind === "struct" && !base.complete) {
    p.reporter.error(tok, `invalid use of incomplete type '${typeName(base)}' in pointer arithmetic`);
    return 1;
  }
  return base.size;
}

export function add(p: Parser, tok: Token, left: Expr, right: Expr): Expr {
  left = promote(decay(left));
  right = promote(decay(right));
  if (isArithmetic(left.type) && isArithmetic(right.type)) return arithmetic(p, tok, "+", left, right);
  if (isPointer(right.type) && isInteger(left.type)) [left, right] = [right, left];
  if (isErrorNode(left) || isErrorNode(right)) return errorNode(tok);
  if (isPointer(left.type) && isInteger(right.type)) {
    return binary("+", tok, left, scaled(tok, right, pointerElementSize(p, tok, left.type)), left.type);
  }
  p.reporter.error(
    tok,
    `invalid operands to binary '+' (have '${typeName(left.type)}' and '${typeName(right.type)}')`,
  );
  return errorNode(tok);
}

export function subtract(p: Parser, tok: Token, left: Expr, right: Expr): Expr {
  left = promote(decay(left));
  right = promote(decay(right));
  if (isArithmetic(left.type) && isArithmetic(right.type)) return arithmetic(p, tok, "-", left, right);
  if (isErrorNode(left) || isErrorNode(right)) return errorNode(tok);
  if (isPointer(left.type) && isInteger(right.type)) {
    return binary("-", tok, left, scaled(tok, right, pointerElementSize(p, tok, left.type)), left.type);
  }
  if (isPointer(left.type) && isPointer(right.type)) {
    if (!sameType(left.type.base, right.type.base)) {
      p.reporter.error(
        tok,
        `invalid operands to binary '-' (have '${typeName(left.type)}' and '${typeName(right.type)}')`,
      );
    }
    const size = pointerElementSize(p, tok, left.type);
    const difference = binary("-", tok, castTo(left, intType), castTo(right, intType), intType);
    if (size === 1) return difference;
    const divisor = typeof size === "number" ? numberNode(tok, size) : castTo(size, intType);
    return binary("/", tok, difference, divisor, intType);
  }
  p.reporter.error(
    tok,
    `invalid operands to binary '-' (have '${typeName(left.type)}' and '${typeName(right.type)}')`,
  );
  return errorNode(tok);
}

function isNullPointerConstant(e: Expr): boolean {
  let inner = e;
  while (inner.kind === "cast" && (isInteger(inner.type) || isVoidPointer(inner.type))) inner = inner.operand;
  return inner.kind === "number" && Number(inner.value) === 0 && isInteger(inner.type) &&
    (isInteger(e.type) || isVoidPointer(e.type));
}

function isVoidPointer(t: Type): boolean {
  return t.kind === "pointer" && t.base.kind === "void";
}

/** `==`, `!=`, `<`, `<=`, `>`, `>=`: integers after the usual conversions, or two pointers (compared unsigned). */
export function compare(p: Parser, tok: Token, op: BinaryOp, left: Expr, right: Expr): Expr {
  left = promote(decay(left));
  right = promote(decay(right));
  if (isErrorNode(left) || isErrorNode(right)) return errorNode(tok);
  if (isArithmetic(left.type) && isArithmetic(right.type)) {
    const type = usualArithmeticType(p, tok, op, left, right) ?? intType;
    return binary(op, tok, castTo(left, type), castTo(right, type), intType);
  }
  if (isPointer(left.type) && isPointer(right.type)) {
    const compatible =
      sameType(left.type.base, right.type.base) || isVoidPointer(left.type) || isVoidPointer(right.type);
    if (!compatible) p.reporter.warning(tok, "comparison of distinct pointer types lacks a cast");
    return binary(op, tok, castTo(left, uintType), castTo(right, uintType), intType);
  }
  if (isPointer(left.type) || isPointer(right.type)) {
    const other = isPointer(left.type) ? right : left;
    if (!isInteger(other.type)) {
      p.reporter.error(
        tok,
        `invalid operands to binary '${op}' (have '${typeName(left.type)}' and '${typeName(right.type)}')`,
      );
    } else if (!isNullPointerConstant(other)) {
      p.reporter.warning(tok, "comparison between pointer and integer");
    }
    return binary(op, tok, castTo(left, uintType), castTo(right, uintType), intType);
  }
  p.reporter.error(
    tok,
    `invalid operands to binary '${op}' (have '${typeName(left.type)}' and '${typeName(right.type)}')`,
  );
  return errorNode(tok);
}

/** Converts a scalar condition to an `int` that is 0 or 1 only when the code generator needs it. */
export function condition(p: Parser, e: Expr): Expr {
  const c = promote(decay(e));
  requireScalar(p, c, "a condition");
  if (isFloat(c.type) || isWide(c.type)) return compare(p, c.tok, "!=", c, numberNode(c.tok, 0));
  return c;
}

/**
 * Converts `e` to `target` as if by assignment, reporting what gcc reports:
 * errors for impossible conversions, warnings for pointer/integer mixes.
 * `context` starts the messages, such as "assignment to".
 */
export function convertForAssignment(p: Parser, tok: Token, e: Expr, target: Type, context: string): Expr {
  return convertAsIfAssigned(p, tok, e, target, context, 0, undefined);
}

/**
 * Converts argument `index` (0-based) of a call to its parameter type as
 * convertForAssignment does. `callee` is the called function's name, or
 * undefined for a call through a pointer.
 */
export function convertArgument(p: Parser, tok: Token, e: Expr, target: Type, index: number, callee: string | undefined): Expr {
  return convertAsIfAssigned(p, tok, e, target, undefined, index, callee);
}

/**
 * Returns the start of a conversion's messages. An argument's is only
 * spelled out when a message needs it, because calls pass many arguments
 * and report nothing about almost all of them.
 */
function conversionContext(context: string | undefined, index: number, callee: string | undefined): string {
  return context ?? `passing argument ${index + 1} of ${callee ? `function '${callee}'` : "function"} as`;
}

function convertAsIfAssigned(
  p: Parser, tok: Token, e: Expr, target: Type, context: string | undefined, index: number, callee: string | undefined,
): Expr {
  const value = decay(e);
  const from = value.type;
  if (isErrorNode(value)) return value;
  if (target.kind === "struct") {
    if (from !== target) {
      p.reporter.error(tok, `incompatible types when ${conversionContext(context, index, callee)} type '${typeName(target)}' from type '${typeName(from)}'`);
    }
    return value;
  }
  if (isArithmetic(target)) {
    if (isArithmetic(from)) return castTo(value, target);
    if (isPointer(from) && isInteger(target) && target.rank === "bool") return castTo(value, target);
    if (isPointer(from) && isInteger(target)) {
      p.reporter.warning(tok, `${conversionContext(context, index, callee)} '${typeName(target)}' from '${typeName(from)}' makes integer from pointer without a cast`);
      return castTo(value, target);
    }
  }
  if (isPointer(target)) {
    if (isPointer(from)) {
      const compatible =
        sameType(target.base, from.base) || isVoidPointer(target) || isVoidPointer(from) ||
        (isInteger(target.base) && isInteger(from.base) && target.base.size === from.base.size &&
          target.base.rank === from.base.rank);
      if (!compatible) {
        p.reporter.warning(tok, `${conversionContext(context, index, callee)} '${typeName(target)}' from incompatible pointer type '${typeName(from)}'`);
      }
      return castTo(value, target);
    }
    if (isInteger(from)) {
      if (!isNullPointerConstant(value)) {
        p.reporter.warning(tok, `${conversionContext(context, index, callee)} '${typeName(target)}' from '${typeName(from)}' makes pointer from integer without a cast`);
      }
      return castTo(value, target);
    }
  }
  p.reporter.error(tok, `incompatible types when ${conversionContext(context, index, callee)} type '${typeName(target)}' from type '${typeName(from)}'`);
  return castTo(numberNode(tok, 0), target);
}

/**
 * Returns a copy of the number node `e` at `tok`, with the same fields in
 * the same order as `{ ...e, tok }`. Spelled out, because constant casts are
 * common and a CPU profile of Node 20 showed object spreads far slower than
 * literals.
 */
function numberAt(e: ExprOf<"number">, tok: Token): Expr {
  if (e.extended === undefined && !("extended" in e)) return { kind: "number", value: e.value, type: e.type, tok };
  return { kind: "number", value: e.value, type: e.type, tok, extended: e.extended };
}

/** Checks an explicit cast `(type) e`. */
export function explicitCast(p: Parser, tok: Token, e: Expr, target: Type): Expr {
  const value = decay(e);
  if (target.kind === "void") return { kind: "cast", operand: value, type: target, tok };
  if (!isScalar(target)) {
    p.reporter.error(tok, `conversion to non-scalar type '${typeName(target)}' requested`);
    return value;
  }
  if (!isScalar(value.type)) {
    p.reporter.error(tok, `cannot convert a value of type '${typeName(value.type)}' to '${typeName(target)}'`);
    return castTo(numberNode(tok, 0), target);
  }
  if (isFloat(target) && isPointer(value.type)) {
    p.reporter.error(tok, `pointer value used where a floating-point value was expected (cast to '${typeName(target)}')`);
    return castTo(numberNode(tok, 0), target);
  }
  if (isPointer(target) && isFloat(value.type)) {
    p.reporter.error(tok, `cannot convert a value of type '${typeName(value.type)}' to pointer type '${typeName(target)}'`);
    return castTo(numberNode(tok, 0), target);
  }
  const folded = foldConversion(value, target);
  if (folded?.kind === "number") return numberAt(folded, tok);
  return { kind: "cast", operand: value, type: target, tok };
}

export function isLvalue(e: Expr): boolean {
  return e.kind === "variable" || e.kind === "deref" || e.kind === "string" ||
    (e.kind === "member" && isLvalue(e.base));
}
