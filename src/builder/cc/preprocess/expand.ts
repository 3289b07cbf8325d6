// Macro expansion (C11 6.10.3): argument collection, substitution with `#`
// and `##`, and rescanning. Hidesets (see PPToken) decide which names may
// still expand, so a self-referential macro expands exactly once.
import type { Diagnostic } from "../../diagnostic";
import { lex } from "../lexer";
import type { SourceLocation } from "../token";
import type { Macro } from "./define";
import {
  ArraySource,
  diagnosticAt,
  hidesetIntersection,
  hidesetUnion,
  hidesetWith,
  isPunctuator,
  type PPToken,
  type TokenSource,
} from "./tokens";

/**
 * Maximum number of tokens that macro expansion may produce in one
 * preprocess call. Past it the preprocessor reports an error and stops,
 * instead of exhausting memory on a macro that doubles its output at each
 * level.
 */
export const MAX_EXPANSION_TOKENS = 10_000_000;

/** An argument as written, and its full expansion made on first use. */
interface Argument {
  raw: PPToken[];
  expanded?: PPToken[];
}

/** Stands for an empty argument next to `##` (C11 6.10.3.3p2); removed after pasting. */
const PLACEMARKER: PPToken = {
  kind: "punctuator", text: "", loc: { file: "", line: 0, column: 0 }, length: 0, atLineStart: false, hasSpaceBefore: false,
};

export class MacroExpander {
  readonly macros = new Map<string, Macro>();
  /** Tokens produced by substitution so far, checked against MAX_EXPANSION_TOKENS. */
  private producedTokens = 0;
  /** Set once the output cap is hit; every source then reads as ended. */
  aborted = false;

  constructor(private readonly diagnostics: Diagnostic[]) {}

  /**
   * Returns the next token of `source` that is not a macro invocation,
   * expanding invocations and pushing their results back onto `source`.
   */
  nextExpanded(source: TokenSource): PPToken {
    // An invocation that expands to nothing passes its line start and
    // leading space on to the token after it.
    let carryLineStart = false;
    let carrySpace = false;
    for (;;) {
      if (this.aborted) return { ...source.next(), kind: "eof", text: "" };
      const tok = source.next();
      const expansion = tok.kind === "identifier" ? this.expandInvocation(tok, source) : undefined;
      if (expansion === undefined) {
        if (!carryLineStart && !carrySpace) return tok;
        return { ...tok, atLineStart: tok.atLineStart || carryLineStart, hasSpaceBefore: tok.hasSpaceBefore || carrySpace };
      }
      if (expansion.length === 0) {
        carryLineStart ||= tok.atLineStart;
        carrySpace ||= tok.hasSpaceBefore || tok.atLineStart;
        continue;
      }
      source.unread(expansion);
    }
  }

  /** Expands all of `tokens` in isolation, as for a macro argument. */
  expandList(tokens: readonly PPToken[], eof: PPToken): PPToken[] {
    const source = new ArraySource(tokens, eof);
    const result: PPToken[] = [];
    for (;;) {
      const tok = this.nextExpanded(source);
      if (tok.kind === "eof") return result;
      result.push(tok);
    }
  }

  /**
   * Returns the replacement of the invocation starting at `name`, or
   * undefined when `name` is not an invocation (not a macro, hidden, or a
   * function-like macro without `(`).
   */
  private expandInvocation(name: PPToken, source: TokenSource): PPToken[] | undefined {
    const macro = this.macros.get(name.text);
    if (macro === undefined || name.hideset?.has(name.text)) return undefined;
    if (macro.builtin) return [macro.builtin(name)];
    if (macro.params === undefined) {
      return this.substitute(macro, [], hidesetWith(name.hideset, macro.name), name);
    }

    const open = source.next();
    if (!isPunctuator(open, "(")) {
      source.unread([open]);
      return undefined;
    }
    const collected = this.collectArguments(macro, name, source);
    if (collected === undefined) return [];
    const hideset = hidesetWith(hidesetIntersection(name.hideset, collected.close.hideset), macro.name);
    return this.substitute(macro, collected.args, hideset, name);
  }

  /** Reads the arguments after `(` up to the matching `)`, checking their number. */
  private collectArguments(
    macro: Macro,
    name: PPToken,
    source: TokenSource,
  ): { args: Argument[]; close: PPToken } | undefined {
    const params = macro.params!;
    const args: Argument[] = [];
    let current: PPToken[] = [];
    let depth = 0;
    for (;;) {
      const tok = source.next();
      if (tok.kind === "eof") {
        this.diagnostics.push(diagnosticAt(name, "error", `unterminated argument list invoking macro '${macro.name}'; add the missing ')'`));
        source.unread([tok]);
        return undefined;
      }
      if (depth === 0 && isPunctuator(tok, ")")) {
        args.push({ raw: current });
        return this.checkArgumentCount(macro, name, args) ? { args, close: tok } : undefined;
      }
      const collectsRest = macro.variadic && args.length === params.length - 1;
      if (depth === 0 && isPunctuator(tok, ",") && !collectsRest) {
        args.push({ raw: current });
        current = [];
        continue;
      }
      if (isPunctuator(tok, "(")) depth++;
      else if (isPunctuator(tok, ")")) depth--;
      current.push(tok);
    }
  }

  private checkArgumentCount(macro: Macro, name: PPToken, args: Argument[]): boolean {
    const expected = macro.params!.length;
    // `f()` passes one empty argument, which a macro without parameters accepts as none.
    if (expected === 0 && args.length === 1 && args[0].raw.length === 0) {
      args.length = 0;
      return true;
    }
    if (macro.variadic && args.length === expected - 1) args.push({ raw: [] });
    if (args.length === expected) return true;

    const plural = (n: number) => (n === 1 ? "argument" : "arguments");
    const required = macro.variadic ? `at least ${expected - 1}` : `${expected}`;
    const message = args.length < expected
      ? `macro '${macro.name}' requires ${required} ${plural(expected)}, but only ${args.length} given`
      : `macro '${macro.name}' passed ${args.length} ${plural(args.length)}, but takes just ${expected}`;
    this.diagnostics.push(diagnosticAt(name, "error", message));
    return false;
  }

  /**
   * Replaces the parameters in the body of `macro` (C11 6.10.3.1 to
   * 6.10.3.3) and marks every resulting token with `hideset`.
   */
  private substitute(macro: Macro, args: Argument[], hideset: ReadonlySet<string>, invocation: PPToken): PPToken[] {
    const origin = invocation.expandedAt ?? invocation.loc;
    const body = macro.body;
    // Body tokens point at the invocation; argument tokens keep their own place.
    const result: PPToken[] = [];
    const pushBody = (tok: PPToken) => result.push({ ...tok, expandedAt: origin });

    for (let i = 0; i < body.length; i++) {
      const tok = body[i];
      const param = this.parameterIndex(macro, body[i]);
      const next = body[i + 1];

      if (macro.params && isPunctuator(tok, "#")) {
        const operand = args[this.parameterIndex(macro, next)!];
        pushBody(this.stringize(operand.raw, tok));
        i++;
        continue;
      }
      if (isPunctuator(tok, "##")) {
        i = this.pasteNext(macro, args, body, i, result, origin);
        continue;
      }
      if (param === undefined) {
        pushBody(tok);
        continue;
      }

      const arg = args[param];
      const beforePaste = next !== undefined && isPunctuator(next, "##");
      const replacement = beforePaste ? arg.raw : this.expandedArgument(arg);
      if (replacement.length === 0) {
        if (beforePaste) result.push(PLACEMARKER);
        continue;
      }
      result.push({ ...replacement[0], hasSpaceBefore: tok.hasSpaceBefore }, ...replacement.slice(1));
    }
    return this.finishSubstitution(result, hideset, invocation);
  }

  /**
   * Handles `##` at body[index]: pastes the last result token with the
   * next operand. Returns the index of the last body token consumed.
   */
  private pasteNext(
    macro: Macro,
    args: Argument[],
    body: PPToken[],
    index: number,
    result: PPToken[],
    origin: SourceLocation,
  ): number {
    const operator = body[index];
    const rightTok = body[index + 1];
    const left = result.pop() ?? PLACEMARKER;

    // `x ## #y`: the stringized parameter is the right operand.
    if (macro.params && isPunctuator(rightTok, "#")) {
      const operand = args[this.parameterIndex(macro, body[index + 2])!];
      const stringized = { ...this.stringize(operand.raw, rightTok), expandedAt: origin };
      result.push(...this.paste(left, stringized, { ...operator, expandedAt: origin }));
      return index + 2;
    }

    const param = this.parameterIndex(macro, rightTok);
    const right = param === undefined ? [{ ...rightTok, expandedAt: origin }] : args[param].raw;

    // GNU extension: `, ## __VA_ARGS__` drops the comma when the variable arguments are empty.
    if (macro.variadic && param === macro.params!.length - 1 && isPunctuator(left, ",")) {
      if (right.length > 0) result.push(left, ...right);
      return index + 1;
    }
    if (right.length === 0) {
      result.push(left);
      return index + 1;
    }
    const pasted = this.paste(left, right[0], { ...operator, expandedAt: origin });
    result.push(...pasted, ...right.slice(1));
    return index + 1;
  }

  /** Applies the invocation's spacing and the hideset, and drops placemarkers. */
  private finishSubstitution(
    result: PPToken[],
    hideset: ReadonlySet<string>,
    invocation: PPToken,
  ): PPToken[] {
    const finished: PPToken[] = [];
    const unions = new Map<ReadonlySet<string> | undefined, ReadonlySet<string>>();
    for (const tok of result) {
      if (tok === PLACEMARKER) continue;
      let union = unions.get(tok.hideset);
      if (union === undefined) {
        union = hidesetUnion(tok.hideset, hideset);
        unions.set(tok.hideset, union);
      }
      const first = finished.length === 0;
      finished.push({
        ...tok,
        hideset: union,
        atLineStart: first && invocation.atLineStart,
        hasSpaceBefore: first ? invocation.hasSpaceBefore : tok.hasSpaceBefore,
      });
    }
    this.producedTokens += finished.length;
    if (this.producedTokens > MAX_EXPANSION_TOKENS && !this.aborted) {
      this.aborted = true;
      this.diagnostics.push(diagnosticAt(invocation, "error",
        `macro expansion produced more than ${MAX_EXPANSION_TOKENS} tokens; preprocessing stopped (check for macros that multiply their output)`));
      return [];
    }
    return finished;
  }

  private expandedArgument(arg: Argument): PPToken[] {
    if (arg.expanded === undefined) {
      const eof: PPToken = { ...(arg.raw[0] ?? PLACEMARKER), kind: "eof", text: "" };
      arg.expanded = this.expandList(arg.raw, eof);
    }
    return arg.expanded;
  }

  private parameterIndex(macro: Macro, tok: PPToken | undefined): number | undefined {
    if (macro.params === undefined || tok === undefined || tok.kind !== "identifier") return undefined;
    const index = macro.params.indexOf(tok.text);
    return index < 0 ? undefined : index;
  }

  /** Makes the string literal of `#param` (C11 6.10.3.2). */
  private stringize(tokens: readonly PPToken[], hash: PPToken): PPToken {
    let text = "";
    tokens.forEach((tok, index) => {
      if (index > 0 && (tok.hasSpaceBefore || tok.atLineStart)) text += " ";
      text += tok.kind === "string" || tok.kind === "char" ? tok.text.replace(/[\\"]/g, "\\$&") : tok.text;
    });
    return { ...hash, kind: "string", text: `"${text}"` };
  }

  /**
   * Pastes `left ## right` into one token (C11 6.10.3.3). When the result
   * is not a single valid token, reports it and keeps both tokens.
   */
  private paste(left: PPToken, right: PPToken, operator: PPToken): PPToken[] {
    if (left === PLACEMARKER) return [right];
    const text = left.text + right.text;
    const lexed = lex(left.loc.file, text);
    const tok = lexed.tokens[0];
    if (lexed.tokens.length === 2 && lexed.problems.size === 0 && lexed.diagnostics.length === 0 && tok.text === text) {
      return [{ ...left, kind: tok.kind, text, hideset: undefined }];
    }
    this.diagnostics.push(diagnosticAt(operator, "error",
      `pasting '${left.text}' and '${right.text}' does not give a valid preprocessing token`));
    return [left, { ...right, hasSpaceBefore: false }];
  }
}
