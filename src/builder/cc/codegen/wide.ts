// Code for the 8-byte integer types (`long long`, `unsigned long long`),
// whose values live in %edx:%eax (high:low). A binary operator pushes both
// operands, so the right one is at 0(%esp) and the left one at 8(%esp).
// Division and remainder call the library OS's libgcc-compatible helpers.
import type { ExprOf } from "../ast";
import type { Member, Type } from "../types";
import type { Emitter } from "./emitter";
import { genExpr } from "./expressions";

const WIDE_HELPERS: Record<string, [signed: string, unsigned: string]> = {
  "/": ["__divdi3", "__udivdi3"],
  "%": ["__moddi3", "__umoddi3"],
};

const SIGNED_SET: Record<string, string> = { "<": "setl", "<=": "setle", ">": "setg", ">=": "setge" };
const UNSIGNED_SET: Record<string, string> = { "<": "setb", "<=": "setbe", ">": "seta", ">=": "setae" };

export function pushWide(out: Emitter): void {
  out.push("%edx");
  out.push("%eax");
}

export function popWide(out: Emitter): void {
  out.pop("%eax");
  out.pop("%edx");
}

/** Computes a binary operator whose left operand has an 8-byte integer type. */
export function genWideBinary(out: Emitter, e: ExprOf<"binary">): void {
  const unsigned = e.left.type.kind === "integer" && e.left.type.unsigned;
  genExpr(out, e.left);
  pushWide(out);
  if (e.op === "<<" || e.op === ">>") {
    genExpr(out, e.right);
    out.ins("movl", "%eax, %ecx");
    popWide(out);
    shiftWide(out, e.op, unsigned);
    return;
  }
  genExpr(out, e.right);
  pushWide(out);
  switch (e.op) {
    case "+":
    case "-":
    case "&":
    case "|":
    case "^": {
      const [low, high] = {
        "+": ["addl", "adcl"], "-": ["subl", "sbbl"], "&": ["andl", "andl"], "|": ["orl", "orl"], "^": ["xorl", "xorl"],
      }[e.op];
      out.ins("movl", "8(%esp), %eax");
      out.ins("movl", "12(%esp), %edx");
      out.ins(low, "(%esp), %eax");
      out.ins(high, "4(%esp), %edx");
      break;
    }
    case "*":
      // (a.hi*b.lo + a.lo*b.hi) << 32 + a.lo*b.lo, keeping 64 bits.
      out.ins("movl", "8(%esp), %ecx");
      out.ins("imull", "4(%esp), %ecx");
      out.ins("movl", "12(%esp), %eax");
      out.ins("imull", "(%esp), %eax");
      out.ins("addl", "%eax, %ecx");
      out.ins("movl", "8(%esp), %eax");
      out.ins("mull", "(%esp)");
      out.ins("addl", "%ecx, %edx");
      break;
    case "/":
    case "%": {
      // The helpers take (left, right): push a copy of the left operand below the right one.
      // NOTE: %esp is not 16-byte aligned at this call; the libos helpers are plain C that do not need it.
      out.ins("pushl", "12(%esp)");
      out.ins("pushl", "12(%esp)");
      out.depth += 8;
      out.ins("call", WIDE_HELPERS[e.op][unsigned ? 1 : 0]);
      out.reserve(-8);
      break;
    }
    case "==":
    case "!=":
      out.ins("movl", "8(%esp), %eax");
      out.ins("movl", "12(%esp), %edx");
      out.ins("xorl", "(%esp), %eax");
      out.ins("xorl", "4(%esp), %edx");
      out.ins("orl", "%edx, %eax");
      out.ins(e.op === "==" ? "sete" : "setne", "%al");
      out.ins("movzbl", "%al, %eax");
      break;
    default: {
      // The high words decide unless they are equal; then the low words decide, compared unsigned.
      const highDiffers = out.newLabel();
      const done = out.newLabel();
      out.ins("movl", "12(%esp), %edx");
      out.ins("cmpl", "4(%esp), %edx");
      out.ins("jne", highDiffers);
      out.ins("movl", "8(%esp), %eax");
      out.ins("cmpl", "(%esp), %eax");
      out.ins(UNSIGNED_SET[e.op], "%al");
      out.ins("jmp", done);
      out.label(highDiffers);
      out.ins((unsigned ? UNSIGNED_SET : SIGNED_SET)[e.op], "%al");
      out.label(done);
      out.ins("movzbl", "%al, %eax");
    }
  }
  out.reserve(-16);
}

/** Shifts %edx:%eax by %cl (taken modulo 64, as the count of a well-defined shift is below 64). */
function shiftWide(out: Emitter, op: "<<" | ">>", unsigned: boolean): void {
  const done = out.newLabel();
  if (op === "<<") {
    out.ins("shldl", "%cl, %eax, %edx");
    out.ins("shll", "%cl, %eax");
    out.ins("testb", "$32, %cl");
    out.ins("je", done);
    out.ins("movl", "%eax, %edx");
    out.ins("xorl", "%eax, %eax");
  } else {
    out.ins("shrdl", "%cl, %edx, %eax");
    out.ins(unsigned ? "shrl" : "sarl", "%cl, %edx");
    out.ins("testb", "$32, %cl");
    out.ins("je", done);
    out.ins("movl", "%edx, %eax");
    if (unsigned) out.ins("xorl", "%edx, %edx");
    else out.ins("sarl", "$31, %edx");
  }
  out.label(done);
}

export function genWideUnary(out: Emitter, op: "neg" | "bitnot"): void {
  if (op === "neg") {
    out.ins("negl", "%eax");
    out.ins("adcl", "$0, %edx");
    out.ins("negl", "%edx");
  } else {
    out.ins("notl", "%eax");
    out.ins("notl", "%edx");
  }
}

/** Extends the 32-bit value in %eax of type `from` (an integer or a pointer) to %edx:%eax. */
export function widen(out: Emitter, from: Type): void {
  if (from.kind === "integer" && !from.unsigned) out.ins("cltd");
  else out.ins("xorl", "%edx, %edx");
}

/** Loads the 32-bit words of a bigint constant into %edx:%eax. */
export function loadWideConstant(out: Emitter, value: bigint): void {
  const low = Number(BigInt.asIntN(32, value));
  const high = Number(BigInt.asIntN(32, value >> 32n));
  out.ins("movl", `$${low}, %eax`);
  out.ins("movl", `$${high}, %edx`);
}

/** Shifts %edx:%eax by a constant count below 64. */
function shiftWideConstant(out: Emitter, op: "<<" | ">>", count: number, unsigned: boolean): void {
  if (count === 0) return;
  if (count < 32) {
    if (op === "<<") {
      out.ins("shldl", `$${count}, %eax, %edx`);
      out.ins("shll", `$${count}, %eax`);
    } else {
      out.ins("shrdl", `$${count}, %edx, %eax`);
      out.ins(unsigned ? "shrl" : "sarl", `$${count}, %edx`);
    }
    return;
  }
  if (op === "<<") {
    out.ins("movl", "%eax, %edx");
    out.ins("xorl", "%eax, %eax");
    if (count > 32) out.ins("shll", `$${count - 32}, %edx`);
  } else if (unsigned) {
    out.ins("movl", "%edx, %eax");
    out.ins("xorl", "%edx, %edx");
    if (count > 32) out.ins("shrl", `$${count - 32}, %eax`);
  } else {
    out.ins("movl", "%edx, %eax");
    out.ins("sarl", "$31, %edx");
    if (count > 32) out.ins("sarl", `$${count - 32}, %eax`);
  }
}

/** Extracts the bit-field of an 8-byte type from its storage unit in %edx:%eax, sign- or zero-extending it. */
export function extractWideBits(out: Emitter, member: Member, width: number, bitOffset: number): void {
  const unsigned = member.type.kind === "integer" && member.type.unsigned;
  shiftWideConstant(out, "<<", 64 - bitOffset - width, unsigned);
  shiftWideConstant(out, ">>", 64 - width, unsigned);
}

/**
 * Stores %edx:%eax into the bit-field of an 8-byte type whose storage
 * unit's address is on top of the stack (popped), changing only the
 * field's bits in memory. Leaves the field's new value in %edx:%eax.
 */
export function storeWideBitField(out: Emitter, member: Member): void {
  const { width, bitOffset } = member.bitField!;
  const fieldMask = (1n << BigInt(width)) - 1n;
  const unitMask = fieldMask << BigInt(bitOffset);
  const word = (value: bigint, shift: bigint) => Number(BigInt.asIntN(32, value >> shift));
  out.pop("%ecx");
  pushWide(out);
  out.ins("andl", `$${word(fieldMask, 0n)}, %eax`);
  out.ins("andl", `$${word(fieldMask, 32n)}, %edx`);
  shiftWideConstant(out, "<<", bitOffset, true);
  out.ins("andl", `$${word(~unitMask, 0n)}, (%ecx)`);
  out.ins("andl", `$${word(~unitMask, 32n)}, 4(%ecx)`);
  out.ins("orl", "%eax, (%ecx)");
  out.ins("orl", "%edx, 4(%ecx)");
  popWide(out);
  extractWideBits(out, member, width, 0);
}
