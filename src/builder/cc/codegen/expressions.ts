// Expression code: every expression leaves its value in %eax (for a struct,
// its address), an 8-byte integer in %edx:%eax and a floating value in
// %st(0). Binary operators on 32-bit values evaluate the left operand, push
// it, evaluate the right one into %ecx and pop the left back into %eax;
// wide.ts and float.ts do the same for the other types.
import { functionSymbolName, type Expr, type ExprOf, type Variable } from "../ast";
import { alignTo, isFloat, isInteger, isVariableLengthArray, isWide, typeName, type IntegerType, type Member, type Type } from "../types";
import type { Emitter } from "./emitter";
import { genStmt } from "./statements";
import {
  floatToInteger, genFloatBinary, integerToFloat, loadFloat, loadFloatConstant, narrowFloat, popFloat, pushFloat,
  storeFloat,
} from "./float";
import {
  extractWideBits, genWideBinary, genWideUnary, loadWideConstant, loadWideUnit, pushWide, storeWideBitField, widen,
} from "./wide";

/** The memory operand of a variable, `extra` bytes into it. */
export function variableAddress(v: Variable, extra = 0): string {
  if (v.isLocal) return `${v.offset + extra}(%ebp)`;
  return extra === 0 ? v.asmName : `${v.asmName}+${extra}`;
}

/** Loads the object at the address in %eax, extending narrow integers to 32 bits. */
export function load(out: Emitter, type: Type): void {
  if (type.kind === "array" || type.kind === "struct" || type.kind === "function") return;
  if (type.kind === "float") loadFloat(out, type, "(%eax)");
  else if (isWide(type)) {
    out.ins("movl", "4(%eax), %edx");
    out.ins("movl", "(%eax), %eax");
  } else if (type.kind === "integer" && type.size === 1) out.ins(type.unsigned ? "movzbl" : "movsbl", "(%eax), %eax");
  else if (type.kind === "integer" && type.size === 2) out.ins(type.unsigned ? "movzwl" : "movswl", "(%eax), %eax");
  else out.ins("movl", "(%eax), %eax");
}

/** Stores %eax to the address on top of the stack (popped), leaving the stored value in %eax. */
function store(out: Emitter, e: Expr, type: Type): void {
  out.pop("%ecx");
  if (type.kind === "struct") {
    copyMemory(out, type.size);
    out.ins("movl", "%ecx, %eax");
  } else if (type.kind === "float") storeFloat(out, type, "(%ecx)");
  else if (isWide(type)) {
    out.ins("movl", "%eax, (%ecx)");
    out.ins("movl", "%edx, 4(%ecx)");
  } else if (type.size === 1) out.ins("movb", "%al, (%ecx)");
  else if (type.size === 2) out.ins("movw", "%ax, (%ecx)");
  else if (type.size === 4) out.ins("movl", "%eax, (%ecx)");
  else out.internalError(e.tok, `store of ${type.size}-byte type '${typeName(type)}'`);
}

/** Stores the value of `type` to a variable. */
function storeToVariable(out: Emitter, v: Variable, type: Type): void {
  const operand = variableAddress(v);
  if (type.kind === "float") storeFloat(out, type, operand);
  else if (isWide(type)) {
    out.ins("movl", `%eax, ${operand}`);
    out.ins("movl", `%edx, ${variableAddress(v, 4)}`);
  } else if (type.size === 1) out.ins("movb", `%al, ${operand}`);
  else if (type.size === 2) out.ins("movw", `%ax, ${operand}`);
  else out.ins("movl", `%eax, ${operand}`);
}

/** Extracts a bit-field from its storage unit at the address in %eax, sign- or zero-extending it to 32 bits. */
function loadBitField(out: Emitter, member: Member): void {
  const { width, bitOffset, storageSize } = member.bitField!;
  if (storageSize > 4) {
    loadWideUnit(out, storageSize);
    extractWideBits(out, member, width, bitOffset);
    return;
  }
  if (storageSize === 1) out.ins("movzbl", "(%eax), %eax");
  else if (storageSize === 2) out.ins("movzwl", "(%eax), %eax");
  else out.ins("movl", "(%eax), %eax");
  extractBits(out, member, width, bitOffset);
  if (isWide(member.type)) widen(out, member.type);
}

function extractBits(out: Emitter, member: Member, width: number, bitOffset: number): void {
  const unsigned = member.type.kind === "integer" && member.type.unsigned;
  if (32 - bitOffset - width > 0) out.ins("shll", `$${32 - bitOffset - width}, %eax`);
  if (32 - width > 0) out.ins(unsigned ? "shrl" : "sarl", `$${32 - width}, %eax`);
}

/**
 * Stores %eax into the bit-field whose storage unit's address is on top of
 * the stack (popped): a read-modify-write of the unit. Leaves the field's
 * new value, as read back, in %eax.
 */
function storeBitField(out: Emitter, member: Member): void {
  const { width, bitOffset, storageSize: size } = member.bitField!;
  if (size > 4) {
    storeWideBitField(out, member);
    return;
  }
  const fieldMask = width === 32 ? 0xffffffff : (1 << width) - 1;
  const unitMask = (fieldMask << bitOffset) | 0;
  out.pop("%ecx");
  out.push("%eax");
  out.ins("andl", `$${fieldMask | 0}, %eax`);
  if (bitOffset > 0) out.ins("shll", `$${bitOffset}, %eax`);
  if (size === 1) out.ins("movzbl", "(%ecx), %edx");
  else if (size === 2) out.ins("movzwl", "(%ecx), %edx");
  else out.ins("movl", "(%ecx), %edx");
  out.ins("andl", `$${~unitMask}, %edx`);
  out.ins("orl", "%edx, %eax");
  if (size === 1) out.ins("movb", "%al, (%ecx)");
  else if (size === 2) out.ins("movw", "%ax, (%ecx)");
  else out.ins("movl", "%eax, (%ecx)");
  out.pop("%eax");
  extractBits(out, member, width, 0);
  if (isWide(member.type)) widen(out, member.type);
}

/** Copies `size` bytes from the address in %eax to the address in %ecx; clobbers %edx. */
export function copyMemory(out: Emitter, size: number): void {
  const words = Math.floor(size / 4);
  if (words > 16) {
    const loop = out.newLabel();
    out.ins("pushl", "%ebx");
    out.ins("xorl", "%edx, %edx");
    out.label(loop);
    out.ins("movl", "(%eax,%edx), %ebx");
    out.ins("movl", "%ebx, (%ecx,%edx)");
    out.ins("addl", "$4, %edx");
    out.ins("cmpl", `$${words * 4}, %edx`);
    out.ins("jb", loop);
    out.ins("popl", "%ebx");
  } else {
    for (let i = 0; i < words * 4; i += 4) {
      out.ins("movl", `${i}(%eax), %edx`);
      out.ins("movl", `%edx, ${i}(%ecx)`);
    }
  }
  for (let i = words * 4; i < size; i++) {
    out.ins("movb", `${i}(%eax), %dl`);
    out.ins("movb", `%dl, ${i}(%ecx)`);
  }
}

/** Fills a local variable with zero bytes. */
function zeroVariable(out: Emitter, v: Variable): void {
  const size = v.type.size;
  if (size <= 64) {
    let i = 0;
    for (; i + 4 <= size; i += 4) out.ins("movl", `$0, ${v.offset + i}(%ebp)`);
    for (; i < size; i++) out.ins("movb", `$0, ${v.offset + i}(%ebp)`);
    return;
  }
  const loop = out.newLabel();
  out.ins("leal", `${v.offset}(%ebp), %edx`);
  out.ins("movl", `$${size}, %ecx`);
  out.label(loop);
  out.ins("movb", "$0, -1(%edx,%ecx)");
  out.ins("decl", "%ecx");
  out.ins("jnz", loop);
}

/** Computes the address of an lvalue (or of a struct-valued call's result) into %eax. */
export function genAddress(out: Emitter, e: Expr): void {
  switch (e.kind) {
    case "variable":
      // A variable length array's slot holds the array's address.
      if (e.variable.isLocal && isVariableLengthArray(e.variable.type)) out.ins("movl", `${e.variable.offset}(%ebp), %eax`);
      else if (e.variable.isLocal) out.ins("leal", `${e.variable.offset}(%ebp), %eax`);
      else out.ins("movl", `$${e.variable.asmName}, %eax`);
      return;
    case "function":
      out.ins("movl", `$${functionSymbolName(e.fn)}, %eax`);
      return;
    case "string":
      out.ins("movl", `$${e.literal.label}, %eax`);
      return;
    case "deref":
      genExpr(out, e.operand);
      return;
    case "member":
      genAddress(out, e.base);
      if (e.member.offset !== 0) out.ins("addl", `$${e.member.offset}, %eax`);
      return;
    case "cast":
      // A struct-typed cast only renames the type of a struct value, so it has the operand's address.
      if (e.type.kind === "struct") {
        genAddress(out, e.operand);
        return;
      }
      break;
    case "call":
    case "assign":
    case "conditional":
    case "comma":
    case "statementExpression":
      if (e.type.kind === "struct") {
        genExpr(out, e);
        return;
      }
      break;
  }
  out.internalError(e.tok, `address of a '${e.kind}' expression`);
}

/**
 * Converts a value of type `from` to type `to`, moving it between %eax,
 * %edx:%eax and %st(0) as the types require. Floating values are rounded
 * where gcc -O0 rounds them (see float.ts).
 */
export function convert(out: Emitter, from: Type, to: Type): void {
  if (to.kind === "struct") return;
  if (to.kind === "void") {
    if (isFloat(from)) popFloat(out);
    return;
  }
  if (isFloat(from)) {
    if (isFloat(to)) narrowFloat(out, from, to);
    else if (to.kind === "integer") {
      floatToInteger(out, to);
      if (to.size < 4 && to.rank !== "bool") extendNarrow(out, to);
    } else floatToInteger(out, { kind: "integer", rank: "int", unsigned: true, size: 4, align: 4 });
    return;
  }
  if (isFloat(to)) {
    integerToFloat(out, from, to);
    return;
  }
  if (isWide(from)) {
    if (isWide(to)) return;
    if (to.kind === "integer" && to.rank === "bool") {
      out.ins("orl", "%edx, %eax");
      out.ins("setne", "%al");
      out.ins("movzbl", "%al, %eax");
    } else if (to.kind === "integer" && to.size < 4) {
      extendNarrow(out, to);
    }
    return;
  }
  if (isWide(to)) {
    widen(out, from);
    return;
  }
  if (to.kind === "integer" && to.rank === "bool") {
    out.ins("testl", "%eax, %eax");
    out.ins("setne", "%al");
    out.ins("movzbl", "%al, %eax");
    return;
  }
  if (to.kind !== "integer" || to.size >= 4) return;
  if (isInteger(from)) {
    const fits = from.size < to.size ? from.unsigned || !to.unsigned : from.size === to.size && from.unsigned === to.unsigned;
    if (fits) return;
  }
  extendNarrow(out, to);
}

/** Sign- or zero-extends the low bytes of %eax holding a 1- or 2-byte integer. */
function extendNarrow(out: Emitter, to: IntegerType): void {
  if (to.size === 1) out.ins(to.unsigned ? "movzbl" : "movsbl", "%al, %eax");
  else out.ins(to.unsigned ? "movzwl" : "movswl", "%ax, %eax");
}

function isUnsigned(t: Type): boolean {
  return t.kind !== "integer" || t.unsigned;
}

const SIGNED_SET: Record<string, string> = { "==": "sete", "!=": "setne", "<": "setl", "<=": "setle", ">": "setg", ">=": "setge" };
const UNSIGNED_SET: Record<string, string> = { "==": "sete", "!=": "setne", "<": "setb", "<=": "setbe", ">": "seta", ">=": "setae" };
const SIMPLE_OPS: Record<string, string> = { "+": "addl", "-": "subl", "&": "andl", "|": "orl", "^": "xorl" };

function genBinary(out: Emitter, e: ExprOf<"binary">): void {
  if (isWide(e.left.type)) {
    genWideBinary(out, e);
    return;
  }
  if (isFloat(e.left.type)) {
    genFloatBinary(out, e);
    return;
  }
  genExpr(out, e.left);
  if (e.right.kind === "number") {
    out.ins("movl", `$${e.right.value}, %ecx`);
  } else {
    out.push();
    genExpr(out, e.right);
    out.ins("movl", "%eax, %ecx");
    out.pop("%eax");
  }
  const unsigned = isUnsigned(e.left.type);
  const simple = SIMPLE_OPS[e.op];
  if (simple) {
    out.ins(simple, "%ecx, %eax");
    return;
  }
  switch (e.op) {
    case "*":
      out.ins("imull", "%ecx, %eax");
      return;
    case "/":
    case "%":
      if (unsigned) {
        out.ins("xorl", "%edx, %edx");
        out.ins("divl", "%ecx");
      } else {
        out.ins("cltd");
        out.ins("idivl", "%ecx");
      }
      if (e.op === "%") out.ins("movl", "%edx, %eax");
      return;
    case "<<":
      out.ins("shll", "%cl, %eax");
      return;
    case ">>":
      out.ins(unsigned ? "shrl" : "sarl", "%cl, %eax");
      return;
    default:
      out.ins("cmpl", "%ecx, %eax");
      out.ins((unsigned ? UNSIGNED_SET : SIGNED_SET)[e.op], "%al");
      out.ins("movzbl", "%al, %eax");
  }
}

/** Leaves 0 or 1 in %eax for `&&` and `||`, evaluating the right operand only when needed. */
function genLogical(out: Emitter, e: ExprOf<"logical">): void {
  const shortCircuit = out.newLabel();
  const end = out.newLabel();
  const isAnd = e.op === "&&";
  genExpr(out, e.left);
  out.ins("testl", "%eax, %eax");
  out.ins(isAnd ? "je" : "jne", shortCircuit);
  genExpr(out, e.right);
  out.ins("testl", "%eax, %eax");
  out.ins(isAnd ? "je" : "jne", shortCircuit);
  out.ins("movl", `$${isAnd ? 1 : 0}, %eax`);
  out.ins("jmp", end);
  out.label(shortCircuit);
  out.ins("movl", `$${isAnd ? 0 : 1}, %eax`);
  out.label(end);
}

/**
 * A cdecl call: arguments pushed right to left, padded so that %esp is
 * 16-byte aligned at the `call`. A struct result goes to the caller's slot
 * whose address is pushed last; the callee pops that pointer (`ret $4`).
 */
function genCall(out: Emitter, e: ExprOf<"call">): void {
  const returnsStruct = e.fnType.returnType.kind === "struct";
  const argBytes = e.args.reduce((n, a) => n + alignTo(a.type.size, 4), 0) + (returnsStruct ? 4 : 0);
  const padding = (16 - ((out.depth + argBytes) % 16)) % 16;
  out.reserve(padding);
  for (let i = e.args.length - 1; i >= 0; i--) {
    const arg = e.args[i];
    genExpr(out, arg);
    if (arg.type.kind === "struct") {
      out.reserve(alignTo(arg.type.size, 4));
      out.ins("movl", "%esp, %ecx");
      copyMemory(out, arg.type.size);
    } else if (arg.type.kind === "float") {
      pushFloat(out, arg.type);
    } else if (isWide(arg.type)) {
      pushWide(out);
    } else {
      out.push();
    }
  }
  if (returnsStruct) {
    if (!e.resultSlot) out.internalError(e.tok, "struct-returning call without a result slot");
    out.ins("leal", `${e.resultSlot.offset}(%ebp), %eax`);
    out.push();
  }
  if (e.callee.kind === "addr" && e.callee.operand.kind === "function") {
    out.ins("call", functionSymbolName(e.callee.operand.fn));
  } else {
    genExpr(out, e.callee);
    out.ins("call", "*%eax");
  }
  if (returnsStruct) out.depth -= 4;
  out.reserve(-(argBytes - (returnsStruct ? 4 : 0) + padding));
  const result = e.fnType.returnType;
  if (result.kind === "integer" && result.size < 4) extendNarrow(out, result);
  if (returnsStruct) out.ins("leal", `${e.resultSlot!.offset}(%ebp), %eax`);
}

function genConditional(out: Emitter, e: ExprOf<"conditional">): void {
  const otherwise = out.newLabel();
  const end = out.newLabel();
  genExpr(out, e.condition);
  out.ins("testl", "%eax, %eax");
  out.ins("je", otherwise);
  genExpr(out, e.then);
  out.ins("jmp", end);
  out.label(otherwise);
  genExpr(out, e.otherwise);
  out.label(end);
}

export function genExpr(out: Emitter, e: Expr): void {
  switch (e.kind) {
    case "number":
      if (e.type.kind === "float") loadFloatConstant(out, e.type, Number(e.value), e.extended);
      else if (typeof e.value === "bigint") loadWideConstant(out, e.value);
      else out.ins("movl", `$${e.value}, %eax`);
      return;
    case "string":
    case "function":
      genAddress(out, e);
      return;
    case "variable":
      if (e.variable.isLocal && e.type.kind === "integer" && e.type.size === 4) {
        out.ins("movl", `${e.variable.offset}(%ebp), %eax`);
        return;
      }
      genAddress(out, e);
      load(out, e.type);
      return;
    case "member":
      genAddress(out, e);
      if (e.member.bitField) loadBitField(out, e.member);
      else load(out, e.type);
      return;
    case "deref":
      genAddress(out, e);
      load(out, e.type);
      return;
    case "addr":
      genAddress(out, e.operand);
      return;
    case "cast":
      genExpr(out, e.operand);
      convert(out, e.operand.type, e.type);
      return;
    case "unary":
      genExpr(out, e.operand);
      if (isFloat(e.type) && e.op === "neg") out.ins("fchs");
      else if (isWide(e.type) && e.op !== "lognot") genWideUnary(out, e.op);
      else if (e.op === "neg") out.ins("negl", "%eax");
      else if (e.op === "bitnot") out.ins("notl", "%eax");
      else {
        out.ins("testl", "%eax, %eax");
        out.ins("sete", "%al");
        out.ins("movzbl", "%al, %eax");
      }
      return;
    case "binary":
      genBinary(out, e);
      return;
    case "logical":
      genLogical(out, e);
      return;
    case "assign":
      if (e.target.kind === "variable" && e.type.kind !== "struct") {
        genExpr(out, e.value);
        storeToVariable(out, e.target.variable, e.type);
        return;
      }
      genAddress(out, e.target);
      out.push();
      genExpr(out, e.value);
      if (e.target.kind === "member" && e.target.member.bitField) storeBitField(out, e.target.member);
      else store(out, e, e.type);
      return;
    case "conditional":
      genConditional(out, e);
      return;
    case "comma":
      genExpr(out, e.left);
      discardValue(out, e.left.type);
      genExpr(out, e.right);
      return;
    case "call":
      genCall(out, e);
      return;
    case "zero":
      zeroVariable(out, e.variable);
      return;
    case "labelAddress":
      out.ins("movl", `$${e.label}, %eax`);
      return;
    case "allocateArray":
      out.internalError(e.tok, "a variable length array allocated inside an expression");
    case "statementExpression":
      if (!out.labels) out.internalError(e.tok, "statement expression outside a function");
      genStmt(out, out.labels, e.body);
      if (e.value) genExpr(out, e.value);
      return;
  }
}

/** Drops an expression's unused value: only a floating value occupies a register that must be freed. */
export function discardValue(out: Emitter, type: Type): void {
  if (type.kind === "float") popFloat(out);
}
