// Assembly of a whole translation unit: functions in `.text`, initialized
// objects in `.data`, zero-initialized ones in `.bss`, string literals in
// `.rodata`, each with the `.type` and `.size` the linker's symbol table uses.
import { functionSymbolName, type FunctionDefinition, type GlobalData, type Program, type Variable } from "../ast";
import type { Reporter } from "../errors";
import { isInteger, type Type } from "../types";
import type { OptimizeLevel } from "../index";
import { emitOptimizedFunction, Inliner } from "../opt";
import { Emitter, LabelCounter, Listing } from "./emitter";
import { genStmt } from "./statements";

/** `plainMemory`: no access is volatile, so the optimiser may forward stores to loads (see opt/memory.ts). */
export function emitProgram(
  program: Program, reporter: Reporter, sources: Record<string, string[]>, optimize: OptimizeLevel = 0, plainMemory = false,
): string {
  const labelCounter = new LabelCounter();
  // The functions' code goes straight into the same listing, so the text is built once, in order.
  const lines = new Listing();

  const dataObjects = program.globals.filter((g) => g.isDefinition && !g.isExtern);
  const initialized = dataObjects.filter((g) => g.init && g.section === undefined);
  const zeroed = dataObjects.filter((g) => !g.init && g.section === undefined);
  if (initialized.length > 0) {
    lines.push("\t.data");
    for (const g of initialized) append(lines, emitObject(g, g.init!));
  }
  if (zeroed.length > 0) {
    lines.push("\t.bss");
    for (const g of zeroed) {
      append(lines, objectHeader(g));
      lines.push(`\t.zero\t${Math.max(1, g.type.size)}`);
    }
  }
  for (const g of dataObjects.filter((o) => o.section !== undefined)) {
    lines.push(`\t.section\t${g.section},${dataSectionFlags(g.section!)}`);
    if (g.init) append(lines, emitObject(g, g.init));
    else {
      append(lines, objectHeader(g));
      lines.push(`\t.zero\t${Math.max(1, g.type.size)}`);
    }
  }
  if (program.strings.length > 0) {
    lines.push("\t.section\t.rodata");
    for (const s of program.strings) {
      lines.push(`${s.label}:`);
      lines.push(`\t.string\t${quote(s.bytes.subarray(0, s.bytes.length - 1))}`);
    }
  }
  const fileNumbers = new Map<string, number>();
  // -O2 inlines small functions of this translation unit into their callers.
  const inliner = optimize === 2 ? new Inliner(new Map(program.functions.map((f) => [f.symbol, f]))) : undefined;
  if (program.functions.length > 0) lines.push("\t.text");
  for (const fn of program.functions) {
    const out = new Emitter(reporter, sources, labelCounter, fileNumbers, lines);
    // The optimising back end declines the functions it does not cover; they get the direct code.
    if (optimize !== 0 && emitOptimizedFunction(out, fn, optimize, inliner, plainMemory)) continue;
    try {
      emitFunction(out, fn);
    } catch (e) {
      // The parser bounds operator chains and nesting levels but not their product, so an expression can
      // still be deeper than the generator's recursion can go.
      if (!(e instanceof RangeError)) throw e;
      reporter.error(fn.body.tok, `'${functionSymbolName(fn.symbol)}' is nested too deeply to compile: an expression or statement in it is deeper than the code generator can follow; split it into several statements`);
    }
  }
  if (program.fileScopeAsm.length > 0) {
    lines.push("\t.text");
    append(lines, program.fileScopeAsm);
  }
  for (const name of program.weakReferences) lines.push(`\t.weak\t${name}`);
  // The `.file` directives come first, but the functions' `.loc` directives number the files.
  const header = fileDirectives(fileNumbers);
  if (header.length === 0 && lines.isEmpty) return "\n";
  return lines.finish(header.length > 0 ? `${header.join("\n")}\n` : "");
}

function append(lines: Listing, more: readonly string[]): void {
  for (const line of more) lines.push(line);
}

/** `.file N "name"` for every file that `.loc` directives refer to, numbered from 1 as gcc -g does. */
function fileDirectives(fileNumbers: Map<string, number>): string[] {
  return [...fileNumbers].map(([name, n]) => `\t.file\t${n} ${quote(new TextEncoder().encode(name))}`);
}

/** Flags for a data section named by `__attribute__((section))`, as gcc writes them. */
function dataSectionFlags(name: string): string {
  if (name === ".bss" || name.startsWith(".bss.")) return `"aw",@nobits`;
  if (name === ".rodata" || name.startsWith(".rodata.")) return `"a",@progbits`;
  return `"aw",@progbits`;
}

function objectHeader(g: Variable): string[] {
  const header: string[] = [];
  if (g.isWeak) header.push(`\t.weak\t${g.asmName}`);
  else if (!g.isStatic) header.push(`\t.globl\t${g.asmName}`);
  header.push(`\t.align\t${Math.max(g.type.align, g.align ?? 1)}`, `\t.type\t${g.asmName}, @object`, `\t.size\t${g.asmName}, ${g.type.size}`);
  header.push(`${g.asmName}:`);
  return header;
}

function emitObject(g: Variable, data: GlobalData): string[] {
  const lines = objectHeader(g);
  emitData(lines, g.type, 0, data);
  return lines;
}

/** Emits the bytes of one object of type `type` at `offset`, one directive per scalar. */
function emitData(lines: string[], type: Type, offset: number, data: GlobalData): void {
  if (isAllZero(data, offset, type.size)) {
    if (type.size > 0) lines.push(`\t.zero\t${type.size}`);
    return;
  }
  if (type.kind === "array") {
    if (isInteger(type.element) && type.element.size === 1) {
      lines.push(`\t.ascii\t${quote(data.bytes.subarray(offset, offset + type.size))}`);
      return;
    }
    for (let i = 0; i < (type.length ?? 0); i++) emitData(lines, type.element, offset + i * type.element.size, data);
    return;
  }
  if (type.kind === "struct" && (type.isUnion || type.members.some((m) => m.bitField))) {
    emitBytes(lines, offset, type.size, data);
    return;
  }
  if (type.kind === "struct") {
    let end = offset;
    const members = type.isUnion ? type.members.slice(0, 1) : type.members;
    for (const m of members) {
      if (offset + m.offset > end) lines.push(`\t.zero\t${offset + m.offset - end}`);
      emitData(lines, m.type, offset + m.offset, data);
      end = offset + m.offset + m.type.size;
    }
    if (offset + type.size > end) lines.push(`\t.zero\t${offset + type.size - end}`);
    return;
  }
  const relocation = data.relocations.get(offset);
  if (relocation) {
    const addend = relocation.addend === 0 ? "" : relocation.addend > 0 ? `+${relocation.addend}` : `${relocation.addend}`;
    lines.push(`\t.long\t${relocation.symbol}${addend}`);
    return;
  }
  const view = new DataView(data.bytes.buffer, data.bytes.byteOffset);
  const unsigned = type.kind !== "integer" || type.unsigned;
  if (type.size === 1) lines.push(`\t.byte\t${unsigned ? view.getUint8(offset) : view.getInt8(offset)}`);
  else if (type.size === 2) lines.push(`\t.value\t${unsigned ? view.getUint16(offset, true) : view.getInt16(offset, true)}`);
  else if (type.size === 4) lines.push(`\t.long\t${unsigned ? view.getUint32(offset, true) : view.getInt32(offset, true)}`);
  else {
    // long long, double and long double: their bytes as little-endian 32-bit words.
    for (let i = 0; i < type.size; i += 4) lines.push(`\t.long\t${view.getInt32(offset + i, true)}`);
  }
}

/** Emits a union or a struct with bit-fields byte by byte, since several members share their bytes. */
function emitBytes(lines: string[], offset: number, size: number, data: GlobalData): void {
  for (let i = offset; i < offset + size; ) {
    const relocation = data.relocations.get(i);
    if (relocation) {
      const addend = relocation.addend === 0 ? "" : relocation.addend > 0 ? `+${relocation.addend}` : `${relocation.addend}`;
      lines.push(`\t.long\t${relocation.symbol}${addend}`);
      i += 4;
    } else {
      lines.push(`\t.byte\t${data.bytes[i]}`);
      i++;
    }
  }
}

function isAllZero(data: GlobalData, offset: number, size: number): boolean {
  for (let i = offset; i < offset + size; i++) {
    if (data.bytes[i] !== 0 || data.relocations.has(i)) return false;
  }
  return true;
}

const ESCAPES: Record<number, string> = { 0x22: '\\"', 0x5c: "\\\\", 0x0a: "\\n", 0x09: "\\t", 0x0d: "\\r" };

/** Quotes bytes for `.ascii` and `.string`: printable ASCII as is, the rest as octal escapes. */
export function quote(bytes: Uint8Array): string {
  let text = '"';
  for (const b of bytes) {
    const escape = ESCAPES[b];
    if (escape) text += escape;
    else if (b >= 0x20 && b < 0x7f) text += String.fromCharCode(b);
    else text += `\\${b.toString(8).padStart(3, "0")}`;
  }
  return `${text}"`;
}

/**
 * Prologue `push %ebp; mov %esp, %ebp; sub $frame, %esp`, the body, and one
 * shared epilogue. `main` returns 0 when control reaches its closing brace.
 */
function emitFunction(out: Emitter, fn: FunctionDefinition): void {
  const name = functionSymbolName(fn.symbol);
  out.beginFunction(fn);
  out.ins("pushl", "%ebp");
  out.ins("movl", "%esp, %ebp");
  out.ins("subl", `$${fn.frameSize}, %esp`);
  const returnLabel = out.newLabel();
  out.labels = { definition: fn, returnLabel };
  genStmt(out, out.labels, fn.body);
  if (out.depth !== 0) out.internalError(fn.symbol.tok, `stack depth ${out.depth} at the end of '${name}'`);
  out.sourceLine(fn.closingBrace);
  if (fn.symbol.name === "main") out.ins("movl", "$0, %eax");
  out.label(returnLabel);
  out.ins("leave");
  out.ins("ret", fn.resultPointer ? "$4" : undefined);
  out.endFunction(fn);
}
