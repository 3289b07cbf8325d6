// Preprocessor (C11 translation phase 4): directives, conditional groups,
// `#include` and macro expansion. It reads tokens from a stack of file
// frames, one per open `#include`, and hands the parser a flat token list.
import type { Diagnostic } from "../diagnostic";
import { lex, ProblemReporter, releaseTokenArray, tokenArray, type LexResult } from "./lexer";
import { checkMacroName, defineMacro, parseDefine } from "./preprocess/define";
import { MacroExpander } from "./preprocess/expand";
import { evaluateCondition } from "./preprocess/expression";
import { HEADER_FILE_PREFIX, resolveInclude } from "./preprocess/include";
import { builtinMacros, definitionText } from "./preprocess/predefined";
import {
  ArraySource,
  diagnosticAt,
  isIdentifier,
  isPunctuator,
  joinTokens,
  noteAt,
  toPlainToken,
  type PPToken,
  type TokenSource,
} from "./preprocess/tokens";
import { spellsVolatile, type Token } from "./token";

export { MAX_EXPANSION_TOKENS } from "./preprocess/expand";
export { HEADER_FILE_PREFIX } from "./preprocess/include";
export { PREDEFINED_MACROS } from "./preprocess/predefined";
export { tokensToText } from "./preprocess/text";

/** Maximum nesting of `#include`; deeper nesting is reported as an include cycle. */
export const MAX_INCLUDE_DEPTH = 200;

export interface PreprocessOptions {
  /** The time `__DATE__` and `__TIME__` show; the current time by default. */
  date?: Date;
  /** Extra object-like macros by name, as `-D name=value` defines them. */
  defines?: Readonly<Record<string, string>>;
  /** Cap on tokens made by macro expansion; MAX_EXPANSION_TOKENS by default. */
  maxExpansionTokens?: number;
}

/**
 * Preprocesses `mainFile` from `files` (the app's files by name) with the
 * library OS `headers` (by name relative to the include directory).
 * Returns the tokens for the parser, ending with `eof`, and appends
 * every problem to `diagnostics`; bad input yields diagnostics, not exceptions.
 */
export function preprocess(
  mainFile: string,
  files: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
  diagnostics: Diagnostic[],
  options: PreprocessOptions = {},
): Token[] {
  return preprocessUnit(mainFile, files, headers, diagnostics, options).tokens;
}

/** The preprocessor's output: the tokens for the parser, and a fact the optimiser needs about them. */
export interface PreprocessedUnit {
  tokens: Token[];
  /** An identifier token spells volatile or _Atomic (found as the tokens are written, which costs no extra pass). */
  volatile: boolean;
}

/** Preprocesses as `preprocess` does, and also reports whether an output token spells volatile. */
export function preprocessUnit(
  mainFile: string,
  files: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
  diagnostics: Diagnostic[],
  options: PreprocessOptions = {},
): PreprocessedUnit {
  const preprocessor = new Preprocessor(files, headers, diagnostics, options);
  const tokens = preprocessor.run(mainFile);
  return { tokens, volatile: preprocessor.volatile };
}

/** An open conditional group: `#if`, `#ifdef` or `#ifndef` up to its `#endif`. */
interface Conditional {
  /** The directive name token (`if`, `ifdef`, `ifndef`), where "unterminated" is reported. */
  directive: Token;
  /** Some group of this conditional has been included, so later ones are skipped. */
  taken: boolean;
  elseDirective?: Token;
}

interface LexedFile {
  tokens: Token[];
  problems: Map<Token, Diagnostic>;
  reporter: ProblemReporter;
  /** The macro of an include guard wrapping the whole file; including it again while defined is skipped. */
  guard?: string;
  /** `tokens` belongs to this compile alone (it is not in the header cache), so it may be released at the end. */
  ownsTokens: boolean;
}

/**
 * Lexed library OS headers by file name, kept across compiles, because
 * lexing <stdio.h> and the headers it includes took about a quarter of the
 * -O2 compile of hello world (CPU profile, Node 20). Sharing the tokens is
 * safe because no stage after the lexer assigns to a token's fields, and
 * each compile reports the cached lexer diagnostics through its own
 * ProblemReporter. The cache grows with the distinct header names callers
 * pass (the library OS's header set in the playground), and an entry is
 * used only while its text is unchanged.
 */
const lexedHeaders = new Map<string, { text: string; result: LexResult }>();

/** Tells whether lexFile keeps the tokens of `file` for later compiles. */
function isCachedFile(file: string): boolean {
  return file.startsWith(HEADER_FILE_PREFIX);
}

function lexFile(file: string, text: string): LexResult {
  if (!isCachedFile(file)) return lex(file, text);
  const cached = lexedHeaders.get(file);
  if (cached !== undefined && cached.text === text) return cached.result;
  const result = lex(file, text);
  lexedHeaders.set(file, { text, result });
  return result;
}

/** A file being read. */
interface Frame {
  file: string;
  lexed: LexedFile;
  pos: number;
  conditionals: Conditional[];
  /** Set by `#line`: added to the physical line numbers of later tokens. */
  lineDelta: number;
  /** Set by `#line "name"`: the file name later tokens carry. */
  fileOverride?: string;
}

const DIRECTIVE_NAMES = new Set([
  "define", "undef", "include", "if", "ifdef", "ifndef", "elif", "else", "endif",
  "error", "warning", "pragma", "line", "ident", "sccs",
]);

class Preprocessor implements TokenSource {
  private readonly frames: Frame[] = [];
  /** Tokens pushed back by macro expansion, in reverse order. */
  private readonly pending: PPToken[] = [];
  private readonly expander: MacroExpander;
  private readonly lexedFiles = new Map<string, LexedFile>();
  /** Files that contained `#pragma once`. */
  private readonly onceFiles = new Set<string>();
  /** The tokens for the parser: the first outputCount entries of `output`, which has room for more. */
  private output: Token[] = [];
  private outputCount = 0;
  /** An identifier in the output so far spells volatile or _Atomic. */
  volatile = false;

  constructor(
    private readonly files: Readonly<Record<string, string>>,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly diagnostics: Diagnostic[],
    private readonly options: PreprocessOptions,
  ) {
    this.expander = new MacroExpander(diagnostics, options.maxExpansionTokens);
  }

  run(mainFile: string): Token[] {
    for (const macro of builtinMacros(this.options.date ?? new Date())) this.expander.macros.set(macro.name, macro);
    this.pushFrame("<built-in>", definitionText(this.options.defines ?? {}));
    this.next();
    this.frames.pop();

    if (!Object.hasOwn(this.files, mainFile)) {
      this.diagnostics.push({ file: mainFile, line: 0, column: 0, length: 0, severity: "error", message: `file '${mainFile}' not found among the app's files` });
      return [{ kind: "eof", text: "", file: mainFile, line: 1, column: 1, length: 0, atLineStart: true, hasSpaceBefore: false }];
    }
    const main = this.pushFrame(mainFile, this.files[mainFile]);
    // Most output tokens come straight from the main file. An eighth more
    // leaves room for headers and macro expansions, so that a large file
    // rarely grows the array at its end.
    const mainTokens = main.lexed.tokens.length;
    this.output = tokenArray(mainTokens + (mainTokens >> 3));
    for (;;) {
      this.takePlainTokens();
      const tok = this.expander.nextExpanded(this);
      if (tok.kind === "eof") break;
      if (isIdentifier(tok, "_Pragma")) {
        this.skipPragmaOperator(tok);
        continue;
      }
      if (tok.invalid !== undefined) {
        this.lexedFiles.get(tok.invalid.file)?.reporter.report(tok.invalid);
        continue;
      }
      if (tok.kind === "identifier" && spellsVolatile(tok.text)) this.volatile = true;
      this.output[this.outputCount++] = toPlainToken(tok);
    }
    this.output[this.outputCount++] = toPlainToken(main.lexed.tokens[main.lexed.tokens.length - 1]);
    this.output.length = this.outputCount;
    // The output refers to the tokens themselves, not to the files' arrays.
    for (const lexed of this.lexedFiles.values()) if (lexed.ownsTokens) releaseTokenArray(lexed.tokens);
    this.lexedFiles.clear();
    return this.output;
  }

  /**
   * Appends to the output the tokens of the current file that nextExpanded
   * would return unchanged. It stops at the first token that starts a
   * directive, names a macro or `_Pragma`, has a problem to report, or ends
   * the file. Most tokens of a C file qualify, and this loop skips the
   * per-token checks of next and nextExpanded for them. It takes nothing
   * while expansion has left tokens pending or `#line` applies.
   */
  private takePlainTokens(): void {
    if (this.pending.length > 0 || this.expander.aborted) return;
    const frame = this.frames[this.frames.length - 1];
    if (frame.lineDelta !== 0 || frame.fileOverride !== undefined) return;
    const tokens = frame.lexed.tokens;
    const problems = frame.lexed.problems;
    const macros = this.expander.macros;
    const output = this.output;
    let count = this.outputCount;
    let pos = frame.pos;
    for (;; pos++) {
      const tok = tokens[pos];
      if (tok.kind === "identifier") {
        if (tok.text === "_Pragma" || macros.has(tok.text)) break;
        if (spellsVolatile(tok.text)) this.volatile = true;
      } else if (tok.kind === "punctuator") {
        if (tok.atLineStart && tok.text === "#") break;
      } else if (tok.kind === "eof") {
        break;
      }
      if (problems.size > 0 && problems.has(tok)) break;
      output[count++] = tok;
    }
    frame.pos = pos;
    this.outputCount = count;
  }

  private pushFrame(file: string, text: string): Frame {
    let lexed = this.lexedFiles.get(file);
    if (lexed === undefined) {
      const result = lexFile(file, text);
      lexed = {
        tokens: result.tokens,
        problems: result.problems,
        reporter: new ProblemReporter(this.diagnostics),
        guard: findIncludeGuard(result.tokens),
        ownsTokens: !isCachedFile(file),
      };
      for (const diagnostic of result.diagnostics) lexed.reporter.report(diagnostic);
      this.lexedFiles.set(file, lexed);
    }
    const frame: Frame = { file, lexed, pos: 0, conditionals: [], lineDelta: 0 };
    this.frames.push(frame);
    return frame;
  }

  /** Returns the next unexpanded token, running directives and skipping inactive groups on the way. */
  next(): PPToken {
    if (this.pending.length > 0) return this.pending.pop()!;
    for (;;) {
      const frame = this.frames[this.frames.length - 1];
      const tok = frame.lexed.tokens[frame.pos];
      if (tok.kind === "eof") {
        this.closeConditionals(frame);
        if (this.frames.length === 1) return tok;
        this.frames.pop();
        continue;
      }
      frame.pos++;
      if (tok.atLineStart && isPunctuator(tok, "#")) {
        this.runDirective(frame, tok);
        continue;
      }
      const problem = frame.lexed.problems.get(tok);
      if (problem === undefined) return this.relocate(frame, tok);
      if (tok.kind === "punctuator") return { ...this.relocate(frame, tok), invalid: problem };
      frame.lexed.reporter.report(problem);
    }
  }

  unread(tokens: readonly PPToken[]): void {
    for (let i = tokens.length - 1; i >= 0; i--) this.pending.push(tokens[i]);
  }

  /** Applies `#line` to a token read from `frame`. */
  private relocate(frame: Frame, tok: Token): PPToken {
    if (frame.lineDelta === 0 && frame.fileOverride === undefined) return tok;
    return { ...tok, file: frame.fileOverride ?? tok.file, line: tok.line + frame.lineDelta };
  }

  /**
   * Reads the rest of a directive line. With `reportProblems`, unterminated
   * literals are reported and dropped, and stray characters are marked.
   */
  private readLine(frame: Frame, reportProblems: boolean): PPToken[] {
    const line: PPToken[] = [];
    for (;;) {
      const tok = frame.lexed.tokens[frame.pos];
      if (tok.kind === "eof" || tok.atLineStart) return line;
      frame.pos++;
      const problem = reportProblems ? frame.lexed.problems.get(tok) : undefined;
      if (problem === undefined) line.push(this.relocate(frame, tok));
      else if (tok.kind === "punctuator") line.push({ ...this.relocate(frame, tok), invalid: problem });
      else frame.lexed.reporter.report(problem);
    }
  }

  private endOfLine(frame: Frame, near: Token): PPToken {
    return { ...this.relocate(frame, near), kind: "eof", text: "" };
  }

  private warnExtraTokens(line: readonly PPToken[], from: number, directive: Token): void {
    if (line.length > from) {
      this.diagnostics.push(diagnosticAt(line[from], "warning", `extra tokens at end of #${directive.text} directive`));
    }
  }

  private runDirective(frame: Frame, hash: Token): void {
    const nameTok = frame.lexed.tokens[frame.pos];
    if (nameTok.kind === "eof" || nameTok.atLineStart) return;
    frame.pos++;
    const name = this.relocate(frame, nameTok);

    if (name.kind === "number") {
      this.runLine(frame, name, [name, ...this.readLine(frame, true)]);
      return;
    }
    if (name.kind !== "identifier" || !DIRECTIVE_NAMES.has(name.text)) {
      this.diagnostics.push(diagnosticAt(name, "error", `invalid preprocessing directive #${name.text}`));
      this.readLine(frame, false);
      return;
    }
    switch (name.text) {
      case "define": {
        const macro = parseDefine(this.readLine(frame, true), name, this.diagnostics);
        if (macro !== undefined) defineMacro(this.expander.macros, macro, this.diagnostics);
        return;
      }
      case "undef": {
        const line = this.readLine(frame, true);
        if (!checkMacroName(line[0], name, this.diagnostics)) return;
        this.warnExtraTokens(line, 1, name);
        this.expander.macros.delete(line[0].text);
        return;
      }
      case "include":
        this.runInclude(frame, name);
        return;
      case "if":
      case "ifdef":
      case "ifndef":
        this.runIf(frame, name);
        return;
      case "elif":
        this.runElif(frame, name);
        return;
      case "else":
        this.runElse(frame, name);
        return;
      case "endif":
        this.runEndif(frame, name);
        return;
      case "error":
      case "warning": {
        const message = `#${name.text} ${joinTokens(this.readLine(frame, false))}`.trimEnd();
        this.diagnostics.push(diagnosticAt(name, name.text === "error" ? "error" : "warning", message));
        return;
      }
      case "pragma": {
        const line = this.readLine(frame, false);
        if (line.length > 0 && isIdentifier(line[0], "once")) this.onceFiles.add(frame.file);
        return;
      }
      case "line":
        this.runLine(frame, name, this.readLine(frame, true));
        return;
      case "ident":
      case "sccs":
        this.readLine(frame, false);
        return;
      default:
        throw new Error(`internal error at ${name.file}:${name.line}: directive #${name.text} has no handler`);
    }
  }

  // #include "name" | #include <name> | #include macro-expanding-to-either
  private runInclude(frame: Frame, directive: Token): void {
    const line = this.readLine(frame, true);
    let spec = includeSpec(line);
    if (spec === undefined && line.length > 0) {
      spec = includeSpec(this.expander.expandList(line, this.endOfLine(frame, directive)));
    }
    if (spec === undefined) {
      this.diagnostics.push(diagnosticAt(line[0] ?? directive, "error", "#include expects \"FILENAME\" or <FILENAME>"));
      return;
    }
    this.warnExtraTokens(spec.rest, 0, directive);

    const search = resolveInclude(spec.name, spec.angled, frame.file, this.files, this.headers);
    if (search.found === undefined) {
      const message = `include file '${spec.name}' not found; searched: ${search.tried.join(", ")}`;
      this.diagnostics.push(diagnosticAt(spec.at, "error", message));
      return;
    }
    const fileName = search.found.fileName;
    if (this.onceFiles.has(fileName)) return;
    const guard = this.lexedFiles.get(fileName)?.guard;
    if (guard !== undefined && this.expander.macros.has(guard)) return;
    if (this.frames.length > MAX_INCLUDE_DEPTH) {
      this.reportIncludeCycle(fileName, spec.at);
      return;
    }
    this.pushFrame(fileName, search.found.text);
  }

  private reportIncludeCycle(fileName: string, at: Token): void {
    const chain = this.frames.map((f) => f.file);
    const start = chain.lastIndexOf(fileName);
    const cycle = start >= 0 ? [...chain.slice(start), fileName].join(" -> ") : chain.join(" -> ");
    const chainKind = start >= 0 ? "include cycle" : "include chain";
    this.diagnostics.push(diagnosticAt(at, "error",
      `#include nested more than ${MAX_INCLUDE_DEPTH} levels deep; ${chainKind}: ${cycle}; add an include guard or #pragma once`));
  }

  // #if expression | #ifdef name | #ifndef name
  private runIf(frame: Frame, directive: Token): void {
    const line = this.readLine(frame, true);
    let included: boolean;
    if (directive.text === "if") {
      included = this.evaluate(frame, line, directive);
    } else if (checkMacroName(line[0], directive, this.diagnostics)) {
      this.warnExtraTokens(line, 1, directive);
      included = this.expander.macros.has(line[0].text) === (directive.text === "ifdef");
    } else {
      included = false;
    }
    frame.conditionals.push({ directive, taken: included });
    if (!included) this.skipGroup(frame);
  }

  private runElif(frame: Frame, directive: Token): void {
    const conditional = frame.conditionals[frame.conditionals.length - 1];
    if (conditional === undefined) {
      this.diagnostics.push(diagnosticAt(directive, "error", "#elif without #if"));
      this.readLine(frame, false);
      return;
    }
    if (conditional.elseDirective !== undefined) {
      this.diagnostics.push(diagnosticAt(directive, "error", "#elif after #else", [noteAt(conditional.elseDirective, "#else is here")]));
    }
    if (conditional.taken) {
      this.readLine(frame, false);
      this.skipGroup(frame);
      return;
    }
    const line = this.readLine(frame, true);
    conditional.taken = this.evaluate(frame, line, directive);
    if (!conditional.taken) this.skipGroup(frame);
  }

  private runElse(frame: Frame, directive: Token): void {
    const conditional = frame.conditionals[frame.conditionals.length - 1];
    this.warnExtraTokens(this.readLine(frame, false), 0, directive);
    if (conditional === undefined) {
      this.diagnostics.push(diagnosticAt(directive, "error", "#else without #if"));
      return;
    }
    if (conditional.elseDirective !== undefined) {
      this.diagnostics.push(diagnosticAt(directive, "error", "#else after #else", [noteAt(conditional.elseDirective, "the first #else is here")]));
    }
    conditional.elseDirective = directive;
    if (conditional.taken) {
      this.skipGroup(frame);
      return;
    }
    conditional.taken = true;
  }

  private runEndif(frame: Frame, directive: Token): void {
    this.warnExtraTokens(this.readLine(frame, false), 0, directive);
    if (frame.conditionals.pop() === undefined) {
      this.diagnostics.push(diagnosticAt(directive, "error", "#endif without #if"));
    }
  }

  /**
   * Moves `frame` past an inactive group, to the `#` of the `#elif`,
   * `#else` or `#endif` that ends it (or to the end of the file). Tokens
   * in the group are not reported, whatever they contain.
   */
  private skipGroup(frame: Frame): void {
    const tokens = frame.lexed.tokens;
    let depth = 0;
    for (let pos = frame.pos; ; pos++) {
      const tok = tokens[pos];
      if (tok.kind === "eof") {
        frame.pos = pos;
        return;
      }
      if (!tok.atLineStart || !isPunctuator(tok, "#")) continue;
      const name = tokens[pos + 1];
      if (name.kind !== "identifier" || name.atLineStart) continue;
      if (name.text === "if" || name.text === "ifdef" || name.text === "ifndef") {
        depth++;
      } else if (name.text === "elif" || name.text === "else" || name.text === "endif") {
        if (depth === 0) {
          frame.pos = pos;
          return;
        }
        if (name.text === "endif") depth--;
      }
    }
  }

  /** Reports the conditionals still open at the end of `frame`'s file (C11 requires them closed per file). */
  private closeConditionals(frame: Frame): void {
    for (const conditional of frame.conditionals) {
      const line = conditional.directive.line;
      this.diagnostics.push(diagnosticAt(conditional.directive, "error",
        `unterminated #${conditional.directive.text} opened on line ${line}; add a matching #endif`));
    }
    frame.conditionals.length = 0;
  }

  private evaluate(frame: Frame, line: PPToken[], directive: Token): boolean {
    const expanded = this.expandCondition(frame, line, directive);
    return expanded !== undefined && evaluateCondition(expanded, directive, this.diagnostics);
  }

  /**
   * Macro-expands a `#if` line, replacing `defined X` and `defined(X)` by 1
   * or 0. Returns undefined after reporting a malformed `defined`.
   */
  private expandCondition(frame: Frame, line: PPToken[], directive: Token): PPToken[] | undefined {
    const source = new ArraySource(line, this.endOfLine(frame, directive));
    const result: PPToken[] = [];
    for (;;) {
      const tok = this.expander.nextExpanded(source);
      if (tok.kind === "eof") return result;
      if (!isIdentifier(tok, "defined")) {
        result.push(tok);
        continue;
      }
      let operand = source.next();
      const parenthesized = isPunctuator(operand, "(");
      if (parenthesized) operand = source.next();
      if (operand.kind !== "identifier") {
        this.diagnostics.push(diagnosticAt(operand.kind === "eof" ? tok : operand, "error", "operator 'defined' requires an identifier"));
        return undefined;
      }
      if (parenthesized) {
        const close = source.next();
        if (!isPunctuator(close, ")")) {
          this.diagnostics.push(diagnosticAt(close.kind === "eof" ? operand : close, "error", "missing ')' after 'defined'"));
          return undefined;
        }
      }
      result.push({ ...tok, kind: "number", text: this.expander.macros.has(operand.text) ? "1" : "0" });
    }
  }

  // #line digit-sequence ["file"] | # digit-sequence ["file" [flags]]
  private runLine(frame: Frame, directive: Token, line: PPToken[]): void {
    const isMarker = directive.kind === "number";
    let args = line;
    if (args.length > 0 && args[0].kind !== "number") args = this.expander.expandList(args, this.endOfLine(frame, directive));
    const number = args[0];
    if (number === undefined || !/^[0-9]+$/.test(number.text)) {
      const shown = number === undefined ? "nothing" : `'${number.text}'`;
      this.diagnostics.push(diagnosticAt(number ?? directive, "error", `#line expects a positive line number, but found ${shown}`));
      return;
    }
    const value = Number(number.text);
    if (value < 1 || value > 2147483647) {
      this.diagnostics.push(diagnosticAt(number, "error", `line number ${number.text} out of range: use 1 to 2147483647`));
      return;
    }
    const fileTok = args[1];
    if (fileTok !== undefined) {
      if (fileTok.kind !== "string" || !fileTok.text.startsWith("\"")) {
        this.diagnostics.push(diagnosticAt(fileTok, "error", `invalid file name ${fileTok.text} in #line; write it as a string such as "name.c"`));
        return;
      }
      frame.fileOverride = fileTok.text.slice(1, -1).replace(/\\(.)/g, "$1");
      // A gcc line marker (`# 12 "a.c" 2`) ends with flags that are ignored.
      if (!isMarker) this.warnExtraTokens(args, 2, directive);
    }
    const lastPhysicalLine = frame.lexed.tokens[frame.pos - 1].line;
    frame.lineDelta = value - (lastPhysicalLine + 1);
  }

  // _Pragma ( string-literal ): the operator form of #pragma, accepted and ignored.
  private skipPragmaOperator(keyword: PPToken): void {
    const open = this.expander.nextExpanded(this);
    const text = isPunctuator(open, "(") ? this.expander.nextExpanded(this) : open;
    const close = text.kind === "string" ? this.expander.nextExpanded(this) : text;
    if (!isPunctuator(open, "(") || text.kind !== "string" || !isPunctuator(close, ")")) {
      this.diagnostics.push(diagnosticAt(keyword, "error", "_Pragma takes a parenthesized string literal, as in _Pragma(\"once\")"));
      if (close.kind === "eof") this.unread([close]);
    }
  }
}

/** Reads the file name of an `#include` line; returns undefined when the line has neither form. */
function includeSpec(line: readonly PPToken[]): { name: string; angled: boolean; at: PPToken; rest: PPToken[] } | undefined {
  const first = line[0];
  if (first === undefined) return undefined;
  if (first.kind === "string" && first.text.startsWith("\"") && first.text.endsWith("\"") && first.text.length >= 2) {
    return { name: first.text.slice(1, -1), angled: false, at: first, rest: line.slice(1) };
  }
  if (!isPunctuator(first, "<")) return undefined;
  const close = line.findIndex((tok) => isPunctuator(tok, ">"));
  if (close < 0) return undefined;
  return { name: joinTokens(line.slice(1, close)), angled: true, at: first, rest: line.slice(close + 1) };
}

/**
 * Finds the macro of an include guard: the file is one `#ifndef NAME`
 * group with no `#elif` or `#else`, and nothing but comments outside it.
 * Returns undefined for any other shape.
 */
function findIncludeGuard(tokens: readonly Token[]): string | undefined {
  const directiveAt = (pos: number): string | undefined => {
    const tok = tokens[pos];
    const name = tokens[pos + 1];
    if (!tok.atLineStart || !isPunctuator(tok, "#") || name.kind !== "identifier" || name.atLineStart) return undefined;
    return name.text;
  };
  if (tokens.length < 4 || directiveAt(0) !== "ifndef") return undefined;
  const guard = tokens[2];
  if (guard.kind !== "identifier" || !tokens[3].atLineStart) return undefined;

  let depth = 0;
  for (let pos = 3; tokens[pos].kind !== "eof"; pos++) {
    const directive = directiveAt(pos);
    if (directive === "if" || directive === "ifdef" || directive === "ifndef") {
      depth++;
    } else if (depth === 0 && (directive === "elif" || directive === "else")) {
      return undefined;
    } else if (directive === "endif") {
      if (depth > 0) {
        depth--;
        continue;
      }
      const after = tokens[pos + 2];
      const closesFile = after.kind === "eof";
      return closesFile ? guard.text : undefined;
    }
  }
  return undefined;
}
