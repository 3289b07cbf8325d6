// Initializers: parsed into a tree that mirrors the object's type, then
// lowered either to assignments (automatic variables) or to bytes and
// relocations (objects of static storage duration).
import type { Expr, GlobalData, Variable } from "../ast";
import type { Token } from "../token";
import { arrayOf, isInteger, pointerTo, typeName, type ArrayType, type RecordType, type Type } from "../types";
import { evaluate } from "./constants";
import { convertForAssignment, numberNode } from "./conversions";
import { assignment } from "./expressions";
import type { Parser } from "./parser";

/** One node per object or subobject: a scalar's expression, a string for a char array, or children. */
export interface Initializer {
  type: Type;
  tok: Token;
  expr?: Expr;
  string?: Uint8Array;
  children?: (Initializer | undefined)[];
}

function isCharArray(t: Type): t is ArrayType {
  return t.kind === "array" && isInteger(t.element) && t.element.size === 1;
}

/**
 * initializer = string-literal | "{" initializer-list ","? "}" | assignment
 * Returns the tree and the object's type, completed when it was `T[]`.
 */
export function parseInitializer(p: Parser, type: Type): Initializer {
  const init = initializer(p, type, true);
  return init;
}

function initializer(p: Parser, type: Type, topLevel: boolean): Initializer {
  const tok = p.tok;
  if (isCharArray(type) && (p.tok.kind === "string" || (p.is("{") && p.peek().kind === "string"))) {
    const braced = p.consume("{");
    const e = assignment(p);
    if (braced) {
      p.consume(",");
      p.expect("}");
    }
    if (e.kind !== "string") p.reporter.fail(tok, "invalid initializer for a char array");
    const bytes = e.literal.bytes;
    const length = type.length ?? bytes.length;
    if (bytes.length - 1 > length) p.reporter.warning(tok, "initializer-string for array of 'char' is too long");
    return { type: arrayOf(type.element, length), tok, string: bytes.subarray(0, Math.min(bytes.length, length)) };
  }
  if (p.is("{")) {
    p.next();
    let init: Initializer;
    if (type.kind === "array") init = arrayElements(p, type, true);
    else if (type.kind === "struct") init = recordMembers(p, type, true);
    else {
      init = initializer(p, type, false);
      while (p.consume(",") && !p.is("}")) {
        p.reporter.warning(p.tok, "excess elements in scalar initializer");
        assignment(p);
      }
    }
    p.consume(",");
    p.expect("}");
    return init;
  }
  if (type.kind === "array") {
    if (topLevel) p.reporter.fail(tok, "invalid initializer: an array needs a brace-enclosed list");
    return arrayElements(p, type, false);
  }
  if (type.kind === "struct") {
    const start = p.position;
    const e = assignment(p);
    if (e.type === type) return { type, tok, expr: e };
    if (topLevel) {
      p.reporter.error(tok, `invalid initializer: expected '${typeName(type)}', have '${typeName(e.type)}'`);
      return { type, tok };
    }
    p.position = start;
    return recordMembers(p, type, false);
  }
  if (p.is("[") || p.is(".")) p.reporter.fail(p.tok, "designated initializers are not supported yet");
  return { type, tok, expr: convertForAssignment(p, tok, assignment(p), type, "initialization of") };
}

function atListEnd(p: Parser): boolean {
  return p.is("}") || (p.is(",") && p.peek().text === "}");
}

/** Elements of an array; without braces (brace elision) it takes only as many as the array holds. */
function arrayElements(p: Parser, type: ArrayType, braced: boolean): Initializer {
  const tok = p.tok;
  const children: (Initializer | undefined)[] = [];
  for (let i = 0; !atListEnd(p); i++) {
    if (i > 0) p.expect(",");
    if (atListEnd(p)) break;
    if (!braced && type.length !== undefined && i >= type.length) {
      p.position--;
      break;
    }
    if (type.length !== undefined && i >= type.length) {
      p.reporter.warning(p.tok, "excess elements in array initializer");
      initializer(p, type.element, false);
      continue;
    }
    if (p.is("[") || p.is(".")) p.reporter.fail(p.tok, "designated initializers are not supported yet");
    children.push(initializer(p, type.element, false));
  }
  const length = type.length ?? children.length;
  return { type: arrayOf(type.element, length), tok, children };
}

/** Members of a struct in order, or the first member of a union. */
function recordMembers(p: Parser, type: RecordType, braced: boolean): Initializer {
  const tok = p.tok;
  if (!type.complete) p.reporter.fail(tok, `variable has incomplete type '${typeName(type)}'`);
  const children: (Initializer | undefined)[] = [];
  const capacity = type.isUnion ? Math.min(1, type.members.length) : type.members.length;
  for (let i = 0; !atListEnd(p); i++) {
    if (i > 0) p.expect(",");
    if (atListEnd(p)) break;
    if (!braced && i >= capacity) {
      p.position--;
      break;
    }
    if (i >= capacity) {
      p.reporter.warning(p.tok, `excess elements in ${type.isUnion ? "union" : "struct"} initializer`);
      assignment(p);
      continue;
    }
    if (p.is("[") || p.is(".")) p.reporter.fail(p.tok, "designated initializers are not supported yet");
    children.push(initializer(p, type.members[i].type, false));
  }
  return { type, tok, children };
}

/** Lowers an initializer of an automatic variable to `zero(v)` followed by one assignment per given scalar. */
export function localInitialization(p: Parser, variable: Variable, init: Initializer): Expr[] {
  const tok = init.tok;
  const base: Expr = { kind: "variable", variable, type: variable.type, tok };
  if (init.expr && variable.type.kind !== "array") {
    return [{ kind: "assign", target: base, value: init.expr, type: variable.type, tok }];
  }
  const exprs: Expr[] = [{ kind: "zero", variable, type: variable.type, tok }];
  lowerToAssignments(p, init, base, exprs);
  return exprs;
}

function elementAt(array: Expr, index: number, elementType: Type, tok: Token): Expr {
  const pointer = pointerTo(elementType);
  const start: Expr = { kind: "addr", operand: array, type: pointer, tok };
  const address: Expr =
    index === 0
      ? start
      : { kind: "binary", op: "+", left: start, right: numberNode(tok, index * elementType.size), type: pointer, tok };
  return { kind: "deref", operand: address, type: elementType, tok };
}

function lowerToAssignments(p: Parser, init: Initializer, target: Expr, out: Expr[]): void {
  const tok = init.tok;
  if (init.expr) {
    out.push({ kind: "assign", target, value: init.expr, type: target.type, tok });
    return;
  }
  if (init.string && target.type.kind === "array") {
    const element = target.type.element;
    init.string.forEach((byte, i) => {
      if (byte !== 0) out.push({ kind: "assign", target: elementAt(target, i, element, tok), value: numberNode(tok, byte << 24 >> 24, element), type: element, tok });
    });
    return;
  }
  const type = target.type;
  init.children?.forEach((child, i) => {
    if (!child) return;
    if (type.kind === "array") {
      lowerToAssignments(p, child, elementAt(target, i, type.element, tok), out);
    } else if (type.kind === "struct") {
      const member = type.members[i];
      lowerToAssignments(p, child, { kind: "member", base: target, member, type: member.type, tok }, out);
    } else {
      p.reporter.internalError(tok, `initializer children for scalar type '${typeName(type)}'`);
    }
  });
}

/** Lowers an initializer of a static object to its bytes; non-constant elements are errors. */
export function staticInitialization(p: Parser, type: Type, init: Initializer): GlobalData {
  const data: GlobalData = { bytes: new Uint8Array(type.size), relocations: new Map() };
  writeInitializer(p, init, type, 0, data);
  return data;
}

function writeInitializer(p: Parser, init: Initializer, type: Type, offset: number, data: GlobalData): void {
  if (init.string) {
    data.bytes.set(init.string.subarray(0, type.size), offset);
    return;
  }
  if (init.expr) {
    writeScalar(p, init.expr, type, offset, data);
    return;
  }
  init.children?.forEach((child, i) => {
    if (!child) return;
    if (type.kind === "array") writeInitializer(p, child, type.element, offset + i * type.element.size, data);
    else if (type.kind === "struct") writeInitializer(p, child, type.members[i].type, offset + type.members[i].offset, data);
  });
}

function writeScalar(p: Parser, e: Expr, type: Type, offset: number, data: GlobalData): void {
  if (type.kind === "struct") {
    p.reporter.error(e.tok, "initializer element is not constant");
    return;
  }
  const value = evaluate(e);
  if (!value) {
    p.reporter.error(e.tok, "initializer element is not constant");
    return;
  }
  if (value.symbol !== undefined) {
    if (type.size !== 4) {
      p.reporter.error(e.tok, "initializer element is not computable at load time");
      return;
    }
    data.relocations.set(offset, { symbol: value.symbol, addend: value.value });
    return;
  }
  for (let i = 0; i < type.size; i++) data.bytes[offset + i] = (value.value >>> (i * 8)) & 0xff;
}
