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
  Hideset,
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

/**
 * Maximum nesting of macro invocations inside macro arguments, as in
 * `f(f(f(x)))`. Each level expands its argument recursively, and this bound
 * keeps that well inside the JavaScript stack.
 */
export const MAX_ARGUMENT_NESTING = 200;

/** An argument as written, and its full expansion made on first use. */
interface Argument {
  raw: PPToken[];
  expanded?: PPToken[];
  /** The variable argument was left out entirely, as in `f(a)` for `f(x, ...)`. */
  omitted?: boolean;
}

/** Stands for an empty argument next to `##` (C11 6.10.3.3p2); removed after pasting. */
const PLACEMARKER: PPToken = {
  kind: "punctuator", text: "", file: "", line: 0, column: 0, length: 0, atLineStart: false, hasSpaceBefore: false,
};

/** Returns where the outermost macro of `invocation` was invoked, which the tokens of its expansion point at. */
function invocationOrigin(invocation: PPToken): SourceLocation {
  return invocation.expandedAt ?? { file: invocation.file, line: invocation.line, column: invocation.column };
}

/** The tokens of one substitution so far, with where each came from. */
class Substitution {
  readonly tokens: PPToken[] = [];
  /** The token comes from the macro body (or was made from it), not from an argument. */
  readonly fromBody: boolean[] = [];
  readonly spaceBefore: boolean[] = [];

  push(tok: PPToken, fromBody: boolean, spaceBefore = tok.hasSpaceBefore): void {
    this.tokens.push(tok);
    this.fromBody.push(fromBody);
    this.spaceBefore.push(spaceBefore);
  }

  pop(): { tok: PPToken; fromBody: boolean } | undefined {
    const tok = this.tokens.pop();
    if (tok === undefined) return undefined;
    this.spaceBefore.pop();
    return { tok, fromBody: this.fromBody.pop()! };
  }
}

export class MacroExpander {
  readonly macros = new Map<string, Macro>();
  /** Tokens produced by substitution so far, checked against MAX_EXPANSION_TOKENS. */
  private producedTokens = 0;
  /** Set once a limit is hit; every source then reads as ended. */
  aborted = false;
  /** Arguments being expanded right now, one inside the other. */
  private argumentNesting = 0;

  constructor(
    private readonly diagnostics: Diagnostic[],
    private readonly maxTokens = MAX_EXPANSION_TOKENS,
  ) {}

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
      if (this.aborted) return { ...PLACEMARKER, kind: "eof" };
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
      return this.substitute(macro, [], (name.hideset ?? Hideset.EMPTY).with(macro.name), name);
    }

    const open = source.next();
    if (!isPunctuator(open, "(")) {
      source.unread([open]);
      return undefined;
    }
    const collected = this.collectArguments(macro, name, source);
    if (collected === undefined) return [];
    const hideset = (name.hideset ?? Hideset.EMPTY).intersection(collected.close.hideset).with(macro.name);
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
    if (macro.variadic && args.length === expected - 1) args.push({ raw: [], omitted: true });
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
  private substitute(macro: Macro, args: Argument[], hideset: Hideset, invocation: PPToken): PPToken[] {
    const body = macro.body;
    const result = new Substitution();

    for (let i = 0; i < body.length; i++) {
      const tok = body[i];
      const param = this.parameterIndex(macro, tok);
      const next = body[i + 1];

      if (macro.params && isPunctuator(tok, "#")) {
        const operand = args[this.parameterIndex(macro, next)!];
        result.push(this.stringize(operand.raw, tok), true);
        i++;
        continue;
      }
      if (isPunctuator(tok, "##")) {
        i = this.pasteNext(macro, args, i, result, invocationOrigin(invocation));
        continue;
      }
      if (param === undefined) {
        result.push(tok, true);
        continue;
      }

      const arg = args[param];
      const beforePaste = next !== undefined && isPunctuator(next, "##");
      const replacement = beforePaste ? arg.raw : this.expandedArgument(arg, invocation);
      if (replacement.length === 0) {
        if (beforePaste) result.push(PLACEMARKER, false);
        continue;
      }
      result.push(replacement[0], false, tok.hasSpaceBefore);
      for (let j = 1; j < replacement.length; j++) result.push(replacement[j], false);
    }
    return this.finishSubstitution(result, hideset, invocation);
  }

  /**
   * Handles `##` at body[index]: pastes the last result token with the
   * next operand. Returns the index of the last body token consumed.
   */
  private pasteNext(macro: Macro, args: Argument[], index: number, result: Substitution, origin: SourceLocation): number {
    const body = macro.body;
    const operator = { ...body[index], expandedAt: origin };
    const rightTok = body[index + 1];
    const left = result.pop() ?? { tok: PLACEMARKER, fromBody: false };

    // `x ## #y`: the stringized parameter is the right operand.
    if (macro.params && isPunctuator(rightTok, "#")) {
      const operand = args[this.parameterIndex(macro, body[index + 2])!];
      const pasted = this.paste(left.tok, this.stringize(operand.raw, rightTok), operator);
      for (const tok of pasted) result.push(tok, true);
      return index + 2;
    }

    const param = this.parameterIndex(macro, rightTok);
    const right = param === undefined ? [rightTok] : args[param].raw;

    // GNU extension: `, ## __VA_ARGS__` drops the comma when the variable
    // argument is left out. An empty argument counts as left out only when
    // it is the macro's only parameter, because `f()` cannot tell the two
    // apart. So `f(a,)` keeps the comma, as in gcc 12's GNU modes.
    if (macro.variadic && param === macro.params!.length - 1 && isPunctuator(left.tok, ",")) {
      const dropComma = args[param].omitted === true || (macro.params!.length === 1 && right.length === 0);
      if (!dropComma) {
        result.push(left.tok, left.fromBody);
        for (const tok of right) result.push(tok, false);
      }
      return index + 1;
    }
    if (right.length === 0) {
      result.push(left.tok, left.fromBody);
      return index + 1;
    }
    const pasted = this.paste(left.tok, right[0], operator);
    if (pasted.length === 1 && pasted[0] === right[0]) {
      result.push(right[0], param === undefined);
    } else {
      for (const tok of pasted) result.push(tok, true);
    }
    for (let j = 1; j < right.length; j++) result.push(right[j], false);
    return index + 1;
  }

  /**
   * Makes the final tokens: body tokens point at the invocation, argument
   * tokens keep their own place, the first token takes the invocation's
   * spacing, and every token gets the hideset.
   */
  private finishSubstitution(result: Substitution, hideset: Hideset, invocation: PPToken): PPToken[] {
    const origin = invocationOrigin(invocation);
    const finished: PPToken[] = [];
    let lastHideset: Hideset | undefined;
    let lastUnion = hideset;
    for (let i = 0; i < result.tokens.length; i++) {
      const tok = result.tokens[i];
      if (tok === PLACEMARKER) continue;
      if (tok.hideset !== undefined && tok.hideset !== lastHideset) {
        lastHideset = tok.hideset;
        lastUnion = hideset.union(tok.hideset);
      }
      const first = finished.length === 0;
      finished.push({
        kind: tok.kind,
        text: tok.text,
        file: tok.file,
        line: tok.line,
        column: tok.column,
        length: tok.length,
        atLineStart: first && invocation.atLineStart,
        hasSpaceBefore: first ? invocation.hasSpaceBefore : result.spaceBefore[i],
        expandedAt: result.fromBody[i] ? origin : tok.expandedAt,
        hideset: tok.hideset === undefined ? hideset : lastUnion,
        invalid: tok.invalid,
      });
    }
    this.producedTokens += finished.length;
    if (this.producedTokens > this.maxTokens && !this.aborted) {
      this.aborted = true;
      this.diagnostics.push(diagnosticAt(invocation, "error",
        `macro expansion produced more than ${this.maxTokens} tokens; preprocessing stopped (check for macros that multiply their output)`));
      return [];
    }
    return finished;
  }

  private expandedArgument(arg: Argument, invocation: PPToken): PPToken[] {
    if (arg.expanded !== undefined) return arg.expanded;
    if (this.argumentNesting >= MAX_ARGUMENT_NESTING) {
      this.aborted = true;
      this.diagnostics.push(diagnosticAt(invocation, "error",
        `macro invocations nested more than ${MAX_ARGUMENT_NESTING} levels deep in arguments; preprocessing stopped`));
      return [];
    }
    const eof: PPToken = { ...(arg.raw[0] ?? PLACEMARKER), kind: "eof", text: "" };
    this.argumentNesting++;
    arg.expanded = this.expandList(arg.raw, eof);
    this.argumentNesting--;
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
    const lexed = lex(left.file, text);
    const tok = lexed.tokens[0];
    if (lexed.tokens.length === 2 && lexed.problems.size === 0 && lexed.diagnostics.length === 0 && tok.text === text) {
      return [{ ...left, kind: tok.kind, text, hideset: undefined, invalid: undefined }];
    }
    this.diagnostics.push(diagnosticAt(operator, "error",
      `pasting '${left.text}' and '${right.text}' does not give a valid preprocessing token`));
    return [left, { ...right, hasSpaceBefore: false }];
  }
}
