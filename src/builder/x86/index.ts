// The i386 assembler: GNU AT&T syntax text in, ELF32 relocatable object out.
// The lower layers are exported for callers that build instructions and
// objects without going through text.
import type { Diagnostic } from "../diagnostic";
import { Assembler } from "./assembler";
import { finishObject } from "./layout";
import type { SourceCodes } from "./lexer";

export { encodeInstruction, isInstruction, isRelaxableBranch } from "./encode";
export type { ConstantField, EncodeFailure, EncodeOptions, EncodedInstruction, Fixup } from "./encode";
export type { ImmediateOperand, MemoryOperand, Operand, RegisterOperand, Value } from "./operands";
export { sourceCodes, type SourceCodes } from "./lexer";
export { findRegister } from "./registers";
export type { Register, RegisterKind } from "./registers";
export { ObjectWriter } from "../elf/write-object";

export interface AssembleResult {
  /** The ELF32 relocatable object; absent when there are errors. */
  object?: Uint8Array;
  diagnostics: Diagnostic[];
}

/**
 * Assembles GNU AT&T syntax i386 source into an ELF32 relocatable object.
 * A caller that has the source's UTF-16 codes as sourceCodes() returns
 * them may pass them as `codes`, which spares encoding the text again.
 */
export function assemble(source: string, fileName: string, codes?: SourceCodes): AssembleResult {
  const asm = new Assembler(source, fileName, codes);
  asm.run();
  const object = finishObject(asm);
  return object === undefined ? { diagnostics: asm.diagnostics } : { object, diagnostics: asm.diagnostics };
}
