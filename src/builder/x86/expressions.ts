// Expressions in operands and directives: parsing into trees and evaluating
// them to `constant + symbol - symbol`, the form a relocation can carry.
//
// Precedence follows GNU as, from loosest to tightest:
//   && ||
//   + - == != <> < > <= >=
//   | & ^
//   * / % << >>
//   unary - ~ ! +
import type { AsmToken, SourcePosition } from "./lexer";
import type { AsmSymbol, Expr } from "./model";

/** Supplies the symbols that identifiers, `.` and `1b`/`1f` refer to. */
export interface SymbolResolver {
  reference(token: AsmToken): AsmSymbol;
  /** A symbol for the current location. */
  dot(token: AsmToken): AsmSymbol;
  /** The symbol for `1b` or `1f`, or undefined (after reporting) when `1b` has no earlier `1:`. */
  localReference(token: AsmToken): AsmSymbol | undefined;
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly token: AsmToken,
  ) {
    super(message);
  }
}

/** A cursor over the tokens of one statement; `end` is the index of its `end` token. */
export class TokenCursor {
  constructor(
    readonly tokens: readonly AsmToken[],
    public pos: number,
    readonly end: number,
  ) {}

  peek(offset = 0): AsmToken {
    const index = this.pos + offset;
    return this.tokens[index < this.end ? index : this.end]!;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  next(): AsmToken {
    const token = this.peek();
    if (this.pos < this.end) this.pos++;
    return token;
  }

  isPunctuator(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === "punctuator" && token.text === text;
  }

  accept(text: string): boolean {
    if (!this.isPunctuator(text)) return false;
    this.pos++;
    return true;
  }

  expect(text: string): AsmToken {
    const token = this.peek();
    if (!this.accept(text)) throw new ParseError(`expected \`${text}\`${describeFound(token)}`, token);
    return token;
  }
}

export function describeFound(token: AsmToken): string {
  return token.kind === "end" ? " at end of line" : ` before \`${token.kind === "register" ? "%" : ""}${token.text}\``;
}

/** Returns the precedence level of a binary operator token, from 0 (loosest) to 3, or -1 for any other token. */
function binaryLevel(token: AsmToken): number {
  if (token.kind !== "punctuator") return -1;
  switch (token.text) {
    case "&&":
    case "||":
      return 0;
    case "+":
    case "-":
    case "==":
    case "!=":
    case "<>":
    case "<":
    case ">":
    case "<=":
    case ">=":
      return 1;
    case "|":
    case "&":
    case "^":
      return 2;
    case "*":
    case "/":
    case "%":
    case "<<":
    case ">>":
      return 3;
    default:
      return -1;
  }
}

/**
 * The maximum number of operators and parentheses in one expression. The
 * parser recurses once per parenthesis or unary operator, and evaluate()
 * once per level of the tree, which a chain of binary operators makes as
 * deep as it is long. In Node 20, 3,000 nested parentheses overflowed the
 * stack in a fresh process but not once the code had warmed up. A fixed
 * limit well below that gives the same result in every process.
 * A symbol's `.set` expression is evaluated inside the expressions that
 * name it, so evaluate() has a limit of its own, MAX_EVALUATION_LEVELS.
 */
export const MAX_EXPRESSION_OPERATORS = 500;

/** The operators and parentheses of the expression being parsed, which parseExpression resets. */
let operators = 0;

/** Counts one operator or parenthesis of the expression being parsed, and rejects one past the limit. */
function countOperator(token: AsmToken): void {
  if (++operators > MAX_EXPRESSION_OPERATORS) {
    throw new ParseError(`expression has more than ${MAX_EXPRESSION_OPERATORS} operators and parentheses. Split it into parts with \`.set\``, token);
  }
}

export function parseExpression(cursor: TokenCursor, resolver: SymbolResolver): Expr {
  operators = 0;
  return parseLevel(cursor, resolver, 0);
}

/**
 * Parses operands joined by binary operators of `level` or tighter, by
 * precedence climbing: all operators are left-associative, so the right
 * operand of an operator takes only tighter operators.
 */
function parseLevel(cursor: TokenCursor, resolver: SymbolResolver, level: number): Expr {
  let left = parseUnary(cursor, resolver);
  for (;;) {
    const token = cursor.peek();
    const tokenLevel = binaryLevel(token);
    if (tokenLevel < level) return left;
    cursor.next();
    countOperator(token);
    const right = parseLevel(cursor, resolver, tokenLevel + 1);
    left = { kind: "binary", op: token.text, left, right, token };
  }
}

function parseUnary(cursor: TokenCursor, resolver: SymbolResolver): Expr {
  const token = cursor.peek();
  if (token.kind === "punctuator" && (token.text === "-" || token.text === "~" || token.text === "!" || token.text === "+")) {
    cursor.next();
    countOperator(token);
    const operand = parseUnary(cursor, resolver);
    return token.text === "+" ? operand : { kind: "unary", op: token.text, operand, token };
  }
  return parsePrimary(cursor, resolver);
}

function parsePrimary(cursor: TokenCursor, resolver: SymbolResolver): Expr {
  const token = cursor.next();
  switch (token.kind) {
    case "number":
      return { kind: "number", value: token.value };
    case "identifier":
      if (token.text === ".") return { kind: "symbol", symbol: resolver.dot(token), token };
      return { kind: "symbol", symbol: resolver.reference(token), token };
    case "local-ref": {
      const symbol = resolver.localReference(token);
      if (symbol === undefined) return { kind: "number", value: 0 };
      return { kind: "symbol", symbol, token };
    }
    case "punctuator":
      if (token.text === "(") {
        countOperator(token);
        const inner = parseLevel(cursor, resolver, 0);
        cursor.expect(")");
        return inner;
      }
      break;
    default:
      break;
  }
  throw new ParseError(`expected an expression${describeFound(token)}`, token);
}

/** `constant + symbol - minus`; a plain constant has neither symbol. */
export interface Resolved {
  constant: number;
  symbol?: AsmSymbol;
  minus?: AsmSymbol;
}

export interface EvaluationError {
  error: string;
  token?: SourcePosition;
}

export function isEvaluationError(result: Resolved | EvaluationError): result is EvaluationError {
  return "error" in result;
}

/** Address of a label within its section, or undefined when it is not a placed label. */
export function labelAddress(symbol: AsmSymbol): number | undefined {
  return symbol.fragment < 0 ? undefined : symbol.section!.fragments.address(symbol.fragment) + symbol.offset;
}

const MAX_EQUATE_DEPTH = 100;

/**
 * The deepest evaluate() goes into an expression tree, counting the trees
 * of the `.set` symbols it passes through. Each expression alone stays
 * within MAX_EXPRESSION_OPERATORS. A chain of symbols that valueNow could
 * not fold, each defined by a long expression naming the one before, nests
 * their trees. In Node 20, a chain of 8 symbols of 450 operators each
 * overflowed the stack in a fresh process, and a chain of 6 did not.
 */
export const MAX_EVALUATION_LEVELS = 1000;

/**
 * Evaluates an expression. With `layoutDone`, the difference of two labels
 * in the same section folds to a constant; before layout it stays symbolic.
 * `equates` counts the `.set` symbols passed through, and `level` the tree
 * levels above `expr`. Callers outside this module leave both at 0.
 */
export function evaluate(expr: Expr, layoutDone: boolean, equates = 0, level = 0): Resolved | EvaluationError {
  if (level > MAX_EVALUATION_LEVELS && expr.kind !== "number") {
    return {
      error: `expression nests more than ${MAX_EVALUATION_LEVELS} levels deep, counting the expressions of the \`.set\` symbols it uses. Give some of those symbols shorter expressions`,
      token: expr.token,
    };
  }
  switch (expr.kind) {
    case "number":
      return { constant: expr.value };
    case "symbol": {
      const symbol = expr.symbol;
      if (symbol.equated !== undefined) {
        // All `.set` lines have run and the labels have their final addresses once layout is done.
        if (layoutDone && symbol.valueAfterLayout !== undefined) return symbol.valueAfterLayout;
        if (equates > MAX_EQUATE_DEPTH) {
          return {
            error: `symbol \`${symbol.displayName}\` is defined in terms of itself, or its value goes through more than ${MAX_EQUATE_DEPTH} \`.set\` symbols that were not folded to a number or label where they were set. Shorten that chain`,
            token: expr.token,
          };
        }
        const value = evaluate(symbol.equated, layoutDone, equates + 1, level + 1);
        if (layoutDone && !isEvaluationError(value)) symbol.valueAfterLayout = value;
        return value;
      }
      return { constant: 0, symbol };
    }
    case "unary": {
      const operand = evaluate(expr.operand, layoutDone, equates, level + 1);
      if (isEvaluationError(operand)) return operand;
      if (operand.symbol !== undefined || operand.minus !== undefined) {
        return { error: `unary \`${expr.op}\` needs a constant operand`, token: expr.token };
      }
      return { constant: applyUnary(expr.op, operand.constant) };
    }
    case "binary":
      return evaluateBinary(expr, layoutDone, equates, level);
  }
}

/**
 * Returns `expr` as the value it has now, for a `.set` symbol: a number,
 * or a symbol plus a number, or the difference of two symbols plus a
 * number. Like GNU as, a symbol's `.set` then keeps the values its
 * operands had at that line, so `.set i, i+1` counts up, and a later
 * `.set` of an operand does not change it. When `expr` cannot be evaluated
 * yet (an operator on a label difference before layout, or an error), it
 * is returned as it is and evaluated where the symbol is used.
 */
export function valueNow(expr: Expr): Expr {
  if (expr.kind === "number") return expr;
  const result = evaluate(expr, false);
  if (isEvaluationError(result)) return expr;
  const { constant, symbol, minus } = result;
  const number: Expr = { kind: "number", value: constant };
  if (symbol === undefined) return minus === undefined ? number : expr;
  const token = expr.token;
  let value: Expr = { kind: "symbol", symbol, token };
  if (minus !== undefined) value = { kind: "binary", op: "-", left: value, right: { kind: "symbol", symbol: minus, token }, token };
  return constant === 0 ? value : { kind: "binary", op: "+", left: value, right: number, token };
}

function applyUnary(op: string, value: number): number {
  if (op === "-") return -value;
  if (op === "~") return ~value;
  return value === 0 ? 1 : 0;
}

function evaluateBinary(
  expr: Extract<Expr, { kind: "binary" }>,
  layoutDone: boolean,
  equates: number,
  level: number,
): Resolved | EvaluationError {
  const left = evaluate(expr.left, layoutDone, equates, level + 1);
  if (isEvaluationError(left)) return left;
  const right = evaluate(expr.right, layoutDone, equates, level + 1);
  if (isEvaluationError(right)) return right;

  if (expr.op === "+") {
    if (left.symbol && right.symbol) return { error: "cannot add two symbols", token: expr.token };
    if (left.minus && right.minus) return { error: "expression is too complex for a relocation", token: expr.token };
    return { constant: left.constant + right.constant, symbol: left.symbol ?? right.symbol, minus: left.minus ?? right.minus };
  }
  if (expr.op === "-") return subtract(left, right, layoutDone, expr.token);

  if (left.symbol || left.minus || right.symbol || right.minus) {
    return { error: `operator \`${expr.op}\` needs constant operands`, token: expr.token };
  }
  const value = applyBinary(expr.op, left.constant, right.constant);
  if (value === undefined) return { error: "division by zero", token: expr.token };
  return { constant: value };
}

function subtract(left: Resolved, right: Resolved, layoutDone: boolean, token: SourcePosition): Resolved | EvaluationError {
  const constant = left.constant - right.constant;
  if (right.minus) return { error: "expression is too complex for a relocation", token };
  if (!right.symbol) return { constant, symbol: left.symbol, minus: left.minus };
  if (!left.symbol) return { error: `cannot subtract symbol \`${right.symbol.displayName}\` from a constant`, token };
  const a = left.symbol;
  const b = right.symbol;
  if (a === b) return { constant, minus: left.minus };
  if (layoutDone && a.section !== undefined && a.section === b.section) {
    const difference = labelAddress(a)! - labelAddress(b)!;
    return { constant: constant + difference, minus: left.minus };
  }
  if (left.minus) return { error: "expression is too complex for a relocation", token };
  return { constant, symbol: a, minus: b };
}

// GNU as comparison operators yield -1 for true.
function applyBinary(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case "*":
      return a * b;
    case "/":
      return b === 0 ? undefined : Math.trunc(a / b);
    case "%":
      return b === 0 ? undefined : a % b;
    case "<<":
      return a * 2 ** b;
    case ">>":
      return Math.floor(a / 2 ** b);
    case "|":
      return a | b;
    case "&":
      return a & b;
    case "^":
      return a ^ b;
    case "==":
      return a === b ? -1 : 0;
    case "!=":
    case "<>":
      return a !== b ? -1 : 0;
    case "<":
      return a < b ? -1 : 0;
    case ">":
      return a > b ? -1 : 0;
    case "<=":
      return a <= b ? -1 : 0;
    case ">=":
      return a >= b ? -1 : 0;
    case "&&":
      return a !== 0 && b !== 0 ? 1 : 0;
    case "||":
      return a !== 0 || b !== 0 ? 1 : 0;
    default:
      throw new Error(`internal error: unknown operator ${op}`);
  }
}
