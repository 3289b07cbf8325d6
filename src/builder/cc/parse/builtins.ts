// GNU builtins that OS code uses and that need no library support:
// __builtin_expect, __builtin_offsetof, __builtin_constant_p,
// __builtin_types_compatible_p, __builtin_unreachable, the function-name
// identifiers (__func__ and gcc's spellings), and statement expressions.
import type { Expr, StringLiteral } from "../ast";
import type { Token } from "../token";
import { arrayOf, charType, findMember, isInteger, longType, sameType, typeName, uintType, voidType, type Type } from "../types";
import { constantExpression, evaluate } from "./constants";
import { castTo, convertForAssignment, decay, errorNode, numberNode } from "./conversions";
import { typeNameSyntax } from "./declarations";
import { assignment } from "./expressions";
import type { Parser } from "./parser";
import { compoundStatement } from "./statements";

const FUNCTION_NAMES = new Set(["__func__", "__FUNCTION__", "__PRETTY_FUNCTION__"]);
const BUILTINS = new Set([
  "__builtin_expect", "__builtin_offsetof", "__builtin_constant_p", "__builtin_types_compatible_p",
  "__builtin_unreachable",
]);

export function isGnuBuiltin(tok: Token): boolean {
  return tok.kind === "identifier" && (BUILTINS.has(tok.text) || FUNCTION_NAMES.has(tok.text));
}

export function gnuBuiltin(p: Parser): Expr {
  const tok = p.next();
  if (FUNCTION_NAMES.has(tok.text)) return functionName(p, tok);
  p.expect("(");
  let result: Expr;
  switch (tok.text) {
    case "__builtin_expect": {
      // __builtin_expect(long exp, long c) returns exp; the hint only steers gcc's block layout.
      const value = assignment(p);
      p.expect(",");
      assignment(p);
      result = convertForAssignment(p, tok, value, longType, "passing argument 1 of '__builtin_expect' as");
      break;
    }
    case "__builtin_offsetof":
      result = offsetOf(p, tok);
      break;
    case "__builtin_constant_p": {
      const value = decay(assignment(p));
      const constant = (isInteger(value.type) || value.type.kind === "pointer") && evaluate(value) !== undefined;
      result = numberNode(tok, constant ? 1 : 0);
      break;
    }
    case "__builtin_types_compatible_p": {
      const a = typeNameSyntax(p);
      p.expect(",");
      const b = typeNameSyntax(p);
      result = numberNode(tok, sameType(a, b) ? 1 : 0);
      break;
    }
    case "__builtin_unreachable":
      result = castTo(numberNode(tok, 0), voidType);
      break;
    default:
      p.internalError(`builtin '${tok.text}' has no handler`);
  }
  p.expect(")");
  return result;
}

/** `__func__`: a static `const char[]` holding the enclosing function's name. */
function functionName(p: Parser, tok: Token): Expr {
  if (!p.fn) {
    p.reporter.error(tok, `'${tok.text}' is not defined outside of function scope`);
    return errorNode(tok);
  }
  const name = new TextEncoder().encode(p.fn.symbol.name);
  const bytes = new Uint8Array(name.length + 1);
  bytes.set(name);
  const literal: StringLiteral = { label: `.LC${p.strings.length}`, bytes };
  p.strings.push(literal);
  return { kind: "string", literal, type: arrayOf(charType, bytes.length), tok };
}

/*
 * offsetof = "__builtin_offsetof" "(" type-name "," identifier ("." identifier | "[" constant-expression "]")* ")"
 */
function offsetOf(p: Parser, tok: Token): Expr {
  let type: Type = typeNameSyntax(p);
  p.expect(",");
  let offset = 0;
  let first = true;
  while (first || p.is(".") || p.is("[")) {
    if (!first && p.consume("[")) {
      if (type.kind !== "array") p.reporter.fail(tok, `cannot apply '[]' in offsetof to type '${typeName(type)}'`);
      const index = constantExpression(p, "array index in offsetof");
      p.expect("]");
      type = type.element;
      offset += index * type.size;
      continue;
    }
    if (!first) p.expect(".");
    first = false;
    const name = p.expectIdentifier("a member name");
    if (type.kind !== "struct") p.reporter.fail(name, `request for member '${name.text}' in something not a structure or union`);
    const member = findMember(type, name.text);
    if (!member) p.reporter.fail(name, `'${typeName(type)}' has no member named '${name.text}'`);
    if (member.bitField) p.reporter.error(name, `cannot apply 'offsetof' to a bit-field`);
    offset += member.offset;
    type = member.type;
  }
  return numberNode(tok, offset, uintType);
}

/**
 * statement-expression = "(" compound-statement ")"
 * The value is the last statement's when it is an expression statement,
 * otherwise the expression has type void. The opening `(` is consumed.
 */
export function statementExpression(p: Parser, tok: Token): Expr {
  if (!p.fn) p.reporter.fail(tok, "braced-group within expression allowed only inside a function");
  const body = compoundStatement(p);
  p.expect(")");
  if (body.kind !== "block") p.internalError("a compound statement that is not a block");
  const last = body.body[body.body.length - 1];
  let value: Expr | undefined;
  if (last?.kind === "expr" && !last.isDeclaration) {
    body.body.pop();
    value = decay(last.expr);
  }
  return { kind: "statementExpression", body, value, type: value?.type ?? voidType, tok };
}

