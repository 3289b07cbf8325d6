// Statement code: control flow as compare-and-jump over `.L` labels.
import type { Expr, FunctionDefinition, Stmt } from "../ast";
import { isWide } from "../types";
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
      if (s.expr.kind === "allocateArray") {
        allocateArray(out, fn, s.expr);
        return;
      }
      genExpr(out, s.expr);
      discardValue(out, s.expr.type);
      return;
    case "empty":
      return;
    case "if":
      genIfChain(out, fn, s);
      return;
    case "loop":
      genLoop(out, fn, s);
      return;
    case "switch":
      genExpr(out, s.value);
      genSwitchDispatch(out, s);
      genStmt(out, fn, s.body);
      out.label(s.breakLabel);
      return;
    case "label":
      out.label(s.label);
      genStmt(out, fn, s.body);
      return;
    case "goto":
      if (s.target) {
        genExpr(out, s.target);
        out.ins("jmp", "*%eax");
      } else {
        out.ins("jmp", s.label);
      }
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

/** Emits an `if` and its `else if` continuations in a loop, so a chain of thousands of branches needs no deep recursion. */
function genIfChain(out: Emitter, fn: FunctionLabels, first: Extract<Stmt, { kind: "if" }>): void {
  const end = out.newLabel();
  for (let s = first; ;) {
    const otherwise = s.otherwise ? out.newLabel() : end;
    genExpr(out, s.condition);
    out.ins("testl", "%eax, %eax");
    out.ins("je", otherwise);
    genStmt(out, fn, s.then);
    if (!s.otherwise) break;
    out.ins("jmp", end);
    out.label(otherwise);
    if (s.otherwise.kind !== "if") {
      genStmt(out, fn, s.otherwise);
      break;
    }
    s = s.otherwise;
    out.sourceLine(s.tok);
  }
  out.label(end);
}

/**
 * Allocates a variable length array below the stack pointer, 16-byte
 * aligned. The stack pointer first returns to its value after the
 * previous array in scope, or to the bottom of the frame, so that running
 * the declaration again (in a loop, or after a backward goto) reuses the
 * space. At statement level nothing else is pushed, so this is safe.
 */
function allocateArray(out: Emitter, fn: FunctionLabels, e: Extract<Expr, { kind: "allocateArray" }>): void {
  const size = e.variable.type.kind === "array" ? e.variable.type.sizeVariable : undefined;
  if (!size) out.internalError(e.tok, "allocation of an array without a run-time size");
  if (e.previous) out.ins("movl", `${e.previous.offset}(%ebp), %esp`);
  else out.ins("leal", `${-fn.definition.frameSize}(%ebp), %esp`);
  out.ins("movl", `${size.offset}(%ebp), %eax`);
  out.ins("addl", "$15, %eax");
  out.ins("andl", "$-16, %eax");
  out.ins("subl", "%eax, %esp");
  out.ins("movl", `%esp, ${e.variable.offset}(%ebp)`);
}

/** Minimum case count for a jump table, and the maximum ratio of its range to the case count. */
const JUMP_TABLE_MIN_CASES = 4;
const JUMP_TABLE_MAX_DENSITY_RATIO = 3;

/**
 * Jumps from the switch value in %eax (or %edx:%eax) to its case label: an
 * indexed jump through a table in .rodata when the cases are dense, else a
 * compare and branch per case.
 */
function genSwitchDispatch(out: Emitter, s: Extract<Stmt, { kind: "switch" }>): void {
  const otherwise = s.defaultLabel ?? s.breakLabel;
  if (isWide(s.value.type)) {
    for (const c of s.cases) {
      const next = out.newLabel();
      out.ins("cmpl", `$${Number(BigInt.asIntN(32, c.value))}, %eax`);
      out.ins("jne", next);
      out.ins("cmpl", `$${Number(BigInt.asIntN(32, c.value >> 32n))}, %edx`);
      out.ins("je", c.label);
      out.label(next);
    }
    out.ins("jmp", otherwise);
    return;
  }
  const values = s.cases.map((c) => c.value);
  const min = values.reduce((a, b) => (b < a ? b : a), values[0] ?? 0n);
  const max = values.reduce((a, b) => (b > a ? b : a), values[0] ?? 0n);
  const range = Number(max - min) + 1;
  if (s.cases.length < JUMP_TABLE_MIN_CASES || range > s.cases.length * JUMP_TABLE_MAX_DENSITY_RATIO) {
    for (const c of s.cases) {
      out.ins("cmpl", `$${Number(BigInt.asIntN(32, c.value))}, %eax`);
      out.ins("je", c.label);
    }
    out.ins("jmp", otherwise);
    return;
  }
  // Rebase to 0, then one unsigned compare rejects values below min and above max.
  const table = out.newLabel();
  if (min !== 0n) out.ins("subl", `$${Number(BigInt.asIntN(32, min))}, %eax`);
  out.ins("cmpl", `$${range - 1}, %eax`);
  out.ins("ja", otherwise);
  out.ins("jmp", `*${table}(,%eax,4)`);
  const targets = new Array<string>(range).fill(otherwise);
  for (const c of s.cases) targets[Number(c.value - min)] = c.label;
  out.directive(".pushsection\t.rodata");
  out.directive(".align\t4");
  out.label(table);
  for (const target of targets) out.directive(`.long\t${target}`);
  out.directive(".popsection");
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
