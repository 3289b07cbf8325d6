// `#if` constant expressions (C11 6.10.1): every operand is an intmax_t or
// a uintmax_t, which are 64-bit here, and results wrap as gcc's do.
import type { Diagnostic } from "../../diagnostic";
import { decodeCharLiteral, parseIntegerLiteral } from "../literals";
import type { Token } from "../token";
import { diagnosticAt, isPunctuator } from "./tokens";

interface Value {
  value: bigint;
  unsigned: boolean;
}

/**
 * Maximum nesting of parentheses, `?:` and unary operators in a `#if`
 * expression. The evaluator recurses once per level, and this bound keeps
 * it well inside the JavaScript stack.
 */
export const MAX_EXPRESSION_DEPTH = 200;

/** Raised inside the evaluator to abandon an invalid expression after reporting it. */
class ExpressionError extends Error {}

// Binary operators by precedence level, loosest first; `?:` and `,` are parsed separately.
const BINARY_LEVELS: readonly (readonly string[])[] = [
  ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", ">", "<=", ">="], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
];

function wrap(value: bigint, unsigned: boolean): Value {
  return { value: unsigned ? BigInt.asUintN(64, value) : BigInt.asIntN(64, value), unsigned };
}

function truth(condition: boolean): Value {
  return { value: condition ? 1n : 0n, unsigned: false };
}

/**
 * Evaluates a `#if` or `#elif` line after macro expansion and `defined`
 * replacement. Identifiers left over count as 0. Reports errors and
 * returns false for an invalid expression.
 */
export function evaluateCondition(tokens: readonly Token[], directive: Token, diagnostics: Diagnostic[]): boolean {
  if (tokens.length === 0) {
    diagnostics.push(diagnosticAt(directive, "error", `#${directive.text} with no expression`));
    return false;
  }
  const evaluator = new Evaluator(tokens, directive, diagnostics);
  try {
    return evaluator.evaluateAll().value !== 0n;
  } catch (error) {
    if (error instanceof ExpressionError) return false;
    throw error;
  }
}

class Evaluator {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly directive: Token,
    private readonly diagnostics: Diagnostic[],
  ) {}

  evaluateAll(): Value {
    const result = this.comma(true);
    const extra = this.tokens[this.pos];
    if (extra !== undefined) this.fail(extra, `missing binary operator before token '${extra.text}'`);
    return result;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private accept(text: string): Token | undefined {
    const tok = this.tokens[this.pos];
    if (tok !== undefined && isPunctuator(tok, text)) {
      this.pos++;
      return tok;
    }
    return undefined;
  }

  private fail(tok: Token | undefined, message: string): never {
    this.diagnostics.push(diagnosticAt(tok ?? this.tokens[this.tokens.length - 1] ?? this.directive, "error", message));
    throw new ExpressionError(message);
  }

  private enter(): void {
    if (++this.depth > MAX_EXPRESSION_DEPTH) {
      this.fail(this.peek(), `#${this.directive.text} expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep`);
    }
  }

  // expression = conditional ("," conditional)*
  private comma(evaluate: boolean): Value {
    this.enter();
    let result = this.conditional(evaluate);
    while (this.accept(",")) result = this.conditional(evaluate);
    this.depth--;
    return result;
  }

  // conditional = binary(0) ("?" expression ":" conditional)?
  private conditional(evaluate: boolean): Value {
    const condition = this.binary(0, evaluate);
    const question = this.accept("?");
    if (question === undefined) return condition;
    const chooseFirst = condition.value !== 0n;
    const first = this.comma(evaluate && chooseFirst);
    if (!this.accept(":")) this.fail(this.peek() ?? question, "'?' without following ':' in #if expression");
    this.enter();
    const second = this.conditional(evaluate && !chooseFirst);
    this.depth--;
    const unsigned = first.unsigned || second.unsigned;
    return wrap(chooseFirst ? first.value : second.value, unsigned);
  }

  // binary(level) = binary(level + 1) (op binary(level + 1))*, with op from BINARY_LEVELS[level]
  private binary(level: number, evaluate: boolean): Value {
    if (level === BINARY_LEVELS.length) return this.unary(evaluate);
    let left = this.binary(level + 1, evaluate);
    for (;;) {
      const tok = this.peek();
      if (tok === undefined || tok.kind !== "punctuator" || !BINARY_LEVELS[level].includes(tok.text)) return left;
      this.pos++;
      if (tok.text === "&&" || tok.text === "||") {
        const decided = tok.text === "&&" ? left.value === 0n : left.value !== 0n;
        const right = this.binary(level + 1, evaluate && !decided);
        left = truth(tok.text === "&&" ? left.value !== 0n && right.value !== 0n : left.value !== 0n || right.value !== 0n);
        continue;
      }
      const right = this.binary(level + 1, evaluate);
      left = this.apply(tok, left, right, evaluate);
    }
  }

  private apply(operator: Token, left: Value, right: Value, evaluate: boolean): Value {
    if (operator.text === "<<" || operator.text === ">>") return this.shift(operator.text, left, right);
    const unsigned = left.unsigned || right.unsigned;
    const a = unsigned ? BigInt.asUintN(64, left.value) : left.value;
    const b = unsigned ? BigInt.asUintN(64, right.value) : right.value;
    switch (operator.text) {
      case "*": return wrap(a * b, unsigned);
      case "/":
      case "%":
        if (b === 0n) {
          if (evaluate) this.fail(operator, `division by zero in #${this.directive.text}`);
          return wrap(0n, unsigned);
        }
        return wrap(operator.text === "/" ? a / b : a % b, unsigned);
      case "+": return wrap(a + b, unsigned);
      case "-": return wrap(a - b, unsigned);
      case "<": return truth(a < b);
      case ">": return truth(a > b);
      case "<=": return truth(a <= b);
      case ">=": return truth(a >= b);
      case "==": return truth(a === b);
      case "!=": return truth(a !== b);
      case "&": return wrap(a & b, unsigned);
      case "^": return wrap(a ^ b, unsigned);
      case "|": return wrap(a | b, unsigned);
      default:
        throw new Error(`internal error at ${operator.file}:${operator.line}: unhandled #if operator '${operator.text}'`);
    }
  }

  /** Shifts as gcc's preprocessor does: a negative count shifts the other way, and counts of 64 or more shift everything out. */
  private shift(operator: "<<" | ">>", left: Value, right: Value): Value {
    let count = right.unsigned ? BigInt.asUintN(64, right.value) : right.value;
    let toLeft = operator === "<<";
    if (count < 0n) {
      count = -count;
      toLeft = !toLeft;
    }
    if (toLeft) return count >= 64n ? wrap(0n, left.unsigned) : wrap(left.value << count, left.unsigned);
    if (count >= 64n) return wrap(!left.unsigned && left.value < 0n ? -1n : 0n, left.unsigned);
    return wrap(left.value >> count, left.unsigned);
  }

  // unary = ("+" | "-" | "~" | "!") unary | primary
  private unary(evaluate: boolean): Value {
    const tok = this.peek();
    if (tok !== undefined && tok.kind === "punctuator" && ["+", "-", "~", "!"].includes(tok.text)) {
      this.pos++;
      this.enter();
      const operand = this.unary(evaluate);
      this.depth--;
      if (tok.text === "+") return operand;
      if (tok.text === "-") return wrap(-operand.value, operand.unsigned);
      if (tok.text === "~") return wrap(~operand.value, operand.unsigned);
      return truth(operand.value === 0n);
    }
    return this.primary(evaluate);
  }

  // primary = "(" expression ")" | number | character-constant | identifier
  private primary(evaluate: boolean): Value {
    const tok = this.peek();
    if (tok === undefined) this.fail(undefined, `missing expression at the end of #${this.directive.text}`);
    this.pos++;
    if (isPunctuator(tok, "(")) {
      const inner = this.comma(evaluate);
      if (!this.accept(")")) this.fail(this.peek() ?? tok, `missing ')' in #${this.directive.text} expression`);
      return inner;
    }
    if (tok.kind === "identifier") return { value: 0n, unsigned: false };
    if (tok.kind === "number") {
      const literal = parseIntegerLiteral(tok);
      if ("error" in literal) {
        const message = literal.isFloat ? "floating constant in preprocessor expression" : literal.error;
        this.fail(tok, message);
      }
      return { value: literal.value, unsigned: literal.type.startsWith("unsigned") };
    }
    if (tok.kind === "char") {
      const decoded = decodeCharLiteral(tok);
      if ("error" in decoded) this.fail(tok, decoded.error);
      return { value: BigInt(decoded.value), unsigned: false };
    }
    this.fail(tok, `token '${tok.text}' is not valid in preprocessor expressions`);
  }
}
