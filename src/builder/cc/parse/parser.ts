// Parser state: the token cursor, the scopes, the objects being collected
// for the program, and the function currently being parsed.
import type { Expr, FunctionSymbol, StringLiteral, SwitchCase, Variable, FunctionDefinition } from "../ast";
import { Reporter, SyntaxRecovery } from "../errors";
import type { Token } from "../token";
import { charType, pointerTo, type FunctionType, type Type } from "../types";

export type Binding =
  | { kind: "variable"; variable: Variable }
  | { kind: "function"; fn: FunctionSymbol }
  | { kind: "typedef"; type: Type }
  | { kind: "enumConstant"; value: number; type: Type };

export interface Tag {
  keyword: "struct" | "union" | "enum";
  type: Type;
  tok: Token;
}

/**
 * One block's declarations. The maps are made at the first declaration,
 * since most blocks declare nothing. Declare names with Parser.declare,
 * which also updates the parser's table of visible names.
 */
export class Scope {
  names: Map<string, Binding> | undefined;
  tags: Map<string, Tag> | undefined;
  constructor(readonly parent: Scope | undefined) {}

  /** Returns the binding of `name` declared in this scope itself, if any. */
  ownBinding(name: string): Binding | undefined {
    return this.names?.get(name);
  }

  ownTag(name: string): Tag | undefined {
    return this.tags?.get(name);
  }

  setTag(name: string, tag: Tag): void {
    (this.tags ??= new Map()).set(name, tag);
  }

  /** Returns the bindings declared in this scope, in the order of their first declaration. */
  bindings(): Iterable<Binding> {
    return this.names?.values() ?? [];
  }
}

/** Per-function state: locals in declaration order, jump targets, labels. */
export interface FunctionContext {
  symbol: FunctionSymbol;
  type: FunctionType;
  locals: Variable[];
  breakLabels: string[];
  continueLabels: string[];
  switches: SwitchContext[];
  /** Goto labels by C name: the assembler label and whether it was defined. */
  gotoLabels: Map<string, { label: string; defined: boolean; tok: Token }>;
  /**
   * Assignments that compute the sizes of variable length array types
   * parsed since the last declaration or `sizeof`, which must run there.
   */
  pendingArraySizes?: Expr[];
}

export interface SwitchContext {
  cases: SwitchCase[];
  defaultLabel?: string;
  /** The promoted type of the controlling expression, to which case values convert. */
  valueType: Type;
}

/** Maximum nesting of expressions and of statements; deeper input would overflow the JavaScript stack. */
export const MAX_NESTING = 256;

export class Parser {
  private pos = 0;
  private nesting = 0;
  /** Set once "nesting is too deep" is reported: recovery inside the same deep input would only repeat it. */
  private nestingReported = false;
  /** Nesting of parameter lists being parsed, whose array sizes may name earlier parameters. */
  parameterDepth = 0;
  /**
   * Run-time sizes of inner array dimensions in the latest parameter list,
   * such as `cols` in `int m[rows][cols]`: evaluated at the start of the
   * function body, where the parameters are in scope (parse/vla.ts).
   */
  deferredArraySizes: { sizeVariable: Variable; element: Type; start: number; end: number; tok: Token }[] = [];
  private currentScope: Scope = new Scope(undefined);
  /**
   * The binding that `lookup` returns for each name: the innermost
   * declaration in the current scope chain. Keeping it up to date on
   * declarations and at the end of each scope makes a lookup one Map probe
   * instead of one per enclosing block.
   */
  private readonly visible = new Map<string, Binding>();
  readonly globals: Variable[] = [];
  readonly functions: FunctionDefinition[] = [];
  readonly strings: StringLiteral[] = [];
  readonly fileScopeAsm: string[] = [];
  fn: FunctionContext | undefined;
  /**
   * The value and type of each number token spelling read so far without a
   * diagnostic (parse/postfix.ts). A wide integer's bigint value is shared by
   * the nodes of that spelling, which is safe because bigints are immutable.
   */
  readonly numberConstants = new Map<string, { value: number | bigint; type: Type }>();
  /**
   * The arguments of the calls being parsed, with the first token of each,
   * innermost call last. One pair of stacks spares each call two arrays
   * grown by push (parse/postfix.ts).
   */
  readonly callArguments: Expr[] = [];
  readonly callArgumentTokens: Token[] = [];
  private labelCount = 0;
  private staticCount = 0;

  constructor(
    private readonly tokens: Token[],
    readonly reporter: Reporter,
  ) {
    if (tokens.length === 0 || tokens[tokens.length - 1].kind !== "eof") {
      throw new Error("token list must end with an eof token");
    }
    // The <stdarg.h> list type: a pointer that walks the 4-byte argument slots (parse/stdarg.ts).
    this.declare("__builtin_va_list", { kind: "typedef", type: pointerTo(charType) });
  }

  get tok(): Token {
    return this.tokens[this.pos];
  }

  peek(offset = 1): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const tok = this.tokens[this.pos];
    if (tok.kind !== "eof") this.pos++;
    return tok;
  }

  get position(): number {
    return this.pos;
  }

  set position(pos: number) {
    this.pos = pos;
  }

  /** True when the current token is the punctuator or keyword `text`. */
  is(text: string): boolean {
    const tok = this.tokens[this.pos];
    return tok.text === text && (tok.kind === "punctuator" || tok.kind === "identifier");
  }

  atEof(): boolean {
    return this.tok.kind === "eof";
  }

  consume(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  /** Consumes `text` or reports "expected 'text' before …" and unwinds. */
  expect(text: string): Token {
    if (this.is(text)) return this.next();
    this.reporter.fail(this.tok, `expected '${text}' before ${describe(this.tok)}`);
  }

  expectIdentifier(what: string): Token {
    const tok = this.tok;
    if (tok.kind === "identifier" && !KEYWORDS.has(tok.text)) return this.next();
    this.reporter.fail(tok, `expected ${what} before ${describe(tok)}`);
  }

  /** Skips tokens up to and including the next `;` at this nesting level, or up to an unmatched `}`. */
  skipToSync(): void {
    let depth = 0;
    while (!this.atEof()) {
      if (this.is("{") || this.is("(") || this.is("[")) depth++;
      if (this.is(")") || this.is("]")) depth = Math.max(0, depth - 1);
      if (this.is("}")) {
        if (depth === 0) return;
        depth--;
        if (depth === 0 && this.peek().text !== ";" && !this.fn) {
          this.next();
          return;
        }
      }
      if (this.is(";") && depth === 0) {
        this.next();
        return;
      }
      this.next();
    }
  }

  /**
   * Runs `parse` on this parser one nesting level deeper, rejecting input
   * nested beyond MAX_NESTING. Passing a parse function itself, as in
   * `p.nested(unary)`, makes no closure on a path taken for every operand.
   */
  nested<T>(parse: (p: Parser) => T): T {
    if (this.nesting >= MAX_NESTING) {
      if (this.nestingReported) throw new SyntaxRecovery();
      this.nestingReported = true;
      this.reporter.fail(this.tok, `nesting is too deep (the limit is ${MAX_NESTING} levels)`);
    }
    this.nesting++;
    try {
      return parse(this);
    } finally {
      this.nesting--;
    }
  }

  /** True when one more level of `nested` would exceed MAX_NESTING and be reported. */
  atNestingLimit(): boolean {
    return this.nesting >= MAX_NESTING;
  }

  newLabel(): string {
    return `.L${++this.labelCount}`;
  }

  newStaticName(name: string): string {
    return `${name}.${this.staticCount++}`;
  }

  get scope(): Scope {
    return this.currentScope;
  }

  /** Returns the outermost scope, where file-scope names live. */
  get fileScope(): Scope {
    let scope = this.currentScope;
    while (scope.parent) scope = scope.parent;
    return scope;
  }

  enterScope(): void {
    this.currentScope = new Scope(this.currentScope);
  }

  leaveScope(): void {
    const left = this.currentScope;
    if (!left.parent) throw new Error("scope stack underflow");
    this.currentScope = left.parent;
    if (!left.names) return;
    // A name that the left scope declared now means the enclosing scopes' declaration of it, if any.
    for (const name of left.names.keys()) this.refreshVisible(name);
  }

  /** Declares `name` in `scope`, the current scope unless given, replacing a declaration of it there. */
  declare(name: string, binding: Binding, scope: Scope = this.currentScope): void {
    (scope.names ??= new Map()).set(name, binding);
    if (scope === this.currentScope) this.visible.set(name, binding);
    else this.refreshVisible(name);
  }

  private refreshVisible(name: string): void {
    for (let s: Scope | undefined = this.currentScope; s; s = s.parent) {
      const binding = s.names?.get(name);
      if (binding) {
        this.visible.set(name, binding);
        return;
      }
    }
    this.visible.delete(name);
  }

  lookup(name: string): Binding | undefined {
    return this.visible.get(name);
  }

  lookupTag(name: string): Tag | undefined {
    for (let s: Scope | undefined = this.currentScope; s; s = s.parent) {
      const tag = s.tags?.get(name);
      if (tag) return tag;
    }
    return undefined;
  }

  internalError(message: string): never {
    this.reporter.internalError(this.tok, message);
  }
}

export const KEYWORDS = new Set([
  "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
  "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
  "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
  "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic",
  "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local", "__asm__", "asm", "__attribute__",
  "__inline", "__inline__", "__restrict", "__restrict__", "__volatile__", "__volatile", "__const", "__const__",
  "__signed__", "__signed",
  "typeof", "__typeof__", "__extension__",
]);

/** Names a token in a diagnostic as gcc does: `';' token`, `'x'`, `end of input`. */
export function describe(tok: Token): string {
  if (tok.kind === "eof") return "end of input";
  if (tok.kind === "identifier") return `'${tok.text}'`;
  if (tok.kind === "number") return "numeric constant";
  if (tok.kind === "string") return "string constant";
  if (tok.kind === "char") return "character constant";
  return `'${tok.text}' token`;
}
