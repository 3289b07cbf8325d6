// A walk over a function body that finds the variables whose address is
// taken: they must stay in memory, since a pointer may read or write them.
import type { Expr, Stmt, Variable } from "../ast";
import { childExprs } from "./lower";

export function collectAddressTaken(body: Stmt): Set<Variable> {
  const taken = new Set<Variable>();
  const expr = (e: Expr): void => {
    if (e.kind === "addr") markLvalue(e.operand, taken);
    if (e.kind === "statementExpression") stmt(e.body);
    for (const child of childExprs(e)) expr(child);
  };
  const stmt = (s: Stmt): void => {
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
      case "asm":
        for (const o of [...s.asm.outputs, ...s.asm.inputs]) { markLvalue(o.expr, taken); expr(o.expr); }
        return;
      case "empty": return;
    }
  };
  stmt(body);
  return taken;
}

/** Marks the variable an lvalue names, directly or through member accesses. */
function markLvalue(e: Expr, taken: Set<Variable>): void {
  if (e.kind === "variable") taken.add(e.variable);
  else if (e.kind === "member") markLvalue(e.base, taken);
  else if (e.kind === "cast") markLvalue(e.operand, taken);
}
