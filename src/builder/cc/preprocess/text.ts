// Rendering preprocessed tokens back to text, for `ukp cc -E` and tests.
import type { SourceLocation, Token } from "../token";

/** Blank lines kept at most between two output lines; longer gaps shrink to one, as gcc -P does. */
const MAX_BLANK_LINES = 8;

/**
 * Renders tokens as C source. A token that began a source line starts a
 * new line, after up to eight blank lines where the source had them. A
 * space goes where the source had one, or where two tokens would
 * otherwise read as one.
 */
export function tokensToText(tokens: readonly Token[]): string {
  let text = "";
  let previous: Token | undefined;
  for (const tok of tokens) {
    if (tok.kind === "eof") break;
    if (previous === undefined) {
      text += tok.text;
    } else if (tok.atLineStart) {
      text += "\n".repeat(lineBreaksBetween(previous, tok)) + tok.text;
    } else {
      text += (tok.hasSpaceBefore || needsSeparator(previous, tok) ? " " : "") + tok.text;
    }
    previous = tok;
  }
  return text.length > 0 ? text + "\n" : "";
}

function lineBreaksBetween(previous: Token, next: Token): number {
  const from: SourceLocation = previous.expandedAt ?? previous;
  const to: SourceLocation = next.expandedAt ?? next;
  if (from.file !== to.file || to.line <= from.line) return 1;
  const gap = to.line - from.line;
  return gap - 1 > MAX_BLANK_LINES ? 2 : gap;
}

const WORD_CHAR = /[A-Za-z0-9_$.]/;

/** Checks whether `left` and `right`, written without a space, would lex differently. */
function needsSeparator(left: Token, right: Token): boolean {
  const last = left.text[left.text.length - 1] ?? "";
  const first = right.text[0] ?? "";
  if (WORD_CHAR.test(last) && WORD_CHAR.test(first)) return true;
  if (left.kind === "number" && (first === "+" || first === "-") && /[eEpP]$/.test(left.text)) return true;
  if (left.kind === "identifier" && (right.kind === "string" || right.kind === "char") && /^(L|u|U|u8)$/.test(left.text)) return true;
  if (left.kind !== "punctuator" || right.kind !== "punctuator") return false;
  const joined = last + first;
  return ["//", "/*", "++", "--", "+=", "-=", "->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=",
    "&=", "^=", "|=", "##", "..", "<:", ":>", "<%", "%>", "%:"].includes(joined);
}
