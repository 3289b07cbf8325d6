// Statements and blocks of a function body.
import type { Expr, Stmt } from "../ast";
import { SyntaxRecovery } from "../errors";
import type { Token } from "../token";
import { isInteger, isPointer, pointerTo, typeName, voidType } from "../types";
import { condition, convertForAssignment, decay, numberNode, promote } from "./conversions";
import { asmStatement, isAsmKeyword } from "./asm";
import { atAttribute, parseAttributes } from "./attributes";
import { evaluateWideInteger, wrapToType } from "./constants";
import { isTypeName, staticAssertion } from "./declarations";
import { conditionalExpression, expression } from "./expressions";
import { localDeclaration } from "./locals";
import { KEYWORDS, type Parser, type SwitchContext } from "./parser";

/**
 * attribute-statement = attribute-list ";"   (such as `__attribute__((fallthrough));`)
 * Consumes one and returns true, or leaves the cursor where it was, before
 * a declaration that starts with attributes.
 */
function attributeStatement(p: Parser): boolean {
  if (!atAttribute(p)) return false;
  const start = p.position;
  parseAttributes(p);
  if (p.consume(";")) return true;
  p.position = start;
  return false;
}

// compound-statement = "{" (declaration | statement)* "}"
export function compoundStatement(p: Parser, ownScope = true): Stmt {
  const tok = p.expect("{");
  const body: Stmt[] = [];
  if (ownScope) p.enterScope();
  while (!p.is("}")) {
    if (p.atEof()) {
      p.reporter.error(p.tok, "expected '}' at end of input");
      break;
    }
    const start = p.position;
    try {
      if (p.is("_Static_assert")) staticAssertion(p);
      else if (attributeStatement(p)) continue;
      else if (isTypeName(p) && p.peek().text !== ":") body.push(...localDeclaration(p));
      else body.push(statement(p));
    } catch (e) {
      if (!(e instanceof SyntaxRecovery)) throw e;
      p.skipToSync();
      if (p.position === start) p.next();
      // The branch of an `if` that failed ends at this `else`: parse what
      // follows it as a statement of its own rather than report the `else`.
      if (p.is("else")) p.next();
    }
  }
  p.consume("}");
  if (ownScope) p.leaveScope();
  return { kind: "block", tok, body };
}

/*
 * statement = "return" expression? ";"
 *           | "if" "(" expression ")" statement ("else" statement)?
 *           | "switch" "(" expression ")" statement
 *           | "case" constant-expression ":" statement
 *           | "default" ":" statement
 *           | "for" "(" (declaration | expression? ";") expression? ";" expression? ")" statement
 *           | "while" "(" expression ")" statement
 *           | "do" statement "while" "(" expression ")" ";"
 *           | "goto" identifier ";" | "break" ";" | "continue" ";"
 *           | identifier ":" statement
 *           | compound-statement
 *           | expression? ";"
 */
export function statement(p: Parser): Stmt {
  return p.nested(statementAt);
}

function statementAt(p: Parser): Stmt {
  const tok = p.tok;
  if (tok.kind === "identifier") {
    switch (tok.text) {
      case "return": return returnStatement(p);
      case "if": return ifStatement(p);
      case "switch": return switchStatement(p);
      case "case": case "default": return labeledStatement(p);
      case "for": return forStatement(p);
      case "while": return whileStatement(p);
      case "do": return doStatement(p);
      case "goto": return gotoStatement(p);
      case "break": case "continue": return jumpStatement(p);
    }
    if (atLabel(p)) return labeledStatement(p);
    if (isAsmKeyword(tok)) {
      const asm = asmStatement(p);
      p.expect(";");
      return { kind: "asm", tok, asm };
    }
  }
  if (p.is("{")) return compoundStatement(p);
  if (attributeStatement(p)) return { kind: "empty", tok };
  if (p.is(";")) {
    p.next();
    return { kind: "empty", tok };
  }
  const expr = expression(p);
  p.expect(";");
  return { kind: "expr", tok, expr };
}

function fnContext(p: Parser, tok: Token) {
  if (!p.fn) p.reporter.internalError(tok, "statement outside a function");
  return p.fn;
}

function returnStatement(p: Parser): Stmt {
  const tok = p.next();
  const fn = fnContext(p, tok);
  const returnType = fn.type.returnType;
  if (p.consume(";")) {
    if (returnType.kind !== "void") {
      p.reporter.warning(tok, "'return' with no value, in function returning non-void");
    }
    return { kind: "return", tok };
  }
  const valueTok = p.tok;
  const value = expression(p);
  p.expect(";");
  if (returnType.kind === "void") {
    if (value.type.kind !== "void") p.reporter.warning(tok, "'return' with a value, in function returning void");
    return { kind: "expr", tok, expr: value };
  }
  return { kind: "return", tok, value: convertForAssignment(p, valueTok, value, returnType, "returning") };
}

function parenthesizedCondition(p: Parser): Expr {
  p.expect("(");
  const c = condition(p, expression(p));
  p.expect(")");
  return c;
}

/**
 * Parses `if` and its `else if` continuations in a loop, so a chain of
 * thousands of branches (generated dispatchers, keyword tables) takes one
 * nesting level, as in gcc. Each branch's own statement still nests one
 * level deeper.
 */
function ifStatement(p: Parser): Stmt {
  const first = ifHeadAndBranch(p);
  let last = first;
  while (p.consume("else")) {
    if (!p.is("if")) {
      last.otherwise = statement(p);
      break;
    }
    const next = ifHeadAndBranch(p);
    last.otherwise = next;
    last = next;
  }
  return first;
}

type IfStmt = Extract<Stmt, { kind: "if" }>;

function ifHeadAndBranch(p: Parser): IfStmt {
  const tok = p.next();
  const c = parenthesizedCondition(p);
  const then = statement(p);
  return { kind: "if", tok, condition: c, then };
}

/** Parses a loop body with `break` and `continue` bound to the loop's labels. */
function loopBody(p: Parser, breakLabel: string, continueLabel: string): Stmt {
  const fn = fnContext(p, p.tok);
  fn.breakLabels.push(breakLabel);
  fn.continueLabels.push(continueLabel);
  try {
    return statement(p);
  } finally {
    fn.breakLabels.pop();
    fn.continueLabels.pop();
  }
}

function whileStatement(p: Parser): Stmt {
  const tok = p.next();
  const c = parenthesizedCondition(p);
  const breakLabel = p.newLabel();
  const continueLabel = p.newLabel();
  const body = loopBody(p, breakLabel, continueLabel);
  return { kind: "loop", tok, condition: c, body, testAfter: false, breakLabel, continueLabel };
}

function doStatement(p: Parser): Stmt {
  const tok = p.next();
  const breakLabel = p.newLabel();
  const continueLabel = p.newLabel();
  const body = loopBody(p, breakLabel, continueLabel);
  p.expect("while");
  const c = parenthesizedCondition(p);
  p.expect(";");
  return { kind: "loop", tok, condition: c, body, testAfter: true, breakLabel, continueLabel };
}

function forStatement(p: Parser): Stmt {
  const tok = p.next();
  p.expect("(");
  p.enterScope();
  try {
    let init: Stmt | undefined;
    if (isTypeName(p)) {
      init = { kind: "block", tok, body: localDeclaration(p) };
    } else if (!p.consume(";")) {
      init = { kind: "expr", tok: p.tok, expr: expression(p) };
      p.expect(";");
    }
    const c = p.is(";") ? undefined : condition(p, expression(p));
    p.expect(";");
    const step = p.is(")") ? undefined : expression(p);
    p.expect(")");
    const breakLabel = p.newLabel();
    const continueLabel = p.newLabel();
    const body = loopBody(p, breakLabel, continueLabel);
    return { kind: "loop", tok, init, condition: c, step, body, testAfter: false, breakLabel, continueLabel };
  } finally {
    p.leaveScope();
  }
}

function switchStatement(p: Parser): Stmt {
  const tok = p.next();
  const fn = fnContext(p, tok);
  p.expect("(");
  const valueTok = p.tok;
  let value = promote(decay(expression(p)));
  p.expect(")");
  if (!isInteger(value.type)) {
    p.reporter.error(valueTok, `switch quantity not an integer (have '${typeName(value.type)}')`);
    value = numberNode(valueTok, 0);
  }
  const context: SwitchContext = { cases: [], defaultLabel: undefined, valueType: value.type };
  const breakLabel = p.newLabel();
  fn.switches.push(context);
  fn.breakLabels.push(breakLabel);
  let body: Stmt;
  try {
    body = statement(p);
  } finally {
    fn.switches.pop();
    fn.breakLabels.pop();
  }
  return { kind: "switch", tok, value, body, cases: context.cases, defaultLabel: context.defaultLabel, breakLabel };
}

type LabelStmt = Extract<Stmt, { kind: "label" }>;
type LabelHead = Omit<LabelStmt, "body">;

/** True at `case`, `default` or `identifier :`. */
function atLabel(p: Parser): boolean {
  const tok = p.tok;
  if (tok.kind !== "identifier") return false;
  if (tok.text === "case" || tok.text === "default") return true;
  return !KEYWORDS.has(tok.text) && p.peek().text === ":";
}

/**
 * Parses a run of labels and the statement they label in a loop, so
 * thousands of `case N:` in a row (generated dispatchers) take one nesting
 * level, as in gcc. A run of several labels becomes a block of label
 * statements, in which every label but the last marks an empty statement.
 */
function labeledStatement(p: Parser): Stmt {
  const start = p.tok;
  const heads: LabelHead[] = [];
  do {
    const head = labelHead(p);
    if (head) heads.push(head);
  } while (atLabel(p));
  const body = statement(p);
  if (heads.length === 0) return body;
  // Built field by field: in a CPU profile of Node 20, spreading the head cost far more than a literal.
  if (heads.length === 1) return labelStatement(heads[0], body);
  const labels: LabelStmt[] = heads.map((head, i) => labelStatement(head, i === heads.length - 1 ? body : { kind: "empty", tok: head.tok }));
  return { kind: "block", tok: start, body: labels };
}

function labelStatement(head: LabelHead, body: Stmt): LabelStmt {
  return { kind: "label", tok: head.tok, label: head.label, body };
}

function labelHead(p: Parser): LabelHead | undefined {
  if (p.is("case")) return caseLabel(p);
  if (p.is("default")) return defaultLabel(p);
  return gotoLabelDefinition(p);
}

/** Parses `case N:` and returns its label, or undefined after reporting a case outside a switch. */
function caseLabel(p: Parser): LabelHead | undefined {
  const tok = p.next();
  const fn = fnContext(p, tok);
  const context = fn.switches[fn.switches.length - 1];
  const valueTok = p.tok;
  const e = conditionalExpression(p);
  const constant = evaluateWideInteger(e);
  if (constant === undefined) p.reporter.error(valueTok, "case label is not an integer constant expression");
  if (p.is("...")) p.reporter.fail(p.tok, "case ranges are not supported yet");
  p.expect(":");
  if (!context) {
    p.reporter.error(tok, "case label not within a switch statement");
    return undefined;
  }
  const value = wrapToType(constant ?? 0n, context.valueType);
  if (constant !== undefined && context.cases.some((c) => c.value === value)) {
    p.reporter.error(tok, `duplicate case value ${value}`);
  }
  const label = p.newLabel();
  context.cases.push({ value, label });
  return { kind: "label", tok, label };
}

function defaultLabel(p: Parser): LabelHead | undefined {
  const tok = p.next();
  const fn = fnContext(p, tok);
  const context = fn.switches[fn.switches.length - 1];
  p.expect(":");
  if (!context) {
    p.reporter.error(tok, "'default' label not within a switch statement");
    return undefined;
  }
  if (context.defaultLabel) p.reporter.error(tok, "multiple default labels in one switch");
  const label = p.newLabel();
  context.defaultLabel = label;
  return { kind: "label", tok, label };
}

function gotoLabel(p: Parser, tok: Token) {
  const fn = fnContext(p, tok);
  let entry = fn.gotoLabels.get(tok.text);
  if (!entry) {
    entry = { label: p.newLabel(), defined: false, tok };
    fn.gotoLabels.set(tok.text, entry);
  }
  return entry;
}

/** GNU `&&label`: the label's address as a `void *`, for a computed `goto *`. */
export function labelAddress(p: Parser): Expr {
  const tok = p.next();
  const name = p.expectIdentifier("a label name");
  return { kind: "labelAddress", label: gotoLabel(p, name).label, type: pointerTo(voidType), tok };
}

function gotoStatement(p: Parser): Stmt {
  const tok = p.next();
  if (p.consume("*")) {
    const targetTok = p.tok;
    const target = decay(expression(p));
    p.expect(";");
    if (!isPointer(target.type)) {
      p.reporter.error(targetTok, `computed goto needs a pointer, such as '&&label' (have '${typeName(target.type)}')`);
    }
    return { kind: "goto", tok, label: "", target };
  }
  const name = p.expectIdentifier("a label name");
  p.expect(";");
  return { kind: "goto", tok, label: gotoLabel(p, name).label };
}

function gotoLabelDefinition(p: Parser): LabelHead {
  const name = p.next();
  p.expect(":");
  const entry = gotoLabel(p, name);
  if (entry.defined) p.reporter.error(name, `duplicate label '${name.text}'`);
  entry.defined = true;
  entry.tok = name;
  if (p.is("}")) p.reporter.fail(p.tok, "label at end of compound statement");
  return { kind: "label", tok: name, label: entry.label };
}

function jumpStatement(p: Parser): Stmt {
  const tok = p.next();
  const fn = fnContext(p, tok);
  p.expect(";");
  const labels = tok.text === "break" ? fn.breakLabels : fn.continueLabels;
  const label = labels[labels.length - 1];
  if (!label) {
    const where = tok.text === "break" ? "loop or switch" : "loop";
    p.reporter.error(tok, `${tok.text} statement not within a ${where}`);
    return { kind: "empty", tok };
  }
  return { kind: "goto", tok, label };
}
