// Walks over a function body. One finds the variables whose address is
// taken, which must stay in memory because a pointer may read or write them.
// The other finds the types the back end does not cover, before any work is
// spent on lowering the function. A third measures how deeply statements
// nest, which decides whether the optimiser's recursive walks may take them.
import type { Expr, FunctionDefinition, Stmt, Variable } from "../ast";
import { isFloat, type Type } from "../types";
import { forEachChildExpr } from "./lower";

/** Returns why the back end cannot take a value of type `t`, or undefined. */
export function unsupportedType(t: Type): string | undefined {
  if (isFloat(t)) return "uses a floating-point value";
  return undefined;
}

/** Returns why the back end cannot take `fn` because of the types it uses, or undefined. */
export function findUnsupportedTypes(fn: FunctionDefinition): string | undefined {
  return unsupportedSignature(fn) ?? unsupportedTypeIn(fn.body);
}

/** Returns why the back end cannot take `fn` because of the types of its result, parameters or locals, or undefined. */
export function unsupportedSignature(fn: FunctionDefinition): string | undefined {
  let reason = unsupportedType(fn.symbol.type.returnType);
  for (const v of fn.params) reason ??= unsupportedType(v.type);
  for (const v of fn.locals) reason ??= unsupportedType(v.type);
  return reason;
}

/**
 * Returns why the back end cannot take `s` because of the type of an expression in it, asm operands
 * included, or undefined. The walk visits each node before its children and stops at the first such type.
 */
export function unsupportedTypeIn(s: Stmt): string | undefined {
  let reason: string | undefined;
  const expr = (e: Expr): void => {
    if (reason) return;
    reason = unsupportedType(e.type);
    if (e.kind === "statementExpression") stmt(e.body);
    forEachChildExpr(e, expr);
  };
  const stmt = (x: Stmt): void => {
    if (!reason) forEachChild(x, expr, stmt);
  };
  stmt(s);
  return reason;
}

/**
 * The deepest statement nesting that the optimiser takes. Its walks of the
 * AST recurse at least once per level. How deep V8 lets them go before a
 * RangeError depends on whether their code is still interpreted. In Node
 * 20, an else-if chain of 2,000 branches overflowed the stack in a fresh
 * process but not after a few files had been compiled. A fixed limit, half
 * that, makes the choice of back end the same in every process.
 */
export const MAX_OPTIMISED_DEPTH = 1000;

/**
 * Tells whether `body` nests statements more than `limit` levels deep.
 * Each else-if counts as a level, because it is the else branch of the if
 * before it. The walk keeps its own stack, so it cannot overflow.
 * NOTE: it does not look into expressions, because a walk of every node
 * took about 6 ms per compile of a 7,575-line file. Expressions add to
 * the recursion, though: 900 else-ifs around a chain of 1,999 `&&`
 * operators still overflowed the stack only in a fresh process.
 */
export function nestsDeeperThan(body: Stmt, limit: number): boolean {
  // Each statement waits in `pending` with its level in `levels`.
  const pending: Stmt[] = [body];
  const levels: number[] = [1];
  while (pending.length > 0) {
    const s = pending.pop()!;
    const level = levels.pop()!;
    if (level > limit) return true;
    const inner = level + 1;
    switch (s.kind) {
      case "block":
        for (const child of s.body) {
          pending.push(child);
          levels.push(inner);
        }
        break;
      case "if":
        pending.push(s.then);
        levels.push(inner);
        if (s.otherwise) {
          pending.push(s.otherwise);
          levels.push(inner);
        }
        break;
      case "loop":
        if (s.init) {
          pending.push(s.init);
          levels.push(inner);
        }
        pending.push(s.body);
        levels.push(inner);
        break;
      case "switch": case "label":
        pending.push(s.body);
        levels.push(inner);
        break;
    }
  }
  return false;
}

function forEachChild(s: Stmt, expr: (e: Expr) => void, stmt: (s: Stmt) => void): void {
  switch (s.kind) {
    case "block": s.body.forEach(stmt); return;
    case "expr": expr(s.expr); return;
    case "if": expr(s.condition); stmt(s.then); if (s.otherwise) stmt(s.otherwise); return;
    case "loop":
      if (s.init) stmt(s.init);
      if (s.condition) expr(s.condition);
      if (s.step) expr(s.step);
      stmt(s.body);
      return;
    case "switch": expr(s.value); stmt(s.body); return;
    case "label": stmt(s.body); return;
    case "goto": if (s.target) expr(s.target); return;
    case "return": if (s.value) expr(s.value); return;
    case "asm": for (const o of [...s.asm.outputs, ...s.asm.inputs]) expr(o.expr); return;
    case "empty": return;
  }
}

export function collectAddressTaken(body: Stmt): Set<Variable> {
  const addressTaken = new Set<Variable>();
  collectAddressTakenInto(body, addressTaken);
  return addressTaken;
}

/** Adds the variables whose address `body` takes to `addressTaken`, as collectAddressTaken finds them. */
export function collectAddressTakenInto(body: Stmt, addressTaken: Set<Variable>): void {
  const expr = (e: Expr): void => {
    if (e.kind === "addr") markLvalue(e.operand, addressTaken);
    // The callee writes a struct result through a pointer to this slot.
    if (e.kind === "call" && e.resultSlot) addressTaken.add(e.resultSlot);
    if (e.kind === "statementExpression") stmt(e.body);
    forEachChildExpr(e, expr);
  };
  const stmt = (s: Stmt): void => {
    if (s.kind === "asm") for (const o of [...s.asm.outputs, ...s.asm.inputs]) markLvalue(o.expr, addressTaken);
    forEachChild(s, expr, stmt);
  };
  stmt(body);
}

/** Marks the variable an lvalue names, directly or through member accesses. */
export function markLvalue(e: Expr, taken: Set<Variable>): void {
  if (e.kind === "variable") taken.add(e.variable);
  else if (e.kind === "member") markLvalue(e.base, taken);
  else if (e.kind === "cast") markLvalue(e.operand, taken);
}
