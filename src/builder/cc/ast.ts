// The typed AST. The parser resolves every name, applies the integer
// promotions and the usual arithmetic conversions as explicit `cast` nodes,
// scales pointer arithmetic, and decays arrays and functions to pointers, so
// the code generator only reads types and never converts implicitly.
import type { Token } from "./token";
import type { FunctionType, Member, Type } from "./types";

export interface Variable {
  name: string;
  type: Type;
  tok: Token;
  /** Stack slot: true for parameters and automatic locals. */
  isLocal: boolean;
  /** Offset from %ebp for locals and parameters. */
  offset: number;
  /** The assembler symbol of a global or a static local (`count.1`). */
  asmName: string;
  isStatic: boolean;
  isExtern: boolean;
  /** A global with an initializer or a tentative definition; false for `extern int x;`. */
  isDefinition: boolean;
  init?: GlobalData;
  /** An alignment raised by `_Alignas` or `__attribute__((aligned(n)))`. */
  align?: number;
  /** `__attribute__((section("name")))`. */
  section?: string;
  /** `__attribute__((weak))`: a weak definition, or a reference that may stay undefined (address 0). */
  isWeak?: boolean;
  /** Named in an expression, or marked `unused`/`used`: no "unused variable" warning. */
  isReferenced?: boolean;
}

/** The bytes of an initialized global and the addresses stored in it. */
export interface GlobalData {
  bytes: Uint8Array;
  relocations: Map<number, { symbol: string; addend: number }>;
}

export interface FunctionSymbol {
  name: string;
  type: FunctionType;
  tok: Token;
  isStatic: boolean;
  isDefined: boolean;
  /** Declared implicitly by a call before any declaration (`int f()`). */
  isImplicit: boolean;
  section?: string;
  isWeak?: boolean;
  /** `_Noreturn` or `__attribute__((noreturn))`: calls to it end the control flow. */
  isNoreturn?: boolean;
  /** `__attribute__((noinline))`: -O2 keeps calls to it. */
  isNoinline?: boolean;
  /** Named in an expression, or marked `used`/`unused`: no "defined but not used" warning. */
  isReferenced?: boolean;
  /** Defined with `inline`, which gcc exempts from the "defined but not used" warning. */
  isInline?: boolean;
  /** The assembler symbol from an `asm("name")` label, when it differs from the C name. */
  asmName?: string;
}

/** Returns the assembler symbol of a function: its C name unless an asm label renames it. */
export function functionSymbolName(fn: FunctionSymbol): string {
  return fn.asmName ?? fn.name;
}

export interface StringLiteral {
  label: string;
  bytes: Uint8Array;
}

export type BinaryOp =
  | "+" | "-" | "*" | "/" | "%" | "<<" | ">>" | "&" | "|" | "^"
  | "==" | "!=" | "<" | "<=" | ">" | ">=";

export type UnaryOp = "neg" | "bitnot" | "lognot";

interface NodeBase {
  type: Type;
  tok: Token;
}

export type Expr =
  /** A constant: a bigint for the 8-byte integer types, a number for every other type (floating ones included). */
  /** `extended`: the exact 12 bytes of a `long double` constant, whose value `value` only approximates. */
  | (NodeBase & { kind: "number"; value: number | bigint; extended?: Uint8Array })
  | (NodeBase & { kind: "string"; literal: StringLiteral })
  | (NodeBase & { kind: "variable"; variable: Variable })
  | (NodeBase & { kind: "function"; fn: FunctionSymbol })
  | (NodeBase & { kind: "member"; base: Expr; member: Member })
  | (NodeBase & { kind: "deref"; operand: Expr })
  | (NodeBase & { kind: "addr"; operand: Expr })
  | (NodeBase & { kind: "cast"; operand: Expr })
  | (NodeBase & { kind: "unary"; op: UnaryOp; operand: Expr })
  | (NodeBase & { kind: "binary"; op: BinaryOp; left: Expr; right: Expr })
  | (NodeBase & { kind: "logical"; op: "&&" | "||"; left: Expr; right: Expr })
  | (NodeBase & { kind: "assign"; target: Expr; value: Expr })
  | (NodeBase & { kind: "conditional"; condition: Expr; then: Expr; otherwise: Expr })
  | (NodeBase & { kind: "comma"; left: Expr; right: Expr })
  | (NodeBase & { kind: "call"; callee: Expr; args: Expr[]; fnType: FunctionType; resultSlot?: Variable })
  | (NodeBase & { kind: "zero"; variable: Variable })
  /** GNU `&&label`: the address of a label of the current function, a `void *`. */
  | (NodeBase & { kind: "labelAddress"; label: string })
  /**
   * The stack allocation of a variable length array `variable`, only as an
   * expression statement: the stack pointer first goes back to where it was
   * after `previous`, the latest array allocated in an enclosing scope (or to
   * the bottom of the frame), so a loop reuses the space of its last iteration.
   */
  | (NodeBase & { kind: "allocateArray"; variable: Variable; previous: Variable | undefined })
  /** GNU `({ ... })`: runs `body`, then evaluates `value` (absent when the result is void). */
  | (NodeBase & { kind: "statementExpression"; body: Stmt; value: Expr | undefined });

export type ExprKind = Expr["kind"];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;

export type Stmt =
  | { kind: "block"; tok: Token; body: Stmt[] }
  /** `isDeclaration`: the initialization of a declared variable rather than an expression statement. */
  | { kind: "expr"; tok: Token; expr: Expr; isDeclaration?: boolean }
  | { kind: "if"; tok: Token; condition: Expr; then: Stmt; otherwise?: Stmt }
  | {
      kind: "loop";
      tok: Token;
      init?: Stmt;
      condition?: Expr;
      step?: Expr;
      body: Stmt;
      /** `do … while`: the body runs before the first test. */
      testAfter: boolean;
      breakLabel: string;
      continueLabel: string;
    }
  | { kind: "switch"; tok: Token; value: Expr; body: Stmt; cases: SwitchCase[]; defaultLabel?: string; breakLabel: string }
  | { kind: "label"; tok: Token; label: string; body: Stmt }
  /** `target`: the address expression of a GNU computed `goto *target`, which jumps there instead of to `label`. */
  | { kind: "goto"; tok: Token; label: string; target?: Expr }
  | { kind: "return"; tok: Token; value?: Expr }
  | { kind: "asm"; tok: Token; asm: AsmStatement }
  | { kind: "empty"; tok: Token };

/** One operand of an extended `asm`: `[name] "constraint" (expression)`. */
export interface AsmOperand {
  name: string | undefined;
  /** The constraint without its `=`, `+`, `&` and `%` modifiers, such as `a`, `Nd` or `0`. */
  constraint: string;
  /** `+`: the output is also read, as if it were an input too. */
  readWrite: boolean;
  /** `&`: the output is written before the inputs are all read, so it shares no register with them. */
  earlyClobber: boolean;
  /** The output's lvalue or the input's value. */
  expr: Expr;
  tok: Token;
}

/** An `asm` statement; a basic one (no colon) has no operands and its template is used as written. */
export interface AsmStatement {
  template: string;
  basic: boolean;
  outputs: AsmOperand[];
  inputs: AsmOperand[];
  /** Clobbered register names as written, without `%`, plus `memory` and `cc`. */
  clobbers: string[];
}

export interface SwitchCase {
  /** The case value converted to the promoted type of the controlling expression. */
  value: bigint;
  label: string;
}

export interface FunctionDefinition {
  symbol: FunctionSymbol;
  params: Variable[];
  locals: Variable[];
  body: Stmt;
  /** Bytes of locals below %ebp, rounded so that %esp stays 16-byte aligned at calls. */
  frameSize: number;
  /** A struct-returning function's hidden result pointer, stored at 8(%ebp). */
  resultPointer?: Variable;
  /** The body's closing `}`, where the line table puts the epilogue. */
  closingBrace: Token;
}

export interface Program {
  functions: FunctionDefinition[];
  globals: Variable[];
  strings: StringLiteral[];
  /** Templates of the basic `asm` declarations at file scope, in source order. */
  fileScopeAsm: string[];
  /** Functions and objects declared weak but not defined here: references to them may stay undefined. */
  weakReferences: string[];
}
