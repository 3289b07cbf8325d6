// Initializers: parsed into a tree that mirrors the object's type, then
// lowered either to assignments (automatic variables) or to bytes and
// relocations (objects of static storage duration).
import type { Expr, GlobalData, Variable } from "../ast";
import type { Token } from "../token";
import {
  arrayOf, intType, isComplete, isInteger, pointerTo, typeName, type ArrayType, type Member, type RecordType, type Type,
} from "../types";
import { constantExpression, evaluate, type ConstantValue } from "./constants";
import { extendedPrecisionBytes } from "../float-format";
import { castTo, convertForAssignment, numberNode } from "./conversions";
import { isTypeName } from "./declarations";
import { assignment, newTemporary } from "./expressions";
import { describe, type Parser } from "./parser";

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

function isAggregate(t: Type): t is ArrayType | RecordType {
  return t.kind === "array" || t.kind === "struct";
}

/**
 * initializer = string-literal | "{" initializer-list? ","? "}" | assignment
 * initializer-list = designation? initializer ("," designation? initializer)*
 * Returns the tree; its type is the object's, completed when it was `T[]`.
 */
export function parseInitializer(p: Parser, type: Type): Initializer {
  const init: Initializer = { type, tok: p.tok };
  initializer(p, init, true);
  if (type.kind === "array" && type.length === undefined && !init.string) {
    init.type = arrayOf(type.element, init.children?.length ?? 0);
  }
  return init;
}

function initializer(p: Parser, init: Initializer, topLevel: boolean): void {
  p.nested(() => initializerAt(p, init, topLevel));
}

function initializerAt(p: Parser, init: Initializer, topLevel: boolean): void {
  const type = init.type;
  init.tok = p.tok;
  if (isCharArray(type) && (p.tok.kind === "string" || (p.is("{") && p.peek().kind === "string"))) {
    stringInitializer(p, init, type);
    return;
  }
  if (p.consume("{")) {
    if (isAggregate(type)) {
      bracedList(p, init);
      return;
    }
    if (p.consume("}")) {
      init.expr = castTo(numberNode(init.tok, 0), type);
      return;
    }
    initializer(p, init, false);
    while (p.consume(",") && !p.is("}")) {
      p.reporter.warning(p.tok, "excess elements in scalar initializer");
      assignment(p);
    }
    p.expect("}");
    return;
  }
  if (type.kind === "array") {
    if (topLevel) p.reporter.fail(init.tok, "invalid initializer: an array needs a brace-enclosed list");
    elidedList(p, init, 0, false);
    return;
  }
  if (type.kind === "struct") {
    const start = p.position;
    const e = assignment(p);
    if (e.type === type) {
      init.expr = e;
      return;
    }
    if (topLevel) {
      p.reporter.error(init.tok, `invalid initializer: expected '${typeName(type)}', have '${typeName(e.type)}'`);
      return;
    }
    p.position = start;
    elidedList(p, init, 0, false);
    return;
  }
  init.expr = convertForAssignment(p, init.tok, assignment(p), type, "initialization of");
}

function stringInitializer(p: Parser, init: Initializer, type: ArrayType): void {
  const tok = p.tok;
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
  init.type = arrayOf(type.element, length);
  init.string = bytes.subarray(0, Math.min(bytes.length, length));
}

/** Element or member count of an aggregate; a union takes one positional initializer, `T[]` any number. */
function capacity(type: ArrayType | RecordType): number {
  if (type.kind === "array") return type.length ?? Infinity;
  return type.isUnion ? Math.min(1, type.members.length) : type.members.length;
}

/** The index of the next member from `index` on that takes a positional initializer: unnamed bit-fields take none. */
function skipUnnamedBitFields(type: ArrayType | RecordType, index: number): number {
  if (type.kind !== "struct") return index;
  while (index < type.members.length && type.members[index].name === "" && type.members[index].bitField) index++;
  return index;
}

function childType(type: ArrayType | RecordType, index: number): Type {
  return type.kind === "array" ? type.element : type.members[index].type;
}

/** Returns the node of element or member `index`, made on first use. A union keeps only its last initialized member. */
function child(init: Initializer, index: number): Initializer {
  const type = init.type as ArrayType | RecordType;
  init.children ??= [];
  if (type.kind === "struct" && type.isUnion && !init.children[index]) init.children = [];
  let node = init.children[index];
  if (!node) {
    node = { type: childType(type, index), tok: init.tok };
    init.children[index] = node;
  }
  return node;
}

/** Initializes element or member `index` from the cursor, with braces or by brace elision. */
function element(p: Parser, init: Initializer, index: number): void {
  const node = child(init, index);
  delete node.expr;
  delete node.string;
  if (p.is("{")) delete node.children;
  initializer(p, node, false);
}

function atListEnd(p: Parser): boolean {
  return p.is("}") || (p.is(",") && p.peek().text === "}");
}

function atDesignator(p: Parser): boolean {
  return p.is("[") || p.is(".") || (p.tok.kind === "identifier" && p.peek().text === ":" && !isTypeName(p));
}

/** Parses the list after `{`, up to and including the closing `}`. */
function bracedList(p: Parser, init: Initializer): void {
  const type = init.type as ArrayType | RecordType;
  if (type.kind === "struct" && !type.complete) p.reporter.fail(init.tok, `variable has incomplete type '${typeName(type)}'`);
  init.children ??= [];
  let index = 0;
  for (let first = true; !atListEnd(p); first = false) {
    if (!first) p.expect(",");
    if (atListEnd(p)) break;
    if (atDesignator(p)) {
      index = designation(p, init);
      continue;
    }
    index = skipUnnamedBitFields(type, index);
    if (index >= capacity(type)) {
      p.reporter.warning(p.tok, `excess elements in ${aggregateWord(type)} initializer`);
      initializer(p, { type: type.kind === "array" ? type.element : intType, tok: p.tok }, false);
      continue;
    }
    element(p, init, index++);
  }
  p.consume(",");
  p.expect("}");
}

function aggregateWord(type: ArrayType | RecordType): string {
  if (type.kind === "array") return "array";
  return type.isUnion ? "union" : "struct";
}

/**
 * Parses the elements of a subaggregate written without its braces, from
 * `index` on. It takes only as many as the subaggregate has and stops
 * before a designator, which belongs to the enclosing list.
 */
function elidedList(p: Parser, init: Initializer, index: number, needComma: boolean): void {
  const type = init.type as ArrayType | RecordType;
  if (type.kind === "struct" && !type.complete) p.reporter.fail(init.tok, `variable has incomplete type '${typeName(type)}'`);
  init.children ??= [];
  for (; index < capacity(type) && !atListEnd(p); index++) {
    const start = p.position;
    if (needComma) {
      if (!p.is(",")) return;
      p.next();
    }
    if (atDesignator(p)) {
      p.position = start;
      return;
    }
    index = skipUnnamedBitFields(type, index);
    if (index >= capacity(type)) {
      p.position = start;
      return;
    }
    element(p, init, index);
    needComma = true;
  }
}

/**
 * designation = designator+ "=" | identifier ":" (the old GNU form)
 * designator = "[" constant-expression ("..." constant-expression)? "]" | "." identifier
 * Initializes the designated subobject and returns the index of the element
 * or member that a following positional initializer goes to.
 */
function designation(p: Parser, init: Initializer): number {
  const type = init.type as ArrayType | RecordType;
  const start = p.position;
  let first: number;
  let last: number;
  if (p.is("[")) {
    const range = arrayDesignator(p, type);
    if (!range) {
      skipElement(p);
      return 0;
    }
    [first, last] = range;
  } else {
    const gnuForm = !p.is(".");
    const dot = p.tok;
    if (!gnuForm) p.next();
    if (type.kind !== "struct") p.reporter.fail(dot, "field name not in record or union initializer");
    const found = memberIndex(p, type, p.expectIdentifier("a member name"));
    if (!found) {
      skipElement(p);
      return type.members.length;
    }
    if (found.throughAnonymous) {
      // `.x` names a member of an anonymous struct or union: read it as `.anonymous.x`.
      p.position = start;
      const node = child(init, found.index);
      elidedList(p, node, designation(p, node), true);
      return found.index + 1;
    }
    first = last = found.index;
    if (gnuForm) {
      p.expect(":");
      element(p, init, first);
      return first + 1;
    }
  }
  if (p.is("[") || p.is(".")) {
    const node = child(init, first);
    if (!isAggregate(node.type)) p.reporter.fail(p.tok, `designator '${p.tok.text}' applied to a scalar of type '${typeName(node.type)}'`);
    elidedList(p, node, designation(p, node), true);
    copyRange(init, first, last);
    return last + 1;
  }
  if (!p.consume("=")) p.reporter.fail(p.tok, `expected '=' before ${describe(p.tok)}`);
  element(p, init, first);
  copyRange(init, first, last);
  return last + 1;
}

/** `[a ... b]`: the initializer of element `first` also initializes elements up to `last`. */
function copyRange(init: Initializer, first: number, last: number): void {
  for (let i = first + 1; i <= last; i++) init.children![i] = init.children![first];
}

/** Skips the rest of a list element after an error in its designator, so the list goes on. */
function skipElement(p: Parser): void {
  let depth = 0;
  while (!p.atEof() && !(depth === 0 && (p.is(",") || p.is("}")))) {
    if (p.is("{") || p.is("(") || p.is("[")) depth++;
    if (p.is("}") || p.is(")") || p.is("]")) depth--;
    p.next();
  }
}

/** Returns the index range of `[a]` or `[a ... b]`, or undefined after reporting an index out of bounds. */
function arrayDesignator(p: Parser, type: ArrayType | RecordType): [number, number] | undefined {
  const open = p.expect("[");
  if (type.kind !== "array") p.reporter.fail(open, `array index in non-array initializer`);
  const first = constantExpression(p, "array index in initializer");
  const last = p.consume("...") ? constantExpression(p, "array index in initializer") : first;
  p.expect("]");
  const limit = type.length ?? Infinity;
  if (first < 0 || last >= limit) {
    p.reporter.error(open, `array index ${first < 0 ? first : last} in initializer exceeds array bounds (the array has ${type.length} elements)`);
    return undefined;
  }
  if (last < first) {
    p.reporter.error(open, `empty index range in initializer ([${first} ... ${last}])`);
    return undefined;
  }
  return [first, last];
}

/** Finds member `name`, or the anonymous struct or union member that contains it. */
function memberIndex(p: Parser, type: RecordType, name: Token): { index: number; throughAnonymous: boolean } | undefined {
  const direct = type.members.findIndex((m) => m.name === name.text);
  if (direct >= 0) return { index: direct, throughAnonymous: false };
  const anonymous = type.members.findIndex((m) => m.name === "" && m.type.kind === "struct" && containsMember(m.type, name.text));
  if (anonymous < 0) {
    p.reporter.error(name, `'${typeName(type)}' has no member named '${name.text}'`);
    return undefined;
  }
  return { index: anonymous, throughAnonymous: true };
}

function containsMember(type: RecordType, name: string): boolean {
  return type.members.some((m) => m.name === name || (m.name === "" && m.type.kind === "struct" && containsMember(m.type, name)));
}

/** Builds `(type){ initializer-list }`: an unnamed local in a function, an unnamed static object at file scope. */
export function compoundLiteral(p: Parser, tok: Token, type: Type): Expr {
  if (type.kind === "function" || type.kind === "void" || (type.kind === "array" && type.element.kind === "void")) {
    p.reporter.fail(tok, `compound literal has invalid type '${typeName(type)}'`);
  }
  const init = parseInitializer(p, type);
  const objectType = init.type;
  if (!isComplete(objectType)) p.reporter.fail(tok, `compound literal has incomplete type '${typeName(objectType)}'`);
  const pointer = pointerTo(objectType);
  if (!p.fn) {
    const variable: Variable = {
      name: "", type: objectType, tok, isLocal: false, offset: 0, asmName: p.newStaticName("__compound_literal"),
      isStatic: true, isExtern: false, isDefinition: true,
    };
    variable.init = staticInitialization(p, objectType, init);
    p.globals.push(variable);
    return { kind: "variable", variable, type: objectType, tok };
  }
  const variable = newTemporary(p, objectType, tok);
  let address: Expr = { kind: "addr", operand: { kind: "variable", variable, type: objectType, tok }, type: pointer, tok };
  const steps = localInitialization(p, variable, init);
  for (let i = steps.length - 1; i >= 0; i--) address = { kind: "comma", left: steps[i], right: address, type: pointer, tok };
  return { kind: "deref", operand: address, type: objectType, tok };
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
    else if (type.kind === "struct" && type.members[i].bitField && child.expr) {
      writeBitField(p, child.expr, type.members[i], offset + type.members[i].offset, data);
    } else if (type.kind === "struct") writeInitializer(p, child, type.members[i].type, offset + type.members[i].offset, data);
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
    data.relocations.set(offset, { symbol: value.symbol, addend: Number(value.value) });
    return;
  }
  writeNumber(data.bytes, offset, type, value);
}

/** Stores a constant's bytes as `type` lays them out: little-endian integers, IEEE float and double, x87 extended. */
function writeNumber(bytes: Uint8Array, offset: number, type: Type, value: ConstantValue): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  if (type.kind === "float") {
    const number = value.float ?? Number(value.value);
    if (type.rank === "float") view.setFloat32(offset, number, true);
    else if (type.rank === "double") view.setFloat64(offset, number, true);
    else bytes.set(value.extended ?? extendedPrecisionBytes(number), offset);
    return;
  }
  const integer = value.float === undefined ? value.value : BigInt(Math.trunc(value.float));
  for (let i = 0; i < type.size; i++) bytes[offset + i] = Number(BigInt.asUintN(8, integer >> BigInt(i * 8)));
}

/** Writes a constant into a bit-field: only the field's bits of its storage unit change. */
function writeBitField(p: Parser, e: Expr, member: Member, offset: number, data: GlobalData): void {
  const value = evaluate(e);
  if (!value || value.symbol !== undefined) {
    p.reporter.error(e.tok, "initializer element is not constant");
    return;
  }
  const { width, bitOffset, storageSize } = member.bitField!;
  const integer = value.float === undefined ? value.value : BigInt(Math.trunc(value.float));
  let unit = 0n;
  for (let i = storageSize - 1; i >= 0; i--) unit = (unit << 8n) | BigInt(data.bytes[offset + i]);
  const mask = ((1n << BigInt(width)) - 1n) << BigInt(bitOffset);
  unit = (unit & ~mask) | ((integer << BigInt(bitOffset)) & mask);
  for (let i = 0; i < storageSize; i++) data.bytes[offset + i] = Number(BigInt.asUintN(8, unit >> BigInt(i * 8)));
}
