// Constant evaluation: integer constant expressions (array sizes, enumerator
// values, case labels) and the address constants of static initializers.
import { functionSymbolName, type Expr } from "../ast";
import { isFloat, isInteger, type FloatType, type Type } from "../types";
import { conditionalExpression } from "./expressions";
import type { Parser } from "./parser";

/** Wraps a mathematical integer to the values of an integer or pointer type. */
export function wrapToType(value: bigint, type: Type): bigint {
  if (type.kind === "integer" && type.rank === "bool") return value !== 0n ? 1n : 0n;
  const bits = type.kind === "integer" ? type.size * 8 : 32;
  const unsigned = type.kind === "integer" ? type.unsigned : true;
  return unsigned ? BigInt.asUintN(bits, value) : BigInt.asIntN(bits, value);
}

/** Rounds a number to the values of a floating type. */
function roundToFloat(value: number, type: FloatType): number {
  // NOTE: long double constants are folded in double precision, where gcc keeps 64 mantissa bits.
  return type.rank === "float" ? Math.fround(value) : value;
}

// constant-expression = conditional
export function constantExpression(p: Parser, what: string): number {
  const e = conditionalExpression(p);
  const value = evaluateInteger(e);
  if (value === undefined) {
    p.reporter.error(e.tok, `${what} is not an integer constant expression`);
    return 0;
  }
  return value;
}

/** The value of an integer constant expression, or undefined when `e` is not one. */
export function evaluateInteger(e: Expr): number | undefined {
  const value = evaluateWideInteger(e);
  return value === undefined ? undefined : Number(value);
}

/** Returns the exact value of an integer constant expression of any integer type, or undefined when `e` is not one. */
export function evaluateWideInteger(e: Expr): bigint | undefined {
  if (!isInteger(e.type)) return undefined;
  const value = evaluate(e);
  return value && value.symbol === undefined && value.float === undefined ? value.value : undefined;
}

/**
 * A constant: an integer, an address (a symbol plus a byte offset in
 * `value`), or a floating value in `float` (with `value` 0n).
 */
export interface ConstantValue {
  symbol: string | undefined;
  value: bigint;
  float?: number;
  /** The exact bytes of a long double constant that `float` only approximates. */
  extended?: Uint8Array;
}

function integerConstant(value: bigint): ConstantValue {
  return { symbol: undefined, value };
}

function floatConstant(value: number): ConstantValue {
  return { symbol: undefined, value: 0n, float: value };
}

/** Evaluates an initializer of static storage: numbers, or addresses of objects, functions and strings. */
export function evaluate(e: Expr): ConstantValue | undefined {
  switch (e.kind) {
    case "number":
      if (isFloat(e.type)) return { ...floatConstant(Number(e.value)), extended: e.extended };
      return integerConstant(wrapToType(BigInt(e.value), e.type));
    case "cast":
      return evaluateCast(e.operand, e.type);
    case "addr":
      return evaluateAddress(e.operand);
    case "labelAddress":
      return { symbol: e.label, value: 0n };
    case "unary":
      return evaluateUnary(e.op, e.operand, e.type);
    case "binary":
      return evaluateBinary(e);
    case "logical": {
      const left = evaluateTruth(e.left);
      if (left === undefined) return undefined;
      if (e.op === "&&" && !left) return integerConstant(0n);
      if (e.op === "||" && left) return integerConstant(1n);
      const right = evaluateTruth(e.right);
      return right === undefined ? undefined : integerConstant(right ? 1n : 0n);
    }
    case "conditional": {
      const c = evaluateTruth(e.condition);
      if (c === undefined) return undefined;
      return evaluate(c ? e.then : e.otherwise);
    }
    default:
      return undefined;
  }
}

function evaluateCast(operand: Expr, type: Type): ConstantValue | undefined {
  const inner = evaluate(operand);
  if (!inner || type.kind === "void") return undefined;
  if (inner.symbol !== undefined) return type.size === 4 && !isFloat(type) ? inner : undefined;
  if (isFloat(type)) return floatConstant(roundToFloat(inner.float ?? Number(inner.value), type));
  if (inner.float === undefined) return integerConstant(wrapToType(inner.value, type));
  if (type.kind === "integer" && type.rank === "bool") return integerConstant(inner.float !== 0 ? 1n : 0n);
  if (!Number.isFinite(inner.float)) return undefined;
  return integerConstant(wrapToType(BigInt(Math.trunc(inner.float)), type));
}

/** Returns the truth of a scalar constant as 1 or 0; an address is true. */
function evaluateTruth(e: Expr): number | undefined {
  const v = evaluate(e);
  if (!v) return undefined;
  if (v.symbol !== undefined) return 1;
  if (v.float !== undefined) return v.float !== 0 ? 1 : 0;
  return v.value !== 0n ? 1 : 0;
}

function evaluateUnary(op: string, operand: Expr, type: Type): ConstantValue | undefined {
  if (op === "lognot") {
    const truth = evaluateTruth(operand);
    return truth === undefined ? undefined : integerConstant(truth ? 0n : 1n);
  }
  const v = evaluate(operand);
  if (!v || v.symbol !== undefined) return undefined;
  if (v.float !== undefined && op === "neg") {
    const negated = floatConstant(-v.float);
    if (!v.extended) return negated;
    const extended = v.extended.slice();
    extended[9] ^= 0x80;
    return { ...negated, extended };
  }
  if (v.float !== undefined) return undefined;
  let result = v.value;
  if (op === "neg") result = -v.value;
  else if (op === "bitnot") result = ~v.value;
  return integerConstant(wrapToType(result, type));
}

function evaluateBinary(e: Extract<Expr, { kind: "binary" }>): ConstantValue | undefined {
  const left = evaluate(e.left);
  const right = evaluate(e.right);
  if (!left || !right) return undefined;
  if (left.symbol !== undefined || right.symbol !== undefined) {
    if (e.op === "+" && right.symbol === undefined) return { symbol: left.symbol, value: left.value + right.value };
    if (e.op === "+" && left.symbol === undefined) return { symbol: right.symbol, value: left.value + right.value };
    if (e.op === "-" && right.symbol === undefined) return { symbol: left.symbol, value: left.value - right.value };
    return undefined;
  }
  if (left.float !== undefined || right.float !== undefined) {
    const value = foldFloat(e.op, left.float ?? Number(left.value), right.float ?? Number(right.value));
    if (value === undefined) return undefined;
    if (isFloat(e.type)) return floatConstant(roundToFloat(value, e.type));
    return Number.isFinite(value) ? integerConstant(wrapToType(BigInt(Math.trunc(value)), e.type)) : undefined;
  }
  const value = foldBinary(e.op, wrapToType(left.value, e.left.type), wrapToType(right.value, e.left.type), e.left.type);
  return value === undefined ? undefined : integerConstant(wrapToType(value, e.type));
}

function foldFloat(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return a / b;
    case "==": return a === b ? 1 : 0;
    case "!=": return a !== b ? 1 : 0;
    case "<": return a < b ? 1 : 0;
    case "<=": return a <= b ? 1 : 0;
    case ">": return a > b ? 1 : 0;
    case ">=": return a >= b ? 1 : 0;
    default: return undefined;
  }
}

/** Folds a binary operator on integer operands already converted to `operandType`; undefined on division by zero. */
export function foldBinary(op: string, a: bigint, b: bigint, operandType: Type): bigint | undefined {
  const bits = BigInt(operandType.size * 8);
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/":
      if (b === 0n) return undefined;
      return a / b;
    case "%":
      if (b === 0n) return undefined;
      return a % b;
    case "<<": return a << (b & (bits - 1n));
    case ">>": return a >> (b & (bits - 1n));
    case "&": return a & b;
    case "|": return a | b;
    case "^": return a ^ b;
    case "==": return a === b ? 1n : 0n;
    case "!=": return a !== b ? 1n : 0n;
    case "<": return a < b ? 1n : 0n;
    case "<=": return a <= b ? 1n : 0n;
    case ">": return a > b ? 1n : 0n;
    case ">=": return a >= b ? 1n : 0n;
    default: return undefined;
  }
}

function evaluateAddress(e: Expr): ConstantValue | undefined {
  switch (e.kind) {
    case "variable":
      return e.variable.isLocal ? undefined : { symbol: e.variable.asmName, value: 0n };
    case "function":
      return { symbol: functionSymbolName(e.fn), value: 0n };
    case "string":
      return { symbol: e.literal.label, value: 0n };
    case "member": {
      const base = evaluateAddress(e.base);
      return base && { symbol: base.symbol, value: base.value + BigInt(e.member.offset) };
    }
    case "deref":
      return evaluate(e.operand);
    default:
      return undefined;
  }
}
