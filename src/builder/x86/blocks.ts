// Block directives that change which statements run: conditionals
// (`.if`, `.ifdef`, `.else`, `.endif`), macros (`.macro` ... `.endm`) and
// repetition (`.rept` ... `.endr`, `.irp` ... `.endr`). Bodies are kept as
// source text and re-read on expansion, with `\name` replaced, as GNU as does.
import type { Assembler } from "./assembler";
import { ParseError, describeFound, parseExpression, type TokenCursor } from "./expressions";
import type { AsmToken } from "./lexer";

/** Nesting limit for macro expansion, which stops a macro that invokes itself forever. */
const MAX_EXPANSION_DEPTH = 100;

interface MacroParameter {
  name: string;
  defaultValue: string;
}

export interface Macro {
  name: string;
  parameters: MacroParameter[];
  body: string;
}

/** A block being collected: its body runs from `bodyStart` to the matching end directive. */
interface Collecting {
  kind: "macro" | "rept" | "irp";
  opener: AsmToken;
  depth: number;
  bodyStart: number;
  finish: (body: string) => void;
}

interface Conditional {
  /** Statements in the current branch run. */
  active: boolean;
  /** Some branch has run already, so `.else` must not. */
  branchTaken: boolean;
  /** The enclosing block was inactive: nothing inside runs. */
  outerInactive: boolean;
  opener: AsmToken;
}

const OPENERS = new Set([".macro", ".rept", ".irp", ".irpc"]);
const CLOSERS = new Set([".endm", ".endr"]);
const CONDITIONALS = new Set([".if", ".ifdef", ".ifndef", ".ifeq", ".ifne", ".ifnb", ".ifb"]);

export class BlockState {
  readonly macros = new Map<string, Macro>();
  private collecting: Collecting | undefined;
  private readonly conditionals: Conditional[] = [];
  private expansionDepth = 0;
  private expansionCount = 0;

  constructor(private readonly asm: Assembler) {}

  /**
   * Handles a statement if a block directive or an inactive branch claims
   * it; returns false when the statement should run normally.
   */
  claim(cursor: TokenCursor, text: string): boolean {
    const head = cursor.peek();
    const name = head.kind === "identifier" ? head.text.toLowerCase() : "";

    if (this.collecting !== undefined) {
      if (OPENERS.has(name)) this.collecting.depth++;
      if (CLOSERS.has(name) && --this.collecting.depth === 0) {
        const block = this.collecting;
        this.collecting = undefined;
        this.updateRunsEveryStatement();
        block.finish(text.slice(block.bodyStart, head.start));
        // Finishing a macro definition defines the macro.
        this.updateRunsEveryStatement();
      }
      return true;
    }

    if (CONDITIONALS.has(name)) {
      cursor.next();
      const outerInactive = !this.active;
      const value = outerInactive ? false : this.evaluateCondition(name, cursor, head);
      this.conditionals.push({ active: value, branchTaken: value, outerInactive, opener: head });
      this.updateRunsEveryStatement();
      return true;
    }
    if (name === ".else" || name === ".elseif") {
      cursor.next();
      const top = this.conditionals[this.conditionals.length - 1];
      if (top === undefined) throw new ParseError(`\`${name}\` without a matching \`.if\``, head);
      const value = !top.outerInactive && !top.branchTaken && (name === ".else" || this.evaluateCondition(".if", cursor, head));
      top.active = value;
      top.branchTaken ||= value;
      this.updateRunsEveryStatement();
      return true;
    }
    if (name === ".endif") {
      if (this.conditionals.pop() === undefined) throw new ParseError("`.endif` without a matching `.if`", head);
      this.updateRunsEveryStatement();
      return true;
    }
    if (!this.active) return true;

    if (OPENERS.has(name)) {
      cursor.next();
      this.open(name, head, cursor, text);
      this.updateRunsEveryStatement();
      return true;
    }
    if (CLOSERS.has(name)) throw new ParseError(`\`${name}\` without a matching block start`, head);
    if (name === ".exitm") throw new ParseError("`.exitm` is not supported: use `.if` around the rest of the macro", head);
    return false;
  }

  /**
   * Whether each statement runs as written: no block is being collected,
   * every conditional is active and no macro is defined. A field rather
   * than a getter, because the assembler reads it for every statement,
   * and in CPU profiles V8 had not inlined the getter.
   */
  runsEveryStatement = true;

  private updateRunsEveryStatement(): void {
    this.runsEveryStatement = this.collecting === undefined && this.macros.size === 0 && this.active;
  }

  get active(): boolean {
    // Reading index -1 of an empty array is a slow property lookup, so test the length first.
    const count = this.conditionals.length;
    return count === 0 || this.conditionals[count - 1]!.active;
  }

  /** Reports blocks left open at the end of the source. */
  finish(): void {
    if (this.collecting !== undefined) {
      const end = this.collecting.kind === "macro" ? ".endm" : ".endr";
      this.asm.error(this.collecting.opener, `\`${this.collecting.opener.text}\` has no matching \`${end}\``);
    }
    for (const c of this.conditionals) this.asm.error(c.opener, `\`${c.opener.text}\` has no matching \`.endif\``);
  }

  private evaluateCondition(name: string, cursor: TokenCursor, head: AsmToken): boolean {
    if (name === ".ifdef" || name === ".ifndef") {
      const token = cursor.next();
      if (token.kind !== "identifier") throw new ParseError(`expected a symbol name${describeFound(token)}`, token);
      const symbol = this.asm.symbols.get(token.text);
      const defined = symbol !== undefined && this.asm.isDefined(symbol);
      this.asm.expectEnd(cursor);
      return name === ".ifdef" ? defined : !defined;
    }
    if (name === ".ifb" || name === ".ifnb") {
      const blank = cursor.atEnd();
      while (!cursor.atEnd()) cursor.next();
      return name === ".ifb" ? blank : !blank;
    }
    const first = cursor.peek();
    const value = this.asm.requireConstant(parseExpression(cursor, this.asm), first, `the \`${head.text}\` condition`) ?? 0;
    this.asm.expectEnd(cursor);
    return name === ".ifeq" ? value === 0 : value !== 0;
  }

  private open(name: string, head: AsmToken, cursor: TokenCursor, text: string): void {
    const bodyStart = statementEnd(cursor, text);
    if (name === ".macro") {
      const macro = parseMacroHeader(cursor);
      this.collecting = { kind: "macro", opener: head, depth: 1, bodyStart, finish: (body) => this.macros.set(macro.name, { ...macro, body }) };
      return;
    }
    if (name === ".rept") {
      const first = cursor.peek();
      const count = this.asm.requireConstant(parseExpression(cursor, this.asm), first, "the `.rept` count") ?? 0;
      this.asm.expectEnd(cursor);
      this.collecting = {
        kind: "rept",
        opener: head,
        depth: 1,
        bodyStart,
        finish: (body) => {
          for (let i = 0; i < count; i++) this.expand(head, body);
        },
      };
      return;
    }
    if (name === ".irpc") throw new ParseError("`.irpc` is not supported: use `.irp` with the characters listed", head);
    const symbol = cursor.next();
    if (symbol.kind !== "identifier") throw new ParseError(`expected a parameter name${describeFound(symbol)}`, symbol);
    const values = cursor.accept(",") ? splitArguments(rest(cursor, text), true) : [];
    this.collecting = {
      kind: "irp",
      opener: head,
      depth: 1,
      bodyStart,
      finish: (body) => {
        for (const value of values) this.expand(head, substitute(body, new Map([[symbol.text, value]]), ""));
      },
    };
  }

  /** Expands a macro invocation; returns false when `name` is not a macro. */
  invoke(head: AsmToken, cursor: TokenCursor, text: string): boolean {
    const macro = this.macros.get(head.text);
    if (macro === undefined) return false;
    const values = splitArguments(rest(cursor, text), macro.parameters.length > 1);
    if (values.length > macro.parameters.length) {
      throw new ParseError(`too many arguments for macro \`${macro.name}\`: it takes ${macro.parameters.length}`, head);
    }
    const bindings = new Map(macro.parameters.map((p, i) => [p.name, values[i] ?? p.defaultValue]));
    // `\@` counts macro expansions from 0, as in GNU as.
    const counter = String(this.expansionCount++);
    this.expand(head, substitute(macro.body, bindings, counter));
    return true;
  }

  private expand(at: AsmToken, body: string): void {
    if (this.expansionDepth >= MAX_EXPANSION_DEPTH) {
      throw new ParseError(`macro expansion nested more than ${MAX_EXPANSION_DEPTH} deep: does a macro invoke itself?`, at);
    }
    this.expansionDepth++;
    try {
      this.asm.runText(body, at);
    } finally {
      this.expansionDepth--;
    }
  }
}

/** Offset in `text` where the statement after the current one starts. */
function statementEnd(cursor: TokenCursor, text: string): number {
  const end = cursor.tokens[cursor.end]!;
  const newline = text.indexOf("\n", end.start);
  return newline < 0 ? text.length : newline + 1;
}

/** Returns the rest of the statement as written and consumes its tokens. */
function rest(cursor: TokenCursor, text: string): string {
  if (cursor.atEnd()) return "";
  const from = cursor.peek().start;
  const to = cursor.tokens[cursor.end]!.start;
  cursor.pos = cursor.end;
  return text.slice(from, to).trim();
}

/** `.macro NAME [PARAM[=DEFAULT][:req]][, ...]` */
function parseMacroHeader(cursor: TokenCursor): Omit<Macro, "body"> {
  const nameToken = cursor.next();
  if (nameToken.kind !== "identifier") throw new ParseError(`expected a macro name${describeFound(nameToken)}`, nameToken);
  const parameters: MacroParameter[] = [];
  while (!cursor.atEnd()) {
    const token = cursor.next();
    if (token.kind !== "identifier") throw new ParseError(`expected a parameter name${describeFound(token)}`, token);
    let defaultValue = "";
    if (cursor.accept("=")) defaultValue = cursor.next().text;
    if (cursor.accept(":")) cursor.next();
    parameters.push({ name: token.text, defaultValue });
    cursor.accept(",");
  }
  return { name: nameToken.text, parameters };
}

/** Splits macro arguments at top-level commas, or at blanks when there are no commas and `byBlanks`. */
function splitArguments(text: string, byBlanks: boolean): string[] {
  if (text === "") return [];
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (!quoted && c === "(") depth++;
    if (!quoted && c === ")") depth--;
    if (!quoted && depth === 0 && c === ",") {
      parts.push(current.trim());
      current = "";
      continue;
    }
    current += c;
  }
  parts.push(current.trim());
  if (parts.length === 1 && byBlanks) return parts[0]!.split(/\s+/);
  return parts;
}

/** Replaces `\name` with its value, `\@` with the expansion number and drops `\()`. */
function substitute(body: string, bindings: ReadonlyMap<string, string>, counter: string): string {
  return body.replace(/\\(\(\)|@|[A-Za-z_.$][A-Za-z0-9_.$]*)/g, (whole, name: string) => {
    if (name === "()") return "";
    if (name === "@") return counter;
    return bindings.get(name) ?? whole;
  });
}
