// Constant evaluation: integer constant expressions (array sizes, enumerator
// values, case labels) and the address constants of static initializers.
import type { Expr } from "../ast";
import { isInteger, type Type } from "../types";
import { conditionalExpression } from "./expressions";
import type { Parser } from "./parser";

/** Wraps a mathematical integer to the values of an integer or pointer type. */
export function wrapToType(value: number, type: Type): number {
  if (type.kind === "integer" && type.rank === "bool") return value !== 0 ? 1 : 0;
  const size = type.kind === "integer" ? type.size : 4;
  const unsigned = type.kind === "integer" ? type.unsigned : true;
  const bits = size * 8;
  if (bits >= 32) return unsigned ? value >>> 0 : value | 0;
  const shift = 32 - bits;
  return unsigned ? ((value << shift) >>> shift) : ((value << shift) >> shift);
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
  if (!isInteger(e.type)) return undefined;
  const value = evaluate(e);
  return value && value.symbol === undefined ? value.value : undefined;
}

/** An address constant: a symbol plus a byte offset, or a plain number when `symbol` is undefined. */
export interface ConstantValue {
  symbol: string | undefined;
  value: number;
}

/** Evaluates an initializer of static storage: integers, or addresses of objects, functions and strings. */
export function evaluate(e: Expr): ConstantValue | undefined {
  switch (e.kind) {
    case "number":
      return { symbol: undefined, value: wrapToType(e.value, e.type) };
    case "cast": {
      const inner = evaluate(e.operand);
      if (!inner) return undefined;
      if (inner.symbol !== undefined) return e.type.size === 4 ? inner : undefined;
      return { symbol: undefined, value: wrapToType(inner.value, e.type) };
    }
    case "addr":
      return evaluateAddress(e.operand);
    case "unary":
      return evaluateUnary(e.op, e.operand, e.type);
    case "binary":
      return evaluateBinary(e);
    case "logical": {
      const left = evaluateInteger(e.left) ?? evaluatePointerTruth(e.left);
      if (left === undefined) return undefined;
      if (e.op === "&&" && !left) return { symbol: undefined, value: 0 };
      if (e.op === "||" && left) return { symbol: undefined, value: 1 };
      const right = evaluateInteger(e.right) ?? evaluatePointerTruth(e.right);
      return right === undefined ? undefined : { symbol: undefined, value: right ? 1 : 0 };
    }
    case "conditional": {
      const c = evaluateInteger(e.condition);
      if (c === undefined) return undefined;
      return evaluate(c ? e.then : e.otherwise);
    }
    case "comma":
      return undefined;
    default:
      return undefined;
  }
}

function evaluatePointerTruth(e: Expr): number | undefined {
  const v = evaluate(e);
  if (!v) return undefined;
  return v.symbol !== undefined ? 1 : v.value ? 1 : 0;
}

function evaluateUnary(op: string, operand: Expr, type: Type): ConstantValue | undefined {
  const v = evaluateInteger(operand) ?? (op === "lognot" ? evaluatePointerTruth(operand) : undefined);
  if (v === undefined) return undefined;
  const result = op === "neg" ? -v : op === "bitnot" ? ~v : v ? 0 : 1;
  return { symbol: undefined, value: wrapToType(result, type) };
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
  const value = foldBinary(e.op, left.value, right.value, e.left.type);
  return value === undefined ? undefined : { symbol: undefined, value: wrapToType(value, e.type) };
}

/** Folds a binary operator on operands already converted to `operandType`. */
export function foldBinary(op: string, a: number, b: number, operandType: Type): number | undefined {
  const unsigned = operandType.kind !== "integer" || operandType.unsigned;
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return Math.imul(a, b);
    case "/":
      if (b === 0) return undefined;
      return Math.trunc(a / b);
    case "%":
      if (b === 0) return undefined;
      return a % b;
    case "<<": return a << (b & 31);
    case ">>": return unsigned ? a >>> (b & 31) : a >> (b & 31);
    case "&": return a & b;
    case "|": return a | b;
    case "^": return a ^ b;
    case "==": return a === b ? 1 : 0;
    case "!=": return a !== b ? 1 : 0;
    case "<": return a < b ? 1 : 0;
    case "<=": return a <= b ? 1 : 0;
    case ">": return a > b ? 1 : 0;
    case ">=": return a >= b ? 1 : 0;
    default: return undefined;
  }
}

function evaluateAddress(e: Expr): ConstantValue | undefined {
  switch (e.kind) {
    case "variable":
      return e.variable.isLocal ? undefined : { symbol: e.variable.asmName, value: 0 };
    case "function":
      return { symbol: e.fn.name, value: 0 };
    case "string":
      return { symbol: e.literal.label, value: 0 };
    case "member": {
      const base = evaluateAddress(e.base);
      return base && { symbol: base.symbol, value: base.value + e.member.offset };
    }
    case "deref":
      return evaluate(e.operand);
    default:
      return undefined;
  }
}
