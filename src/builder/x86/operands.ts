// Instruction operands as the encoder takes them. `R` is the caller's type
// for a symbolic reference: the assembler passes expression trees, a code
// generator might pass symbol names.
import type { Register } from "./registers";

/**
 * An immediate or displacement value. Without a reference the value is the
 * known constant and the encoder may pick a short field for it. With a
 * reference the field is always full width and the encoder returns a fixup
 * that carries the reference and the constant as its addend.
 */
export interface Value<R> {
  constant: number;
  reference?: R;
}

export interface RegisterOperand {
  kind: "register";
  register: Register;
  /** Written with `*`, as indirect jump and call targets are. */
  indirect?: boolean;
}

export interface ImmediateOperand<R> {
  kind: "immediate";
  value: Value<R>;
}

/**
 * A memory operand `segment:displacement(base, index, scale)`. A memory
 * operand with a displacement only is also how direct jump and call targets
 * are written (`jmp label`).
 */
export interface MemoryOperand<R> {
  kind: "memory";
  segment?: Register;
  base?: Register;
  index?: Register;
  /** 1, 2, 4 or 8. */
  scale: number;
  displacement?: Value<R>;
  indirect?: boolean;
}

export type Operand<R> = RegisterOperand | ImmediateOperand<R> | MemoryOperand<R>;
