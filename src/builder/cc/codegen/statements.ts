// Statement code: control flow as compare-and-jump over `.L` labels.
import type { FunctionDefinition, Stmt } from "../ast";
import { copyMemory, discardValue, genExpr } from "./expressions";
import { genAsm } from "./asm";
import type { Emitter } from "./emitter";

export interface FunctionLabels {
  definition: FunctionDefinition;
  returnLabel: string;
}

export function genStmt(out: Emitter, fn: FunctionLabels, s: Stmt): void {
  if (s.kind !== "block" && s.kind !== "label") out.sourceLine(s.tok);
  switch (s.kind) {
    case "block":
      for (const child of s.body) genStmt(out, fn, child);
      return;
    case "expr":
      genExpr(out, s.expr);
      discardValue(out, s.expr.type);
      return;
    case "empty":
      return;
    case "if": {
      const otherwise = out.newLabel();
      const end = out.newLabel();
      genExpr(out, s.condition);
      out.ins("testl", "%eax, %eax");
      out.ins("je", s.otherwise ? otherwise : end);
      genStmt(out, fn, s.then);
      if (s.otherwise) {
        out.ins("jmp", end);
        out.label(otherwise);
        genStmt(out, fn, s.otherwise);
      }
      out.label(end);
      return;
    }
    case "loop":
      genLoop(out, fn, s);
      return;
    case "switch":
      genExpr(out, s.value);
      for (const c of s.cases) {
        out.ins("cmpl", `$${c.value}, %eax`);
        out.ins("je", c.label);
      }
      out.ins("jmp", s.defaultLabel ?? s.breakLabel);
      genStmt(out, fn, s.body);
      out.label(s.breakLabel);
      return;
    case "label":
      out.label(s.label);
      genStmt(out, fn, s.body);
      return;
    case "goto":
      out.ins("jmp", s.label);
      return;
    case "asm":
      genAsm(out, s.tok, s.asm);
      return;
    case "return":
      if (s.value) {
        genExpr(out, s.value);
        if (s.value.type.kind === "struct") {
          out.ins("movl", "8(%ebp), %ecx");
          copyMemory(out, s.value.type.size);
          out.ins("movl", "%ecx, %eax");
        }
      }
      out.ins("jmp", fn.returnLabel);
      return;
  }
}

function genLoop(out: Emitter, fn: FunctionLabels, s: Extract<Stmt, { kind: "loop" }>): void {
  if (s.init) genStmt(out, fn, s.init);
  const top = out.newLabel();
  if (s.testAfter) {
    out.label(top);
    genStmt(out, fn, s.body);
    out.label(s.continueLabel);
    if (s.condition) {
      genExpr(out, s.condition);
      out.ins("testl", "%eax, %eax");
      out.ins("jne", top);
    } else {
      out.ins("jmp", top);
    }
    out.label(s.breakLabel);
    return;
  }
  out.label(top);
  if (s.condition) {
    genExpr(out, s.condition);
    out.ins("testl", "%eax, %eax");
    out.ins("je", s.breakLabel);
  }
  genStmt(out, fn, s.body);
  out.label(s.continueLabel);
  if (s.step) {
    genExpr(out, s.step);
    discardValue(out, s.step.type);
  }
  out.ins("jmp", top);
  out.label(s.breakLabel);
}
