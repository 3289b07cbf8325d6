// Postfix and primary expressions: subscripts, calls, member access,
// postfix increments, identifiers, constants and string literals.
import type { Expr, FunctionSymbol, StringLiteral } from "../ast";
import { decodeCharLiteral, decodeStringLiteral, isFloatLiteral, parseFloatLiteral, parseIntegerLiteral } from "../literals";
import type { Token } from "../token";
import {
  arrayOf, charType, doubleType, findMember, floatType, functionType, intType, isPointer, llongType, longDoubleType,
  longType, typeName, uintType, ullongType, ulongType,
  type FunctionType, type Type,
} from "../types";
import { add, castTo, convertArgument, decay, errorNode, isErrorNode, numberNode, promote } from "./conversions";
import { isTypeName } from "./declarations";
import { dereference, expression, assignment, newTemporary, postIncrement } from "./expressions";
import { gnuBuiltin, isGnuBuiltin, statementExpression } from "./builtins";
import { KEYWORDS, describe, type Binding, type Parser } from "./parser";
import { floatBuiltin, isFloatBuiltin } from "./float-builtins";
import { isStdargBuiltin, stdargBuiltin } from "./stdarg";

// postfix = primary ("[" expression "]" | "(" arguments ")" | "." identifier | "->" identifier | "++" | "--")*
export function postfixExpression(p: Parser): Expr {
  return postfixOperators(p, primary(p));
}

/** Applies the postfix operators that follow `e`, such as those after a compound literal. */
export function postfixOperators(p: Parser, e: Expr): Expr {
  for (;;) {
    const tok = p.tok;
    if (tok.kind !== "punctuator") return e;
    switch (tok.text) {
      case "[": {
        p.next();
        const index = expression(p);
        p.expect("]");
        e = dereference(p, tok, add(p, tok, e, index));
        break;
      }
      case "(":
        p.next();
        e = call(p, tok, e);
        break;
      case ".":
        p.next();
        e = memberAccess(p, tok, e);
        break;
      case "->":
        p.next();
        e = memberAccess(p, tok, dereference(p, tok, e));
        break;
      case "++":
      case "--":
        p.next();
        e = postIncrement(p, tok, e, tok.text === "++" ? 1 : -1);
        break;
      default:
        return e;
    }
  }
}

function memberAccess(p: Parser, tok: Token, base: Expr): Expr {
  const name = p.expectIdentifier("a member name");
  const record = base.type;
  if (isErrorNode(base)) return base;
  if (record.kind !== "struct") {
    const op = tok.text;
    p.reporter.error(tok, `request for member '${name.text}' in something not a structure or union (have '${typeName(record)}'${op === "->" ? " after '->'" : ""})`);
    return errorNode(name);
  }
  if (!record.complete) {
    p.reporter.error(tok, `invalid use of incomplete type '${typeName(record)}'`);
    return errorNode(name);
  }
  const member = findMember(record, name.text);
  if (!member) {
    p.reporter.error(name, `'${typeName(record)}' has no member named '${name.text}'`);
    return errorNode(name);
  }
  return { kind: "member", base, member, type: member.type, tok: name };
}

// arguments = (assignment ("," assignment)*)? ")"
function call(p: Parser, tok: Token, calleeExpr: Expr): Expr {
  const callee = decay(calleeExpr);
  const fnType = isPointer(callee.type) && callee.type.base.kind === "function" ? callee.type.base : undefined;
  const base = p.callArguments.length;
  try {
    if (!p.is(")")) {
      do {
        // Both entries are pushed after the argument is parsed, so that the
        // two stacks have the same length wherever a nested call starts.
        const first = p.tok;
        const argument = assignment(p);
        p.callArgumentTokens.push(first);
        p.callArguments.push(argument);
      } while (p.consume(","));
    }
    p.expect(")");
    if (isErrorNode(callee)) return callee;
    if (!fnType) {
      p.reporter.error(tok, `called object is not a function or function pointer (have '${typeName(callee.type)}')`);
      return errorNode(tok);
    }
    const name = calleeExpr.kind === "function" ? calleeExpr.fn.name : undefined;
    const converted = convertArguments(p, tok, fnType, base, name);
    const node: Expr = { kind: "call", callee, args: converted, fnType, type: fnType.returnType, tok: calleeExpr.tok };
    if (fnType.returnType.kind === "struct") {
      if (!fnType.returnType.complete) {
        p.reporter.error(tok, `calling a function with incomplete return type '${typeName(fnType.returnType)}'`);
      } else if (node.kind === "call" && p.fn) {
        // Outside a function the call can only be an invalid static initializer, reported there.
        node.resultSlot = newTemporary(p, fnType.returnType, tok);
      }
    }
    return node;
  } finally {
    p.callArguments.length = base;
    p.callArgumentTokens.length = base;
  }
}

/** Converts the arguments of the call being parsed, those on the parser's stacks from `base` on. */
function convertArguments(p: Parser, tok: Token, fnType: FunctionType, base: number, name: string | undefined): Expr[] {
  const argTokens = p.callArgumentTokens;
  // slice() makes the array that stays in the tree exactly as long as the arguments.
  const args = p.callArguments.slice(base);
  if (fnType.prototyped) {
    const callee = name ? `function '${name}'` : "function";
    if (args.length < fnType.params.length) {
      p.reporter.error(tok, `too few arguments to ${callee} (expected ${fnType.params.length}, have ${args.length})`);
    } else if (args.length > fnType.params.length && !fnType.variadic) {
      p.reporter.error(argTokens[base + fnType.params.length], `too many arguments to ${callee} (expected ${fnType.params.length}, have ${args.length})`);
    }
  }
  for (let i = 0; i < args.length; i++) {
    const param = fnType.prototyped ? fnType.params[i] : undefined;
    if (param) {
      args[i] = convertArgument(p, argTokens[base + i], args[i], param, i, name);
      continue;
    }
    const value = promote(decay(args[i]));
    if (value.type.kind === "void") p.reporter.error(argTokens[base + i], "invalid use of void expression");
    if (value.type.kind === "integer" && value.type.rank === "bool") args[i] = castTo(value, intType);
    else if (value.type.kind === "float" && value.type.rank === "float") args[i] = castTo(value, doubleType);
    else args[i] = value;
  }
  return args;
}

// primary = "(" expression ")" | identifier | constant | string-literal+
function primary(p: Parser): Expr {
  const tok = p.tok;
  switch (tok.kind) {
    case "punctuator":
      if (tok.text === "(") {
        p.next();
        if (p.is("{")) return statementExpression(p, tok);
        const e = expression(p);
        p.expect(")");
        return e;
      }
      break;
    case "number":
      p.next();
      return integerConstant(p, tok);
    case "char": {
      p.next();
      const decoded = decodeCharLiteral(tok);
      if ("error" in decoded) {
        p.reporter.error(tok, decoded.error);
        return errorNode(tok);
      }
      return numberNode(tok, decoded.value);
    }
    case "string":
      return stringLiteral(p);
    case "identifier":
      // Every builtin's name starts with `__`, so other names skip the three
      // builtin tables. A name in scope is never a keyword, so it also skips
      // the keyword test.
      if (tok.text.charCodeAt(0) !== 0x5f) {
        const binding = p.lookup(tok.text);
        if (binding !== undefined) {
          p.next();
          return boundIdentifier(p, tok, binding);
        }
        if (!KEYWORDS.has(tok.text)) return identifier(p);
      }
      if (isStdargBuiltin(tok)) return stdargBuiltin(p);
      if (isFloatBuiltin(tok)) return floatBuiltin(p);
      if (isGnuBuiltin(tok)) return gnuBuiltin(p);
      if (!KEYWORDS.has(tok.text)) return identifier(p);
      if (tok.text === "__asm__" || tok.text === "asm") p.reporter.fail(tok, "inline assembly is not supported yet");
      if (tok.text === "_Generic") p.reporter.fail(tok, "_Generic is not supported yet");
      break;
    case "eof":
      break;
  }
  if (isTypeName(p)) p.reporter.fail(tok, `expected expression before '${tok.text}'`);
  p.reporter.fail(tok, `expected expression before ${describe(tok)}`);
}

const LITERAL_TYPES: Record<string, Type> = {
  int: intType, "unsigned int": uintType, long: longType, "unsigned long": ulongType,
  "long long": llongType, "unsigned long long": ullongType,
  float: floatType, double: doubleType, "long double": longDoubleType,
};

/**
 * Makes the node of a number token. The value and type of each spelling are
 * read once per parse and kept in `p.numberConstants`, because a file repeats
 * the same constants (`0`, `1`, masks, sizes) many times. A constant with a
 * diagnostic is read again each time, so that every occurrence reports it.
 */
function integerConstant(p: Parser, tok: Token): Expr {
  const known = p.numberConstants.get(tok.text);
  if (known !== undefined) return { kind: "number", value: known.value, type: known.type, tok };
  if (isFloatLiteral(tok.text)) {
    const parsed = parseFloatLiteral(tok);
    if ("error" in parsed) {
      p.reporter.error(tok, parsed.error);
      return errorNode(tok);
    }
    const node = numberNode(tok, parsed.value, LITERAL_TYPES[parsed.type]);
    // The 12 bytes of a long double constant stay with their node only.
    if (parsed.extended && node.kind === "number") return { ...node, extended: parsed.extended };
    return rememberConstant(p, node);
  }
  const parsed = parseIntegerLiteral(tok);
  if ("error" in parsed) {
    p.reporter.error(tok, parsed.error);
    return errorNode(tok);
  }
  if (parsed.warning) {
    p.reporter.warning(tok, parsed.warning);
    return numberNode(tok, parsed.value, LITERAL_TYPES[parsed.type]);
  }
  return rememberConstant(p, numberNode(tok, parsed.value, LITERAL_TYPES[parsed.type]));
}

function rememberConstant(p: Parser, node: Expr): Expr {
  if (node.kind === "number") p.numberConstants.set(node.tok.text, { value: node.value, type: node.type });
  return node;
}

/** Adjacent string literals are concatenated; the literal gets a `.LCn` label in `.rodata`. */
function stringLiteral(p: Parser): Expr {
  const tok = p.tok;
  const parts: Uint8Array[] = [];
  while (p.tok.kind === "string") {
    const part = p.next();
    const decoded = decodeStringLiteral(part);
    if ("error" in decoded) p.reporter.error(part, decoded.error);
    else parts.push(decoded.bytes);
  }
  const length = parts.reduce((n, b) => n + b.length, 0);
  const bytes = new Uint8Array(length + 1);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  const literal: StringLiteral = { label: `.LC${p.strings.length}`, bytes };
  p.strings.push(literal);
  return { kind: "string", literal, type: arrayOf(charType, bytes.length), tok };
}

/** The `__builtin_` spellings of library functions: calls to the plain function, as gcc makes them when it does not expand one inline. */
const LIBRARY_BUILTINS = new Set([
  "memcpy", "memmove", "memset", "memcmp", "strlen", "strcmp", "strncmp", "strcpy", "strncpy", "strcat", "strchr",
  "abort", "abs", "labs", "printf", "puts", "putchar", "malloc", "calloc", "free",
]);

function identifier(p: Parser): Expr {
  let tok = p.next();
  let binding = p.lookup(tok.text);
  if (!binding && tok.text.startsWith("__builtin_") && LIBRARY_BUILTINS.has(tok.text.slice(10)) && p.is("(")) {
    tok = { ...tok, text: tok.text.slice(10) };
    binding = p.lookup(tok.text);
  }
  if (!binding) {
    if (p.is("(")) return { kind: "function", fn: implicitDeclaration(p, tok), type: implicitFunctionType, tok };
    p.reporter.error(tok, `'${tok.text}' undeclared${p.fn ? " (first use in this function)" : " here (not in a function)"}`);
    return errorNode(tok);
  }
  return boundIdentifier(p, tok, binding);
}

/** Makes the node of identifier `tok`, which names `binding`. */
function boundIdentifier(p: Parser, tok: Token, binding: Binding): Expr {
  switch (binding.kind) {
    case "variable":
      // Only the first reference writes, so later ones leave the variable's cache line clean.
      if (binding.variable.isReferenced !== true) binding.variable.isReferenced = true;
      return { kind: "variable", variable: binding.variable, type: binding.variable.type, tok };
    case "function":
      binding.fn.isReferenced = true;
      return { kind: "function", fn: binding.fn, type: binding.fn.type, tok };
    case "enumConstant":
      return numberNode(tok, binding.value, binding.type);
    case "typedef":
      p.reporter.fail(tok, `expected expression before '${tok.text}'`);
  }
}

const implicitFunctionType = functionType(intType, [], false, false);

/** A call to an undeclared function declares `int name()` at file scope, as C89 did, with gcc's warning. */
function implicitDeclaration(p: Parser, tok: Token): FunctionSymbol {
  p.reporter.warning(tok, `implicit declaration of function '${tok.text}'`);
  const fn: FunctionSymbol = {
    name: tok.text, type: implicitFunctionType, tok, isStatic: false, isDefined: false, isImplicit: true,
  };
  p.declare(tok.text, { kind: "function", fn }, p.fileScope);
  return fn;
}
