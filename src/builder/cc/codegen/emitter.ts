// The writer of one function's code into the listing, and the stack-depth
// bookkeeping of the push/pop expression evaluator. `depth` counts the bytes
// pushed below the frame, so calls can pad %esp to the 16-byte alignment the
// ABI requires.
import { functionSymbolName, type FunctionDefinition } from "../ast";
import type { Reporter } from "../errors";
import type { SourceLocation, Token } from "../token";
import type { FunctionLabels } from "./statements";

/**
 * The text of an assembly listing, appended line by line as UTF-8 bytes into
 * one growing array. A listing of a large file has over 100,000 lines. Kept
 * as strings until a final join, each line and the pieces that V8's
 * concatenation links into it would survive young-generation garbage
 * collections, which copy them, and the joins would copy the text twice more.
 */
export class Listing {
  private bytes = takeSpareStorage();
  private length = 0;
  /** No byte above 0x7f was written, so the bytes are also the text's UTF-16 codes. */
  private ascii = true;
  /**
   * The byte ranges of the `# file:line: text` comments written so far, by
   * file: line n's comment spans bytes [at[2n], at[2n + 1]), and an end of 0
   * means that it was not written yet. Inlining repeats a callee's lines at
   * every call, and copying the earlier bytes is cheaper than encoding the
   * line again.
   */
  readonly sourceComments = new Map<string, Int32Array>();

  /** The number of bytes written so far, the offset of the next byte. */
  get size(): number {
    return this.length;
  }

  get isEmpty(): boolean {
    return this.length === 0;
  }

  /** Appends one line and its newline. */
  push(line: string): void {
    this.write(line);
    this.byte(0x0a);
  }

  /** Appends `text` without a newline. */
  write(text: string): void {
    const n = text.length;
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.length + 3 * n > this.bytes.length) this.grow(3 * n);
    const bytes = this.bytes;
    let at = this.length;
    // The native encoder copies long texts such as source lines faster, but its call and the view it needs cost more for short ones.
    if (n >= 32) {
      const written = encoder.encodeInto(text, bytes.subarray(at)).written;
      // Every code unit above 0x7f takes two bytes or more in UTF-8, so only ASCII text takes one byte a unit.
      if (written !== n) this.ascii = false;
      this.length = at + written;
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        at += encoder.encodeInto(text.slice(i), bytes.subarray(at)).written;
        this.ascii = false;
        break;
      }
      bytes[at++] = c;
    }
    this.length = at;
  }

  /** Appends a copy of the bytes from `start` up to `end`, which were written earlier. */
  repeat(start: number, end: number): void {
    const n = end - start;
    if (this.length + n > this.bytes.length) this.grow(n);
    this.bytes.copyWithin(this.length, start, end);
    this.length += n;
  }

  /** Appends one ASCII character by its code. */
  byte(code: number): void {
    if (this.length === this.bytes.length) this.grow(1);
    this.bytes[this.length++] = code;
  }

  /** Appends a number in decimal, as `${n}` writes it, without making a string for a 32-bit integer. */
  writeInteger(n: number): void {
    // The fast path keeps to int32 values so that the digit loop runs on small integers, not doubles.
    if (!((n | 0) === n && n !== -0x80000000)) {
      this.write(`${n}`);
      return;
    }
    if (n < 0) {
      this.byte(0x2d);
      n = -n;
    }
    if (this.length + 10 > this.bytes.length) this.grow(10);
    let digits = 1;
    for (let rest = n; rest >= 10; rest = (rest / 10) | 0) digits++;
    const bytes = this.bytes;
    let at = this.length + digits;
    this.length = at;
    do {
      const quotient = (n / 10) | 0;
      bytes[--at] = 0x30 + n - 10 * quotient;
      n = quotient;
    } while (n > 0);
  }

  /**
   * Returns `header` followed by the listing's text, and empties the
   * listing, handing its storage on to the next listing. An ASCII text's
   * bytes stay readable through listingCodes() until the next listing
   * starts in that storage.
   */
  finish(header = ""): string {
    if (header !== "") this.prepend(header);
    const bytes = this.bytes.subarray(0, this.length);
    const text = this.ascii ? decodeAscii(bytes) : decoder.decode(bytes);
    finishedListing = this.ascii ? { text, codes: bytes } : undefined;
    if (spareStorage === undefined || spareStorage.length < this.bytes.length) spareStorage = this.bytes;
    this.bytes = new Uint8Array(0);
    this.length = 0;
    this.ascii = true;
    this.sourceComments.clear();
    return text;
  }

  /**
   * Inserts `text` before the bytes written so far. The text then is one
   * flat string: joining the header to the decoded text instead would make
   * a concatenation that the assembler's first read copies again.
   */
  private prepend(text: string): void {
    const head = encoder.encode(text);
    if (head.length !== text.length) this.ascii = false;
    if (this.length + head.length > this.bytes.length) this.grow(head.length);
    this.bytes.copyWithin(head.length, 0, this.length);
    this.bytes.set(head);
    this.length += head.length;
  }

  private grow(more: number): void {
    const bytes = new Uint8Array(Math.max(2 * this.bytes.length, this.length + more));
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
  }
}

/**
 * The storage of the last finished listing. The next listing starts in it
 * instead of growing a new array from 64 KiB by doubling, which for a
 * listing of megabytes allocates and copies it several times over.
 * NOTE: it keeps the largest listing's bytes allocated between compilations.
 */
let spareStorage: Uint8Array | undefined;

function takeSpareStorage(): Uint8Array {
  const bytes = spareStorage ?? new Uint8Array(1 << 16);
  spareStorage = undefined;
  // The new listing overwrites the bytes that listingCodes() would return.
  if (finishedListing !== undefined && finishedListing.codes.buffer === bytes.buffer) finishedListing = undefined;
  return bytes;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The text of the last finished listing and its bytes while the text is
 * ASCII, else undefined.
 * NOTE: when no caller takes the codes, this keeps the text until the next listing finishes.
 */
let finishedListing: { text: string; codes: Uint8Array } | undefined;

/**
 * Returns the UTF-16 codes of `text`, one byte each, when `text` is the
 * last finished listing and ASCII, else undefined. The assembler reads a
 * listing as these codes, and taking them here spares encoding the text
 * again. The array is the storage of the next listing, so it must be read
 * before another listing starts, and listingCodes() returns them once.
 */
export function listingCodes(text: string): Uint8Array | undefined {
  const finished = finishedListing;
  if (finished === undefined || finished.text !== text) return undefined;
  finishedListing = undefined;
  return finished.codes;
}

/**
 * Node's Buffer, when the code runs in Node. Its latin1 decoding copies
 * ASCII bytes into a string in about a seventh of the time TextDecoder
 * takes for UTF-8: 0.25 ms against 1.7 ms for a 3 MB listing (medians of
 * a microbenchmark, Node 20 on a 2-core machine).
 */
const NodeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBufferLike, offset: number, length: number): { toString(encoding: "latin1"): string } } }).Buffer;

/** Returns the text of ASCII bytes. */
function decodeAscii(bytes: Uint8Array): string {
  // For bytes below 0x80, latin1 and UTF-8 give the same text.
  if (NodeBuffer !== undefined) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  return decoder.decode(bytes);
}

/** The counter behind the local labels `.LG0`, `.LG1` and so on, shared by all functions of a translation unit. */
export class LabelCounter {
  next = 0;
}

export class Emitter {
  depth = 0;
  /** The file, line and column of the last `.loc` directive, and the file and line of the last source comment. */
  private locFile: string | undefined;
  private locFileNumber = 0;
  private locLine = 0;
  private locColumn = 0;
  private commentFile: string | undefined;
  private commentLine = 0;
  /** The function being generated, for the statements inside statement expressions. */
  labels: FunctionLabels | undefined;

  /**
   * `fileNumbers` numbers the source files for `.file N "name"` and `.loc`,
   * shared by all functions of the translation unit; new files are added.
   */
  constructor(
    readonly reporter: Reporter,
    private readonly sources: Readonly<Record<string, string[]>>,
    private readonly labelCounter: LabelCounter,
    private readonly fileNumbers: Map<string, number> = new Map(),
    /** The output listing, which emitProgram shares among all functions of a translation unit. */
    readonly lines: Listing = new Listing(),
  ) {}

  /** One instruction, tab-indented as gcc -S writes it. */
  ins(mnemonic: string, operands?: string): void {
    const lines = this.lines;
    lines.byte(0x09);
    lines.write(mnemonic);
    if (operands !== undefined) {
      lines.byte(0x09);
      lines.write(operands);
    }
    lines.byte(0x0a);
  }

  /**
   * Starts an instruction line with `\tmnemonic\t` and returns the listing:
   * the caller writes the operands and the newline, so operand texts built
   * from numbers and registers need no string of their own.
   */
  startInstruction(mnemonic: string): Listing {
    const lines = this.lines;
    lines.byte(0x09);
    lines.write(mnemonic);
    lines.byte(0x09);
    return lines;
  }

  label(name: string): void {
    this.lines.write(name);
    this.lines.byte(0x3a);
    this.lines.byte(0x0a);
  }

  directive(text: string): void {
    this.lines.byte(0x09);
    this.lines.push(text);
  }

  newLabel(): string {
    return `.LG${this.labelCounter.next++}`;
  }

  /** Returns the number n of a new label `.LGn`, for a writer that writes it with writeLabel() instead of making its name. */
  newLabelNumber(): number {
    return this.labelCounter.next++;
  }

  /** Writes the name of label `.LGn` without a newline. */
  writeLabel(n: number): void {
    this.lines.write(".LG");
    this.lines.writeInteger(n);
  }

  /** Writes the line `.LGn:` that places label number n. */
  placeLabel(n: number): void {
    this.writeLabel(n);
    this.lines.byte(0x3a);
    this.lines.byte(0x0a);
  }

  /** Writes a jump or other one-operand instruction to label number n. */
  jump(mnemonic: string, n: number): void {
    this.startInstruction(mnemonic);
    this.writeLabel(n);
    this.lines.byte(0x0a);
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
    const lines = this.lines;
    if (loc.file !== this.locFile || loc.line !== this.locLine || loc.column !== this.locColumn) {
      if (loc.file !== this.locFile) this.locFileNumber = this.fileNumber(loc.file);
      this.locFile = loc.file;
      this.locLine = loc.line;
      this.locColumn = loc.column;
      lines.write("\t.loc ");
      lines.writeInteger(this.locFileNumber);
      lines.byte(0x20);
      lines.writeInteger(loc.line);
      lines.byte(0x20);
      lines.writeInteger(loc.column);
      lines.byte(0x0a);
    }
    if (loc.file === this.commentFile && loc.line === this.commentLine) return;
    this.commentFile = loc.file;
    this.commentLine = loc.line;
    let written = lines.sourceComments.get(loc.file);
    if (written === undefined || 2 * loc.line + 1 >= written.length) written = this.growComments(loc.file, loc.line, written);
    const end = written[2 * loc.line + 1];
    if (end !== 0) {
      lines.repeat(written[2 * loc.line], end);
      return;
    }
    written[2 * loc.line] = lines.size;
    const text = this.sources[loc.file]?.[loc.line - 1]?.trim() ?? "";
    lines.write("# ");
    lines.write(loc.file);
    lines.byte(0x3a);
    lines.writeInteger(loc.line);
    lines.byte(0x3a);
    // For an empty source line the comment ends at the colon, with no trailing space.
    if (text !== "") {
      lines.byte(0x20);
      lines.write(text);
    }
    lines.byte(0x0a);
    written[2 * loc.line + 1] = lines.size;
  }

  /** Returns the number of `file` for `.file` and `.loc`, numbering it if it is new. */
  private fileNumber(file: string): number {
    let n = this.fileNumbers.get(file);
    if (n === undefined) {
      n = this.fileNumbers.size + 1;
      this.fileNumbers.set(file, n);
    }
    return n;
  }

  /** Makes room in the listing's comment offsets of `file` for `line`, sized by the file's line count when it has none yet. */
  private growComments(file: string, line: number, written: Int32Array | undefined): Int32Array {
    const lineCount = Math.max(line, this.sources[file]?.length ?? 0, written?.length ?? 0);
    const grown = new Int32Array(2 * (lineCount + 1));
    if (written !== undefined) grown.set(written);
    this.lines.sourceComments.set(file, grown);
    return grown;
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
