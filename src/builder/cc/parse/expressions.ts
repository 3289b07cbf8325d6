// Expressions, from the comma operator down to primary expressions. Each
// function builds typed nodes through conversions.ts, so the result of a
// parse function already carries its C type.
import type { BinaryOp, Expr, ExprOf, Variable } from "../ast";
import type { Token } from "../token";
import {
  intType, uintType, isArithmetic, isInteger, isPointer, isScalar, isVariableLengthArray, pointerTo, sameType, typeName,
  type Type,
} from "../types";
import {
  add, arithmetic, arithmeticOperands, castTo, compare, condition, convertForAssignment, decay, errorNode,
  explicitCast, isErrorNode, isLvalue, numberNode, promote, shift, subtract,
} from "./conversions";
import { isTypeName, typeNameSyntax } from "./declarations";
import { describe, type Parser } from "./parser";
import { compoundLiteral } from "./initializers";
import { postfixExpression, postfixOperators } from "./postfix";
import { labelAddress } from "./statements";
import { sizeExpression, withPendingArraySizes } from "./vla";

// expression = assignment ("," expression)?
export function expression(p: Parser): Expr {
  let e = assignment(p);
  for (let count = 1; p.is(","); count++) {
    const tok = p.next();
    checkChainLength(p, tok, count);
    const right = decay(assignment(p));
    e = { kind: "comma", left: e, right, type: right.type, tok };
  }
  return e;
}

const COMPOUND_ASSIGNMENT: Record<string, BinaryOp> = {
  "+=": "+", "-=": "-", "*=": "*", "/=": "/", "%=": "%", "<<=": "<<", ">>=": ">>", "&=": "&", "|=": "|", "^=": "^",
};

// assignment = conditional (assign-op assignment)?
// assign-op = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "|=" | "^="
export function assignment(p: Parser): Expr {
  const target = conditionalExpression(p);
  const tok = p.tok;
  // Every assignment operator ends in `=`, which rules out most tokens without a table lookup.
  if (tok.kind !== "punctuator" || tok.text.charCodeAt(tok.text.length - 1) !== 0x3d) return target;
  if (tok.text === "=") {
    p.next();
    return assign(p, tok, target, p.nested(assignment));
  }
  const op = COMPOUND_ASSIGNMENT[tok.text];
  if (op) {
    p.next();
    return compoundAssign(p, tok, op, target, p.nested(assignment));
  }
  return target;
}

/** Reports why `target` cannot be assigned to, if it cannot. */
function checkAssignable(p: Parser, tok: Token, target: Expr, what: string): boolean {
  if (isErrorNode(target)) return false;
  if (!isLvalue(target) || target.kind === "string") {
    p.reporter.error(tok, `lvalue required as ${what}`);
    return false;
  }
  if (target.type.kind === "array") {
    p.reporter.error(tok, "assignment to expression with array type");
    return false;
  }
  if (target.type.kind === "function" || target.type.kind === "void") {
    p.reporter.error(tok, `lvalue required as ${what}`);
    return false;
  }
  return true;
}

export function assign(p: Parser, tok: Token, target: Expr, value: Expr): Expr {
  if (!checkAssignable(p, tok, target, "left operand of assignment")) return target;
  const converted = convertForAssignment(p, tok, value, target.type, "assignment to");
  return { kind: "assign", target, value: converted, type: target.type, tok };
}

/** A new unnamed local of the current function, for values that must be computed once. */
export function newTemporary(p: Parser, type: Type, tok: Token): Variable {
  if (!p.fn) p.reporter.internalError(tok, "a temporary is needed outside a function");
  const variable: Variable = {
    name: "", type, tok, isLocal: true, offset: 0, asmName: "", isStatic: false, isExtern: false, isDefinition: true,
  };
  p.fn.locals.push(variable);
  return variable;
}

function variableNode(variable: Variable, tok: Token): Expr {
  return { kind: "variable", variable, type: variable.type, tok };
}

/**
 * `a op= b` becomes `a = a op b` with `a` evaluated once: when `a` is not a
 * plain variable, its address goes into a temporary `t` and the result is
 * `*t = *t op b`.
 */
export function compoundAssign(p: Parser, tok: Token, op: BinaryOp, target: Expr, value: Expr): Expr {
  if (!checkAssignable(p, tok, target, "left operand of assignment")) return target;
  if (target.kind === "variable") return assign(p, tok, target, binaryOperation(p, tok, op, target, value));
  if (target.kind === "member" && target.member.bitField) {
    // A bit-field has no address: keep the address of the object that contains it.
    const base = target.base;
    const baseTemporary = newTemporary(p, pointerTo(base.type), tok);
    const saveBase: Expr = {
      kind: "assign", target: variableNode(baseTemporary, tok), value: { kind: "addr", operand: base, type: pointerTo(base.type), tok },
      type: pointerTo(base.type), tok,
    };
    const field = bitFieldThrough(target, baseTemporary, tok);
    const updateField = assign(p, tok, field, binaryOperation(p, tok, op, bitFieldThrough(target, baseTemporary, tok), value));
    return { kind: "comma", left: saveBase, right: updateField, type: updateField.type, tok };
  }

  const pointerType = pointerTo(target.type);
  const temporary = newTemporary(p, pointerType, tok);
  const address: Expr = { kind: "addr", operand: target, type: pointerType, tok };
  const saveAddress: Expr = { kind: "assign", target: variableNode(temporary, tok), value: address, type: pointerType, tok };
  const object = objectThrough(target, temporary, tok);
  const update = assign(p, tok, object, binaryOperation(p, tok, op, objectThrough(target, temporary, tok), value));
  return { kind: "comma", left: saveAddress, right: update, type: update.type, tok };
}

// compoundAssign calls the two helpers below twice, for two separate nodes.
// They are module functions rather than closures, because under tsx every
// closure gets a __name call (esbuild's keepNames) each time it is created.

/** Makes `*temporary`, where `temporary` contains the address of `target`. */
function objectThrough(target: Expr, temporary: Variable, tok: Token): Expr {
  return { kind: "deref", operand: variableNode(temporary, tok), type: target.type, tok };
}

/** Makes the bit-field `target` read through `baseTemporary`, which contains the address of the enclosing object. */
function bitFieldThrough(target: ExprOf<"member">, baseTemporary: Variable, tok: Token): Expr {
  return {
    kind: "member", member: target.member, type: target.type, tok,
    base: { kind: "deref", operand: variableNode(baseTemporary, tok), type: target.base.type, tok },
  };
}

/** `++a` and `--a`, as `a += 1` and `a -= 1`. */
export function preIncrement(p: Parser, tok: Token, target: Expr, delta: 1 | -1): Expr {
  if (!isScalar(target.type)) {
    p.reporter.error(tok, `wrong type argument to ${delta > 0 ? "increment" : "decrement"}`);
    return target;
  }
  return compoundAssign(p, tok, delta > 0 ? "+" : "-", target, numberNode(tok, 1));
}

/** `a++` and `a--`, as `(a += 1) - 1` and `(a -= 1) + 1` converted back to the type of `a`. */
export function postIncrement(p: Parser, tok: Token, target: Expr, delta: 1 | -1): Expr {
  if (!isScalar(target.type)) {
    p.reporter.error(tok, `wrong type argument to ${delta > 0 ? "increment" : "decrement"}`);
    return target;
  }
  const updated = preIncrement(p, tok, target, delta);
  const undo = delta > 0 ? subtract(p, tok, updated, numberNode(tok, 1)) : add(p, tok, updated, numberNode(tok, 1));
  return castTo(undo, target.type);
}

/** Builds `left op right` for the arithmetic, bitwise and shift operators. */
export function binaryOperation(p: Parser, tok: Token, op: BinaryOp, left: Expr, right: Expr): Expr {
  switch (op) {
    case "+": return add(p, tok, left, right);
    case "-": return subtract(p, tok, left, right);
    case "<<": case ">>": return shift(p, tok, op, left, right);
    case "==": case "!=": case "<": case "<=": case ">": case ">=": return compare(p, tok, op, left, right);
    default: return arithmetic(p, tok, op, left, right);
  }
}

// conditional = logical-or ("?" expression ":" conditional)?
export function conditionalExpression(p: Parser): Expr {
  const c = binaryExpression(p, LOGICAL_OR);
  if (!p.is("?")) return c;
  const tok = p.next();
  const then = decay(expression(p));
  p.expect(":");
  const otherwise = decay(p.nested(conditionalExpression));
  const [a, b, type] = conditionalOperands(p, tok, then, otherwise);
  return { kind: "conditional", condition: condition(p, c), then: a, otherwise: b, type, tok };
}

function conditionalOperands(p: Parser, tok: Token, a: Expr, b: Expr): [Expr, Expr, Type] {
  if (isArithmetic(a.type) && isArithmetic(b.type)) return arithmeticOperands(p, tok, "?:", a, b);
  if (a.type.kind === "void" || b.type.kind === "void") return [a, b, a.type.kind === "void" ? a.type : b.type];
  if (isPointer(a.type) && isPointer(b.type)) {
    if (a.type.base.kind === "void") return [a, castTo(b, a.type), a.type];
    if (b.type.base.kind === "void") return [castTo(a, b.type), b, b.type];
    if (!sameType(a.type, b.type)) p.reporter.warning(tok, "pointer type mismatch in conditional expression");
    return [a, castTo(b, a.type), a.type];
  }
  if (isPointer(a.type) && isInteger(b.type)) return [a, castTo(b, a.type), a.type];
  if (isPointer(b.type) && isInteger(a.type)) return [castTo(a, b.type), b, b.type];
  if (a.type.kind === "struct" && a.type === b.type) return [a, b, a.type];
  p.reporter.error(tok, `type mismatch in conditional expression ('${typeName(a.type)}' and '${typeName(b.type)}')`);
  return [a, castTo(b, a.type), a.type];
}

/**
 * Maximum operators of one precedence level in a row, such as the `+` of
 * `1 + 1 + ... + 1`. Each one deepens the tree that the code generator
 * walks recursively, and about 5,000 overflow the JavaScript stack in Node.
 */
export const MAX_OPERATOR_CHAIN = 2000;

function checkChainLength(p: Parser, tok: Token, count: number): void {
  if (count < MAX_OPERATOR_CHAIN) return;
  p.reporter.fail(tok, `expression is too long: more than ${MAX_OPERATOR_CHAIN} '${tok.text}' operators in a row; split it into several statements`);
}

/** Precedences of the two logical operators. binaryPrecedence returns higher ones for the other operators. */
const LOGICAL_OR = 1;
const LOGICAL_AND = 2;

/**
 * Returns the precedence of a binary operator, from `||` (1) to `*`, `/`
 * and `%` (10), or 0 for any other token. The test runs after every
 * operand, so it switches on the first character instead of looking the
 * spelling up in a table by string key.
 */
function binaryPrecedence(tok: Token): number {
  if (tok.kind !== "punctuator") return 0;
  const text = tok.text;
  const single = text.length === 1;
  switch (text.charCodeAt(0)) {
    case 0x7c: // `|` and `||`, not `|=`
      if (single) return 3;
      return text === "||" ? LOGICAL_OR : 0;
    case 0x26: // `&` and `&&`, not `&=`
      if (single) return 5;
      return text === "&&" ? LOGICAL_AND : 0;
    case 0x5e: return single ? 4 : 0; // `^`
    case 0x3d: return text === "==" ? 6 : 0;
    case 0x21: return text === "!=" ? 6 : 0;
    case 0x3c: case 0x3e: // `<`, `<=`, `<<` and the same with `>`
      if (single || text.charCodeAt(1) === 0x3d) return text.length <= 2 ? 7 : 0;
      if (text.length === 2 && text.charCodeAt(1) === text.charCodeAt(0)) return 8;
      return 0;
    case 0x2b: case 0x2d: return single ? 9 : 0; // `+`, `-`
    case 0x2a: case 0x2f: case 0x25: return single ? 10 : 0; // `*`, `/`, `%`
    default: return 0;
  }
}

/*
 * logical-or = logical-and ("||" logical-and)*, and so on down to
 * multiplicative = cast ("*" cast | "/" cast | "%" cast)*
 * One precedence-climbing loop parses all ten left-associative levels, so
 * a parenthesized expression costs one stack frame here instead of twenty.
 */
function binaryExpression(p: Parser, minPrecedence: number): Expr {
  let left = castExpression(p);
  for (let count = 1; ; count++) {
    const tok = p.tok;
    const precedence = binaryPrecedence(tok);
    if (precedence === 0 || precedence < minPrecedence) return left;
    p.next();
    checkChainLength(p, tok, count);
    if (precedence <= LOGICAL_AND) {
      // The left operand becomes a condition before the right one is parsed, so its diagnostics come first.
      const leftCondition = condition(p, left);
      const right = condition(p, binaryExpression(p, precedence + 1));
      left = { kind: "logical", op: tok.text as "&&" | "||", left: leftCondition, right, type: intType, tok };
    } else {
      const right = binaryExpression(p, precedence + 1);
      left = binaryOperation(p, tok, tok.text as BinaryOp, left, right);
    }
  }
}

// cast = "(" type-name ")" cast | unary
export function castExpression(p: Parser): Expr {
  return p.nested(castOrUnary);
}

function castOrUnary(p: Parser): Expr {
  const tok = p.tok;
  if (tok.kind === "punctuator" && tok.text === "(" && isTypeName(p, p.peek())) {
    p.next();
    const type = typeNameSyntax(p);
    p.expect(")");
    if (p.is("{")) return postfixOperators(p, compoundLiteral(p, tok, type));
    return explicitCast(p, tok, castExpression(p), type);
  }
  return unary(p);
}

// unary = ("+" | "-" | "!" | "~" | "*" | "&") cast | ("++" | "--") unary
//       | "sizeof" unary | "sizeof" "(" type-name ")" | "_Alignof" "(" type-name ")" | postfix
export function unary(p: Parser): Expr {
  const tok = p.tok;
  if (tok.kind === "punctuator") {
    switch (tok.text) {
      case "+": {
        p.next();
        return unaryArithmetic(p, tok, castExpression(p), "+");
      }
      case "-": {
        p.next();
        const operand = unaryArithmetic(p, tok, castExpression(p), "-");
        return { kind: "unary", op: "neg", operand, type: operand.type, tok };
      }
      case "~": {
        p.next();
        const operand = unaryArithmetic(p, tok, castExpression(p), "~");
        return { kind: "unary", op: "bitnot", operand, type: operand.type, tok };
      }
      case "!": {
        p.next();
        const operand = condition(p, castExpression(p));
        return { kind: "unary", op: "lognot", operand, type: intType, tok };
      }
      case "&": {
        p.next();
        return addressOf(p, tok, castExpression(p));
      }
      case "&&":
        if (p.peek().kind === "identifier" && p.fn) return labelAddress(p);
        break;
      case "*": {
        p.next();
        return dereference(p, tok, castExpression(p));
      }
      case "++": case "--": {
        p.next();
        return preIncrement(p, tok, p.nested(unary), tok.text === "++" ? 1 : -1);
      }
    }
  }
  if (tok.kind === "identifier" && (tok.text === "sizeof" || tok.text === "_Alignof" || tok.text === "__alignof__" || tok.text === "__alignof")) {
    return sizeofExpression(p);
  }
  return postfixExpression(p);
}

function unaryArithmetic(p: Parser, tok: Token, operand: Expr, op: string): Expr {
  const e = promote(decay(operand));
  if (!(op === "~" ? isInteger(e.type) : isArithmetic(e.type))) {
    p.reporter.error(tok, `wrong type argument to unary '${op}' (have '${typeName(e.type)}')`);
    return castTo(numberNode(tok, 0), intType);
  }
  return e;
}

export function addressOf(p: Parser, tok: Token, operand: Expr): Expr {
  if (operand.kind === "deref") return { ...operand.operand, type: pointerTo(operand.type) };
  if (operand.type.kind === "function") return { kind: "addr", operand, type: pointerTo(operand.type), tok };
  if (!isLvalue(operand)) {
    p.reporter.error(tok, "lvalue required as unary '&' operand");
    return errorNode(tok);
  }
  if (operand.kind === "member" && operand.member.bitField) {
    p.reporter.error(tok, `cannot take address of bit-field '${operand.member.name}'`);
    return errorNode(tok);
  }
  return { kind: "addr", operand, type: pointerTo(operand.type), tok };
}

export function dereference(p: Parser, tok: Token, operand: Expr): Expr {
  const pointer = decay(operand);
  if (isErrorNode(pointer)) return pointer;
  if (!isPointer(pointer.type)) {
    p.reporter.error(tok, `invalid type argument of unary '*' (have '${typeName(pointer.type)}')`);
    return errorNode(tok);
  }
  if (pointer.type.base.kind === "void") {
    p.reporter.error(tok, "dereferencing a 'void *' pointer");
    return errorNode(tok);
  }
  return { kind: "deref", operand: pointer, type: pointer.type.base, tok };
}

/** `sizeof` and `_Alignof` have type `size_t`, which is `unsigned int` on i386. */
function sizeofExpression(p: Parser): Expr {
  const tok = p.next();
  const isAlign = tok.text !== "sizeof";
  let type: Type;
  if (p.is("(") && isTypeName(p, p.peek())) {
    p.next();
    type = typeNameSyntax(p);
    p.expect(")");
  } else {
    if (isAlign && !p.is("(")) p.reporter.fail(p.tok, `expected '(' before ${describe(p.tok)}`);
    type = p.nested(unary).type;
  }
  if (!isAlign && isVariableLengthArray(type)) return withPendingArraySizes(p, sizeExpression(type, tok));
  if (type.kind === "function") {
    p.reporter.error(tok, `invalid application of '${tok.text}' to a function type`);
  } else if (type.kind === "void" || (type.kind === "struct" && !type.complete) ||
    (type.kind === "array" && type.length === undefined && !isVariableLengthArray(type))) {
    p.reporter.error(tok, `invalid application of '${tok.text}' to incomplete type '${typeName(type)}'`);
  }
  if (!isAlign) return numberNode(tok, type.size, uintType);
  // gcc's __alignof__ gives the preferred alignment, 8 for a lone long long or double on
  // i386; C11's _Alignof gives the ABI alignment inside structs, 4.
  const preferred = tok.text !== "_Alignof" && (type.kind === "integer" || type.kind === "float") && type.size === 8;
  return numberNode(tok, preferred ? 8 : type.align, uintType);
}
