// Variable length arrays. A VLA type records a hidden local that contains
// its size in bytes, and the assignment computing it runs where the type is
// declared. A VLA object is a hidden pointer slot: its declaration
// allocates the array on the stack (`allocateArray`) and stores the address
// there, and the code generator reads the address from the slot.
import type { Expr, Stmt, Variable } from "../ast";
import type { Token } from "../token";
import { isInteger, isVariableLengthArray, typeName, uintType, variableLengthArrayOf, voidType, type ArrayType, type Type } from "../types";
import { arithmetic, castTo, numberNode, promote } from "./conversions";
import { assign, assignment, newTemporary } from "./expressions";
import type { Parser } from "./parser";

/** The scope entry naming the latest VLA allocated in a scope; the space makes it no C identifier. */
const LATEST_ARRAY = " latest variable length array";

/** Checks a non-constant array size: it must be an integer, and only a block-scope declaration may have one. */
export function checkRuntimeArraySize(p: Parser, tok: Token, size: Expr): boolean {
  if (!p.fn) {
    p.reporter.error(tok, "array size is not an integer constant expression (variable length arrays are allowed only inside functions)");
    return false;
  }
  if (!isInteger(size.type)) {
    p.reporter.error(tok, `size of array has non-integer type '${typeName(size.type)}'`);
    return false;
  }
  return true;
}

function variableNode(variable: Variable, tok: Token): Expr {
  return { kind: "variable", variable, type: variable.type, tok };
}

/** Builds the size in bytes of a complete type as an `unsigned int` expression, read at run time for a VLA. */
export function sizeExpression(type: Type, tok: Token): Expr {
  if (type.kind === "array" && type.sizeVariable) return variableNode(type.sizeVariable, tok);
  return numberNode(tok, type.size, uintType);
}

/** Makes the type `element[count]` whose size is computed at run time, queuing the computation. */
export function variableLengthArray(p: Parser, tok: Token, element: Type, count: Expr | number): ArrayType {
  const fn = p.fn;
  if (!fn) p.reporter.internalError(tok, "a variable length array outside a function");
  const sizeVariable = newTemporary(p, uintType, tok);
  const countExpr = typeof count === "number" ? numberNode(tok, count, uintType) : castTo(promote(count), uintType);
  const bytes = arithmetic(p, tok, "*", countExpr, sizeExpression(element, tok));
  fn.pendingArraySizes ??= [];
  fn.pendingArraySizes.push(assign(p, tok, variableNode(sizeVariable, tok), bytes));
  return variableLengthArrayOf(element, sizeVariable);
}

/** Removes and returns the size computations queued since the last call. */
export function takePendingArraySizes(p: Parser): Expr[] {
  const pending = p.fn?.pendingArraySizes ?? [];
  if (p.fn) p.fn.pendingArraySizes = [];
  return pending;
}

/** Prefixes `e` with the queued size computations, as comma expressions. */
export function withPendingArraySizes(p: Parser, e: Expr): Expr {
  let result = e;
  for (const size of takePendingArraySizes(p).reverse()) {
    result = { kind: "comma", left: size, right: result, type: result.type, tok: result.tok };
  }
  return result;
}

/** Declares the automatic VLA `variable`: its pointer slot and the allocation statement. */
export function allocateArray(p: Parser, variable: Variable): Expr[] {
  if (p.is("=")) p.reporter.fail(p.tok, `variable-sized object '${variable.name}' may not be initialized`);
  const latest = p.lookup(LATEST_ARRAY);
  const previous = latest?.kind === "variable" ? latest.variable : undefined;
  p.declare(LATEST_ARRAY, { kind: "variable", variable });
  p.fn!.locals.push(variable);
  return [{ kind: "allocateArray", variable, previous, type: voidType, tok: variable.tok }];
}

/**
 * Makes the type `element[size]` for an inner dimension of a parameter
 * whose size names other parameters. The size is read back from the tokens
 * between `start` and `end` at the start of the function body.
 */
export function deferredParameterArray(p: Parser, tok: Token, element: Type, start: number, end: number): ArrayType {
  const sizeVariable: Variable = {
    name: "", type: uintType, tok, isLocal: true, offset: 0, asmName: "", isStatic: false, isExtern: false,
    isDefinition: true,
  };
  p.deferredArraySizes.push({ sizeVariable, element, start, end, tok });
  return variableLengthArrayOf(element, sizeVariable);
}

/**
 * Computes the deferred parameter array sizes of the function being
 * defined, as statements for the start of its body. Call it once the
 * parameters are in scope.
 */
export function deferredParameterSizes(p: Parser): Stmt[] {
  const deferred = p.deferredArraySizes;
  p.deferredArraySizes = [];
  const resume = p.position;
  const stmts: Stmt[] = [];
  for (const entry of deferred) {
    p.fn!.locals.push(entry.sizeVariable);
    p.position = entry.start;
    while (p.is("static") || p.is("const") || p.is("volatile") || p.is("restrict")) p.next();
    const count = assignment(p);
    if (p.position !== entry.end) p.reporter.error(p.tok, "expected ']' after the array size");
    if (!isInteger(count.type)) {
      p.reporter.error(entry.tok, `size of array has non-integer type '${typeName(count.type)}'`);
      continue;
    }
    const bytes = arithmetic(p, entry.tok, "*", castTo(promote(count), uintType), sizeExpression(entry.element, entry.tok));
    const expr = assign(p, entry.tok, variableNode(entry.sizeVariable, entry.tok), bytes);
    stmts.push({ kind: "expr", tok: entry.tok, expr, isDeclaration: true });
  }
  p.position = resume;
  return stmts;
}
