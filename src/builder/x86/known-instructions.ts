// Encodings of instruction statements by their text. Compiler output
// repeats the same statements many times (`movl %eax, %ecx`, `jmp .L5`,
// `call f`), so the assembler encodes each text once and replays the result.
//
// A text is recorded only when replaying it gives exactly what assembling it
// again would give. The tokens are the same, because the lexer reported
// nothing. The encoding is the same, because every operand is a register, a
// number, or a bare symbol that is not equated with `.set`, whose field is
// full width whatever the symbol becomes. The side effects are the same,
// because each symbol is looked up again with a token at its own place in
// the statement, so diagnostics point at the statement being replayed.
import type { EncodedInstruction } from "./encode";
import type { AsmToken } from "./lexer";
import type { Expr } from "./model";

/** A symbol named in a known statement: the offset of its name in the statement's text, and the name. */
export interface SymbolSlot {
  offset: number;
  name: string;
}

interface KnownBase {
  /** Offset of the mnemonic (after any prefixes) in the statement's text, and its spelling. */
  mnemonicOffset: number;
  mnemonic: string;
  /** The symbols the operands name, in text order. */
  symbols: SymbolSlot[];
}

/** An instruction appended to the current fixed fragment; fixup `i` refers to `symbols[fixupSymbols[i]]`. */
export interface KnownFixedInstruction extends KnownBase {
  kind: "fixed";
  encoded: EncodedInstruction<Expr>;
  fixupSymbols: number[];
}

/** A jump to `symbols[0]` that becomes a branch fragment, short or near after relaxation. */
export interface KnownBranch extends KnownBase {
  kind: "branch";
  short: EncodedInstruction<Expr>;
  near: EncodedInstruction<Expr>;
}

export type KnownInstruction = KnownFixedInstruction | KnownBranch;

/**
 * Finds the symbols the operands of a statement name (`tokens` from
 * `operandStart` up to `end`), in text order, and the slot each reference in
 * `references` comes from. Returns undefined when the statement is not one
 * a replay can reproduce: an operand token is a string, `.`, or a local
 * label reference, or some reference is not a bare symbol of a token of its
 * own, or a symbol is equated.
 */
export function symbolSlots(
  head: AsmToken,
  tokens: readonly AsmToken[],
  operandStart: number,
  end: number,
  references: readonly (Expr | undefined)[],
): { symbols: SymbolSlot[]; indexes: number[] } | undefined {
  const identifiers: AsmToken[] = [];
  for (let i = operandStart; i < end; i++) {
    const token = tokens[i]!;
    if (token.kind === "identifier") {
      if (token.text === ".") return undefined;
      identifiers.push(token);
    } else if (token.kind !== "register" && token.kind !== "number" && token.kind !== "punctuator") {
      return undefined;
    }
  }
  if (identifiers.length !== references.length) return undefined;
  const indexes: number[] = [];
  for (const reference of references) {
    if (reference === undefined || reference.kind !== "symbol" || reference.symbol.equated !== undefined) return undefined;
    const index = identifiers.indexOf(reference.token);
    if (index < 0 || indexes.includes(index)) return undefined;
    indexes.push(index);
  }
  const symbols = identifiers.map((token) => ({ offset: token.start - head.start, name: token.text }));
  return { symbols, indexes };
}
