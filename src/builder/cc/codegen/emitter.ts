// The output buffer of one function's code and the stack-depth bookkeeping
// of the push/pop expression evaluator. `depth` counts the bytes pushed below
// the frame, so calls can pad %esp to the 16-byte alignment the ABI requires.
import { functionSymbolName, type FunctionDefinition } from "../ast";
import type { Reporter } from "../errors";
import type { SourceLocation, Token } from "../token";
import type { FunctionLabels } from "./statements";

export class Emitter {
  readonly lines: string[] = [];
  depth = 0;
  private lastLine = "";
  private lastLoc = "";
  /** The function being generated, for the statements inside statement expressions. */
  labels: FunctionLabels | undefined;

  /**
   * `fileNumbers` numbers the source files for `.file N "name"` and `.loc`,
   * shared by all functions of the translation unit; new files are added.
   */
  constructor(
    readonly reporter: Reporter,
    private readonly sources: Readonly<Record<string, string[]>>,
    private readonly nextLabel: () => string,
    private readonly fileNumbers: Map<string, number> = new Map(),
  ) {}

  /** One instruction, tab-indented as gcc -S writes it. */
  ins(mnemonic: string, operands?: string): void {
    this.lines.push(operands === undefined ? `\t${mnemonic}` : `\t${mnemonic}\t${operands}`);
  }

  label(name: string): void {
    this.lines.push(`${name}:`);
  }

  directive(text: string): void {
    this.lines.push(`\t${text}`);
  }

  newLabel(): string {
    return this.nextLabel();
  }

  push(register = "%eax"): void {
    this.ins("pushl", register);
    this.depth += 4;
  }

  pop(register: string): void {
    this.ins("popl", register);
    this.depth -= 4;
  }

  /** Adjusts %esp by `bytes` (positive reserves stack) and tracks the depth. */
  reserve(bytes: number): void {
    if (bytes === 0) return;
    if (bytes > 0) this.ins("subl", `$${bytes}, %esp`);
    else this.ins("addl", `$${-bytes}, %esp`);
    this.depth += bytes;
  }

  /**
   * Marks the start of a statement's code: a `.loc N line column` directive
   * as gcc -g writes it (the assembler builds the line table from it), and a
   * `# file:line: source` comment when the line changes, for the listing.
   */
  sourceLine(tok: Token): void {
    const loc: SourceLocation = tok.expandedAt ?? tok;
    let fileNumber = this.fileNumbers.get(loc.file);
    if (fileNumber === undefined) {
      fileNumber = this.fileNumbers.size + 1;
      this.fileNumbers.set(loc.file, fileNumber);
    }
    const locText = `.loc ${fileNumber} ${loc.line} ${loc.column}`;
    if (locText !== this.lastLoc) {
      this.lastLoc = locText;
      this.directive(locText);
    }
    const key = `${loc.file}:${loc.line}`;
    if (key === this.lastLine) return;
    this.lastLine = key;
    const text = this.sources[loc.file]?.[loc.line - 1]?.trim() ?? "";
    this.lines.push(`# ${key}: ${text}`.trimEnd());
  }

  /**
   * Writes the directives and label that open a function's code. As gcc -g does,
   * the prologue that follows belongs to the opening brace.
   */
  beginFunction(fn: FunctionDefinition): void {
    const name = functionSymbolName(fn.symbol);
    if (fn.symbol.section !== undefined) this.directive(`.section\t${fn.symbol.section},"ax",@progbits`);
    if (fn.symbol.isWeak) this.directive(`.weak\t${name}`);
    else if (!fn.symbol.isStatic) this.directive(`.globl\t${name}`);
    this.directive(`.type\t${name}, @function`);
    this.label(name);
    this.sourceLine(fn.body.tok);
  }

  /** The `.size` of a function, and the return to `.text` after one placed in its own section. */
  endFunction(fn: FunctionDefinition): void {
    const name = functionSymbolName(fn.symbol);
    this.directive(`.size\t${name}, .-${name}`);
    if (fn.symbol.section !== undefined) this.directive(".text");
  }

  internalError(tok: Token, message: string): never {
    this.reporter.internalError(tok, message);
  }
}
