// The i386 register file as AT&T syntax names it (without the `%`).

export type RegisterKind = "general" | "segment" | "control" | "debug" | "fpu";

export interface Register {
  name: string;
  kind: RegisterKind;
  /** Width in bits: 8, 16 or 32 for general registers, 16 for segment registers, 80 for x87. */
  size: number;
  /** The 3-bit number used in ModRM, SIB and `+r` opcodes (x87: the stack slot). */
  number: number;
}

const registers = new Map<string, Register>();

function define(kind: RegisterKind, size: number, names: readonly string[]): void {
  names.forEach((name, number) => registers.set(name, { name, kind, size, number }));
}

define("general", 32, ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"]);
define("general", 16, ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"]);
define("general", 8, ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"]);
define("segment", 16, ["es", "cs", "ss", "ds", "fs", "gs"]);
define("control", 32, ["cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7"]);
define("debug", 32, ["db0", "db1", "db2", "db3", "db4", "db5", "db6", "db7"]);
define("debug", 32, ["dr0", "dr1", "dr2", "dr3", "dr4", "dr5", "dr6", "dr7"]);
define("fpu", 80, ["st(0)", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)"]);
registers.set("st", registers.get("st(0)")!);

/** Looks up a register by its name without the `%`, e.g. `eax` or `st(1)`. */
export function findRegister(name: string): Register | undefined {
  return registers.get(name);
}

/** Segment override prefix bytes, indexed by segment register number. */
export const SEGMENT_PREFIXES = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65] as const;
