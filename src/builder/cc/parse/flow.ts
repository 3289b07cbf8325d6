// Warnings that need a whole function body, worded as gcc -Wall words them:
// control reaching the end of a non-void function, and unused locals.
import type { Expr, FunctionSymbol, Stmt, Variable } from "../ast";
import { evaluateInteger } from "./constants";
import type { Parser } from "./parser";

export function warnAtFunctionEnd(p: Parser, fn: FunctionSymbol, body: Stmt, params: Variable[]): void {
  // After an error, recovery may have skipped the statements that use a
  // variable or return, so these warnings would be noise.
  if (p.reporter.errorCount > 0) return;
  for (const local of p.fn!.locals) {
    if (local.name !== "" && !local.isReferenced && !params.includes(local)) {
      p.reporter.warning(local.tok, `unused variable '${local.name}'`);
    }
  }
  const returnsValue = fn.type.returnType.kind !== "void";
  if (returnsValue && fn.name !== "main" && !fn.isNoreturn && mayFallThrough(body, new Set())) {
    const end = closingBrace(p);
    p.reporter.warning(end, "control reaches end of non-void function");
  }
}

/** Returns the `}` that ends the body just parsed. */
function closingBrace(p: Parser) {
  return p.peek(-1);
}

/**
 * True when control may reach the end of `s`. Conservative in gcc's
 * direction: a loop with a constant true condition and no `break` does not
 * fall through, a call to a noreturn function does not return, and a
 * labeled statement may be reached by a jump, so it counts as reachable.
 */
function mayFallThrough(s: Stmt, breakLabels: Set<string>): boolean {
  switch (s.kind) {
    case "block": {
      let reachable = true;
      for (const child of s.body) {
        if (child.kind === "label") reachable = true;
        if (reachable) reachable = mayFallThrough(child, breakLabels);
        else if (containsLabel(child)) reachable = mayFallThrough(child, breakLabels);
      }
      return reachable;
    }
    case "return":
      return false;
    case "goto":
      return false;
    case "expr":
      return !callsNoreturn(s.expr);
    case "if": {
      // Walks an `else if` chain in a loop: it may be thousands of branches long.
      let branch: Stmt = s;
      while (branch.kind === "if") {
        if (!branch.otherwise || mayFallThrough(branch.then, breakLabels)) return true;
        branch = branch.otherwise;
      }
      return mayFallThrough(branch, breakLabels);
    }
    case "loop": {
      const infinite = s.condition === undefined || evaluateInteger(s.condition) !== undefined && evaluateInteger(s.condition) !== 0;
      return !infinite || containsJumpTo(s.body, s.breakLabel);
    }
    case "switch":
      return s.defaultLabel === undefined || containsJumpTo(s.body, s.breakLabel) || mayFallThrough(s.body, breakLabels);
    case "label":
      return mayFallThrough(s.body, breakLabels);
    default:
      return true;
  }
}

/** Library functions that never return, which gcc treats as builtins even without a noreturn declaration. */
const NORETURN_LIBRARY = new Set(["exit", "_Exit", "abort", "quick_exit", "longjmp", "__builtin_unreachable", "__builtin_trap"]);

function callsNoreturn(e: Expr): boolean {
  if (e.kind === "call") {
    const callee = e.callee.kind === "addr" ? e.callee.operand : e.callee;
    return callee.kind === "function" && (callee.fn.isNoreturn === true || NORETURN_LIBRARY.has(callee.fn.name));
  }
  if (e.kind === "cast") return callsNoreturn(e.operand);
  if (e.kind === "comma") return callsNoreturn(e.left) || callsNoreturn(e.right);
  return false;
}

/**
 * True when `s` or a statement inside it satisfies `test`; walks with a work
 * list, as an `else if` chain may be thousands deep. Children go on the
 * list directly, with no array per statement.
 */
function containsStatement(s: Stmt, test: (s: Stmt) => boolean): boolean {
  const pending = [s];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (test(next)) return true;
    switch (next.kind) {
      case "block":
        for (const child of next.body) pending.push(child);
        break;
      case "if":
        pending.push(next.then);
        if (next.otherwise) pending.push(next.otherwise);
        break;
      case "loop":
        if (next.init) pending.push(next.init);
        pending.push(next.body);
        break;
      case "switch":
      case "label":
        pending.push(next.body);
        break;
    }
  }
  return false;
}

function containsLabel(s: Stmt): boolean {
  return containsStatement(s, (c) => c.kind === "label");
}

function containsJumpTo(s: Stmt, label: string): boolean {
  return containsStatement(s, (c) => c.kind === "goto" && c.label === label);
}
