// Walks over a function body. One finds the variables whose address is
// taken, which must stay in memory because a pointer may read or write them.
// The other finds the types the back end does not cover, before any work is
// spent on lowering the function.
import type { Expr, FunctionDefinition, Stmt, Variable } from "../ast";
import { isFloat, type Type } from "../types";
import { forEachChildExpr } from "./lower";

function unsupportedType(t: Type): string | undefined {
  if (isFloat(t)) return "uses a floating-point value";
  return undefined;
}

/** Returns why the back end cannot take `fn` because of the types it uses, or undefined. */
export function findUnsupportedTypes(fn: FunctionDefinition): string | undefined {
  return surveyFunction(fn).unsupported;
}

/** The facts that one walk over a function body gathers before inlining and lowering. */
export interface Survey {
  /** The reason the back end cannot take the function because of the types it uses, or undefined. */
  unsupported?: string;
  /**
   * True when the body names the function itself outside asm operands, as the inliner's callsItself
   * finds. Left false when `unsupported` is set, because the walk stops there.
   */
  callsItself: boolean;
}

/** Walks `fn`'s body once for what the back end checks before inlining: unsupported types and self-reference. */
export function surveyFunction(fn: FunctionDefinition): Survey {
  let reason = unsupportedType(fn.symbol.type.returnType);
  for (const v of [...fn.params, ...fn.locals]) reason ??= unsupportedType(v.type);
  if (reason) return { unsupported: reason, callsItself: false };
  let callsItself = false;
  // The inliner's walk skips asm operands, and so does the self-reference test here.
  let inAsm = false;
  const expr = (e: Expr): void => {
    if (reason) return;
    reason = unsupportedType(e.type);
    if (e.kind === "function" && e.fn === fn.symbol && !inAsm) callsItself = true;
    if (e.kind === "statementExpression") stmt(e.body);
    forEachChildExpr(e, expr);
  };
  const stmt = (s: Stmt): void => {
    if (reason) return;
    if (s.kind !== "asm") {
      forEachChild(s, expr, stmt);
      return;
    }
    // An operand may hold a statement expression with an asm statement of its own, so the flag is restored, not cleared.
    const outer = inAsm;
    inAsm = true;
    forEachChild(s, expr, stmt);
    inAsm = outer;
  };
  stmt(fn.body);
  return { unsupported: reason, callsItself };
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
