// The i386 instruction table. Each line is one encoding form:
//
//   mnemonic  operand-patterns  opcode-bytes [/r | /digit] [flags]
//
// Operand patterns are in AT&T order (sources first), comma-separated, `-`
// for none. The encoder tries the forms of a mnemonic in table order and
// takes the first that matches, as GNU as does, so the shorter forms of an
// instruction come before the general ones.
//
// Patterns whose size follows the operation size (set by the b/w/l suffix
// or by a register operand):
//   rb rv      general register of the operation size (b: 8 bits, v: 16 or 32)
//   rmb rmv    general register or memory operand
//   ib iv      immediate of the operation size
//   is         immediate that fits in a sign-extended byte
//   ab av      the accumulator (%al, or %ax/%eax)
// Fixed patterns:
//   r8 r16 r32 rm8 rm16 rm32   register or memory of that size
//   rr8 rr16 rr32  register of that size placed in the ModRM r/m field
//   m          memory operand of any size
//   mo         memory operand with a displacement only (moffs forms)
//   i8 i16 i32 immediate of that size
//   one three  the immediate $1, the immediate $3
//   cl dx      those registers (`dx` also matches `(%dx)`)
//   sreg cr dr segment, control, debug register
//   %es ...    exactly that register
//   st0 sti    %st and %st(i)
//   rel8 rel32 direct branch target
// Encodings: `/r` puts the register pattern in ModRM.reg and the r/m pattern
// in ModRM.rm; `/0`-`/7` put that digit in ModRM.reg; `+r` adds the register
// number to the last opcode byte. Flags:
//   b, v       size class of a form without sized operands (string ops)
//   d16 d32    without a suffix or register, the operation size is 16 or 32
//   no66       no operand-size prefix for 16-bit operands (moves to segment registers)
//   mem16      no operand-size prefix when the 16-bit operand is in memory
//   swap       emit the two immediates in reverse order (far jumps)
//   same       the one register operand is both ModRM.reg and ModRM.rm
//   star       the operand must be written with `*` (indirect jumps)

export type Pattern =
  | "rb" | "rv" | "rmb" | "rmv" | "ib" | "iv" | "is" | "ab" | "av"
  | "r8" | "r16" | "r32" | "rm8" | "rm16" | "rm32" | "rr8" | "rr16" | "rr32" | "m" | "mo"
  | "i8" | "i16" | "i32" | "one" | "three" | "cl" | "dx" | "sreg" | "cr" | "dr" | "st0" | "sti"
  | "rel8" | "rel32" | `%${string}`;

export interface Template {
  mnemonic: string;
  patterns: Pattern[];
  opcode: number[];
  /** "r" for /r, a digit for /digit, undefined without ModRM. */
  modrm: "r" | number | undefined;
  plusRegister: boolean;
  /** "b" for 8-bit operation size, "v" for 16/32, undefined when fixed. */
  sizeClass: "b" | "v" | undefined;
  /** Operation size when neither a suffix nor a register gives one. */
  defaultSize: number | undefined;
  noDataPrefix: boolean;
  noDataPrefixForMemory: boolean;
  swapImmediates: boolean;
  sameRegister: boolean;
  indirect: boolean;
  /** Size of the relative branch field: 1 for a rel8 form, 4 for a rel32 form, undefined for others. */
  relativeSize: 1 | 4 | undefined;
}

const BYTE_CLASS = new Set<string>(["rb", "rmb", "ib", "ab"]);
const VARIABLE_CLASS = new Set<string>(["rv", "rmv", "iv", "is", "av"]);
const PATTERNS = new Set<string>([
  "rb", "rv", "rmb", "rmv", "ib", "iv", "is", "ab", "av", "r8", "r16", "r32", "rm8", "rm16", "rm32", "rr8", "rr16", "rr32",
  "m", "mo", "i8", "i16", "i32", "one", "three", "cl", "dx", "sreg", "cr", "dr", "st0", "sti", "rel8", "rel32",
]);

/** Condition codes by name, with all the aliases GNU as accepts. */
export const CONDITIONS: ReadonlyArray<readonly [string, number]> = [
  ["o", 0], ["no", 1], ["b", 2], ["c", 2], ["nae", 2], ["ae", 3], ["nb", 3], ["nc", 3],
  ["e", 4], ["z", 4], ["ne", 5], ["nz", 5], ["be", 6], ["na", 6], ["a", 7], ["nbe", 7],
  ["s", 8], ["ns", 9], ["p", 10], ["pe", 10], ["np", 11], ["po", 11],
  ["l", 12], ["nge", 12], ["ge", 13], ["nl", 13], ["le", 14], ["ng", 14], ["g", 15], ["nle", 15],
];

function hex(n: number): string {
  return n.toString(16).padStart(2, "0");
}

function arithmeticForms(): string[] {
  const names = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
  return names.flatMap((name, digit) => {
    const base = digit * 8;
    return [
      `${name} rb,rmb ${hex(base)} /r`,
      `${name} rv,rmv ${hex(base + 1)} /r`,
      `${name} rmb,rb ${hex(base + 2)} /r`,
      `${name} rmv,rv ${hex(base + 3)} /r`,
      `${name} is,rmv 83 /${digit}`,
      `${name} ib,ab ${hex(base + 4)}`,
      `${name} iv,av ${hex(base + 5)}`,
      `${name} ib,rmb 80 /${digit}`,
      `${name} iv,rmv 81 /${digit}`,
    ];
  });
}

function shiftForms(): string[] {
  const names: Array<[string, number]> = [
    ["rol", 0], ["ror", 1], ["rcl", 2], ["rcr", 3], ["shl", 4], ["sal", 4], ["shr", 5], ["sar", 7],
  ];
  return names.flatMap(([name, digit]) => [
    `${name} one,rmb d0 /${digit}`,
    `${name} one,rmv d1 /${digit}`,
    `${name} cl,rmb d2 /${digit}`,
    `${name} cl,rmv d3 /${digit}`,
    `${name} i8,rmb c0 /${digit}`,
    `${name} i8,rmv c1 /${digit}`,
    `${name} rmb d0 /${digit}`,
    `${name} rmv d1 /${digit}`,
  ]);
}

function unaryForms(): string[] {
  const names: Array<[string, number]> = [["not", 2], ["neg", 3], ["mul", 4], ["imul", 5], ["div", 6], ["idiv", 7]];
  return names.flatMap(([name, digit]) => [`${name} rmb f6 /${digit}`, `${name} rmv f7 /${digit}`]);
}

function conditionForms(): string[] {
  return CONDITIONS.flatMap(([cc, code]) => [
    `j${cc} rel8 ${hex(0x70 + code)}`,
    `j${cc} rel32 0f ${hex(0x80 + code)}`,
    `set${cc} rm8 0f ${hex(0x90 + code)} /0`,
    `cmov${cc} rmv,rv 0f ${hex(0x40 + code)} /r`,
  ]);
}

function bitTestForms(): string[] {
  const names: Array<[string, number, number]> = [["bt", 0xa3, 4], ["bts", 0xab, 5], ["btr", 0xb3, 6], ["btc", 0xbb, 7]];
  return names.flatMap(([name, opcode, digit]) => [`${name} rv,rmv 0f ${hex(opcode)} /r`, `${name} i8,rmv 0f ba /${digit}`]);
}

function stringForms(): string[] {
  const names: Array<[string, number]> = [
    ["movs", 0xa4], ["cmps", 0xa6], ["stos", 0xaa], ["lods", 0xac], ["scas", 0xae], ["ins", 0x6c], ["outs", 0x6e],
  ];
  return names.flatMap(([name, opcode]) => [`${name} - ${hex(opcode)} b`, `${name} - ${hex(opcode + 1)} v`]);
}

const SEGMENT_PUSH_POP = [
  "push %es 06", "push %cs 0e", "push %ss 16", "push %ds 1e", "push %fs 0f a0", "push %gs 0f a8",
  "pop %es 07", "pop %ss 17", "pop %ds 1f", "pop %fs 0f a1", "pop %gs 0f a9",
];

const FIXED_FORMS = [
  // Moves. The moffs forms come first because GNU as prefers them.
  "mov mo,ab a0", "mov mo,av a1", "mov ab,mo a2", "mov av,mo a3",
  "mov rb,rmb 88 /r", "mov rv,rmv 89 /r", "mov rmb,rb 8a /r", "mov rmv,rv 8b /r",
  "mov ib,rb b0+r", "mov iv,rv b8+r", "mov ib,rmb c6 /0", "mov iv,rmv c7 /0",
  "mov sreg,rmv 8c /r mem16 d16", "mov rmv,sreg 8e /r no66 d16",
  "mov cr,rr32 0f 20 /r", "mov rr32,cr 0f 22 /r", "mov dr,rr32 0f 21 /r", "mov rr32,dr 0f 23 /r",
  "movzbw rm8,r16 66 0f b6 /r", "movzbl rm8,r32 0f b6 /r", "movzwl rm16,r32 0f b7 /r",
  "movsbw rm8,r16 66 0f be /r", "movsbl rm8,r32 0f be /r", "movswl rm16,r32 0f bf /r",
  "movzx rr8,rv 0f b6 /r", "movzx rr16,r32 0f b7 /r", "movsx rr8,rv 0f be /r", "movsx rr16,r32 0f bf /r",
  "lea m,rv 8d /r",
  "xchg rv,av 90+r", "xchg av,rv 90+r", "xchg rb,rmb 86 /r", "xchg rmb,rb 86 /r", "xchg rv,rmv 87 /r", "xchg rmv,rv 87 /r",
  // Stack.
  "push rv 50+r", "push is 6a d32", "push iv 68 d32", "push rmv ff /6 d32",
  "pop rv 58+r", "pop rmv 8f /0 d32",
  ...SEGMENT_PUSH_POP,
  "pusha - 60 v d32", "popa - 61 v d32", "pushal - 60", "popal - 61", "pushaw - 66 60", "popaw - 66 61",
  "pushf - 9c v d32", "popf - 9d v d32", "pushfl - 9c", "popfl - 9d", "pushfw - 66 9c", "popfw - 66 9d",
  "enter i16,i8 c8", "leave - c9",
  // Arithmetic and logic beyond the ALU group.
  "test rb,rmb 84 /r", "test rv,rmv 85 /r", "test rmb,rb 84 /r", "test rmv,rv 85 /r",
  "test ib,ab a8", "test iv,av a9", "test ib,rmb f6 /0", "test iv,rmv f7 /0",
  "inc rv 40+r", "inc rmb fe /0", "inc rmv ff /0",
  "dec rv 48+r", "dec rmb fe /1", "dec rmv ff /1",
  "imul rmv,rv 0f af /r", "imul is,rmv,rv 6b /r", "imul iv,rmv,rv 69 /r", "imul is,rv 6b /r same", "imul iv,rv 69 /r same",
  "shld i8,rv,rmv 0f a4 /r", "shld cl,rv,rmv 0f a5 /r", "shld rv,rmv 0f a5 /r",
  "shrd i8,rv,rmv 0f ac /r", "shrd cl,rv,rmv 0f ad /r", "shrd rv,rmv 0f ad /r",
  "bsf rmv,rv 0f bc /r", "bsr rmv,rv 0f bd /r", "bswap r32 0f c8+r",
  "xadd rb,rmb 0f c0 /r", "xadd rv,rmv 0f c1 /r", "cmpxchg rb,rmb 0f b0 /r", "cmpxchg rv,rmv 0f b1 /r",
  "cmpxchg8b m 0f c7 /1",
  "cbw - 66 98", "cbtw - 66 98", "cwde - 98", "cwtl - 98", "cwd - 66 99", "cwtd - 66 99", "cdq - 99", "cltd - 99",
  "sahf - 9e", "lahf - 9f", "clc - f8", "stc - f9", "cmc - f5", "cld - fc", "std - fd", "xlat - d7", "xlatb - d7",
  // Control transfer.
  "jmp rel8 eb", "jmp rel32 e9", "jmp rm32 ff /4 star", "call rel32 e8", "call rm32 ff /2 star",
  "ljmp i16,i32 ea swap", "ljmp m ff /5 star", "lcall i16,i32 9a swap", "lcall m ff /3 star",
  "jecxz rel8 e3", "jcxz rel8 67 e3", "loop rel8 e2", "loope rel8 e1", "loopz rel8 e1", "loopne rel8 e0", "loopnz rel8 e0",
  "ret - c3", "ret i16 c2", "lret - cb", "lret i16 ca", "iret - cf", "iretl - cf", "iretw - 66 cf",
  "int3 - cc", "int three cc", "int i8 cd", "into - ce",
  // System.
  "nop - 90", "nop rmv 0f 1f /0", "hlt - f4", "cli - fa", "sti - fb", "pause - f3 90", "ud2 - 0f 0b", "wait - 9b", "fwait - 9b",
  "in i8,ab e4", "in i8,av e5", "in dx,ab ec", "in dx,av ed",
  "out ab,i8 e6", "out av,i8 e7", "out ab,dx ee", "out av,dx ef",
  "lgdt m 0f 01 /2", "lidt m 0f 01 /3", "sgdt m 0f 01 /0", "sidt m 0f 01 /1", "invlpg m 0f 01 /7",
  "lldt rm16 0f 00 /2", "sldt rmv 0f 00 /0 mem16 d16", "ltr rm16 0f 00 /3", "str rmv 0f 00 /1 mem16 d16",
  "lmsw rm16 0f 01 /6", "smsw rmv 0f 01 /4 mem16 d16", "clts - 0f 06",
  "cpuid - 0f a2", "rdtsc - 0f 31", "rdmsr - 0f 32", "wrmsr - 0f 30", "rdpmc - 0f 33",
  "wbinvd - 0f 09", "invd - 0f 08",
];

// x87: memory forms name their operand size in the mnemonic (s = 32-bit
// float or 16-bit integer, l = 64-bit float or 32-bit integer, ll/q = 64-bit
// integer, t = 80-bit). Register forms follow GNU as, including its
// historical swap of fsub/fsubr and fdiv/fdivr when the destination is %st(i).
function x87Forms(): string[] {
  const arithmetic: Array<[string, number]> = [
    ["fadd", 0], ["fmul", 1], ["fcom", 2], ["fcomp", 3], ["fsub", 4], ["fsubr", 5], ["fdiv", 6], ["fdivr", 7],
  ];
  const forms: string[] = [];
  for (const [name, digit] of arithmetic) {
    forms.push(`${name}s m d8 /${digit}`, `${name}l m dc /${digit}`);
    const integer = name.replace(/^f/, "fi");
    forms.push(`${integer}s m de /${digit}`, `${integer}l m da /${digit}`);
  }
  for (const [name, digit] of arithmetic.filter(([, d]) => d !== 2 && d !== 3)) {
    // With the destination %st(i), GNU as keeps the D8 digit although the
    // DC/DE opcodes swap the operand order, so AT&T `fsub %st,%st(1)` is
    // Intel's `fsubr st(1),st` (the UnixWare compatibility quirk).
    forms.push(`${name} sti,st0 d8 ${hex(0xc0 + digit * 8)}+r`);
    forms.push(`${name} st0,sti dc ${hex(0xc0 + digit * 8)}+r`);
    forms.push(`${name}p st0,sti de ${hex(0xc0 + digit * 8)}+r`);
    forms.push(`${name}p sti de ${hex(0xc0 + digit * 8)}+r`);
    forms.push(`${name}p - de ${hex(0xc1 + digit * 8)}`);
  }
  forms.push("fcom sti d8 d0+r", "fcom - d8 d1", "fcomp sti d8 d8+r", "fcomp - d8 d9", "fcompp - de d9");
  forms.push("fucom sti dd e0+r", "fucom - dd e1", "fucomp sti dd e8+r", "fucomp - dd e9", "fucompp - da e9");
  forms.push("fcomi sti,st0 db f0+r", "fcomi sti db f0+r", "fucomi sti,st0 db e8+r", "fucomi sti db e8+r");
  forms.push("fcomip sti,st0 df f0+r", "fcomip sti df f0+r", "fucomip sti,st0 df e8+r", "fucomip sti df e8+r");
  forms.push("fcompi sti,st0 df f0+r", "fucompi sti,st0 df e8+r");
  forms.push("flds m d9 /0", "fldl m dd /0", "fldt m db /5", "fld sti d9 c0+r");
  forms.push("fsts m d9 /2", "fstl m dd /2", "fst sti dd d0+r");
  forms.push("fstps m d9 /3", "fstpl m dd /3", "fstpt m db /7", "fstp sti dd d8+r");
  forms.push("filds m df /0", "fildl m db /0", "fildll m df /5", "fildq m df /5");
  forms.push("fists m df /2", "fistl m db /2", "fistps m df /3", "fistpl m db /3", "fistpll m df /7", "fistpq m df /7");
  forms.push("fisttps m df /1", "fisttpl m db /1", "fisttpll m dd /1");
  forms.push("fxch sti d9 c8+r", "fxch - d9 c9", "ffree sti dd c0+r");
  forms.push("fldcw m d9 /5", "fnstcw m d9 /7", "fstcw m 9b d9 /7", "fnstsw %ax df e0", "fnstsw m dd /7");
  forms.push("fstsw %ax 9b df e0", "fstsw m 9b dd /7", "fldenv m d9 /4", "fnstenv m d9 /6", "fnsave m dd /6", "frstor m dd /4");
  forms.push("fnclex - db e2", "fclex - 9b db e2", "fninit - db e3", "finit - 9b db e3");
  const simple: Array<[string, string]> = [
    ["fchs", "e0"], ["fabs", "e1"], ["ftst", "e4"], ["fxam", "e5"], ["fld1", "e8"], ["fldl2t", "e9"],
    ["fldl2e", "ea"], ["fldpi", "eb"], ["fldlg2", "ec"], ["fldln2", "ed"], ["fldz", "ee"], ["f2xm1", "f0"],
    ["fyl2x", "f1"], ["fptan", "f2"], ["fpatan", "f3"], ["fxtract", "f4"], ["fprem1", "f5"], ["fdecstp", "f6"],
    ["fincstp", "f7"], ["fprem", "f8"], ["fyl2xp1", "f9"], ["fsqrt", "fa"], ["fsincos", "fb"], ["frndint", "fc"],
    ["fscale", "fd"], ["fsin", "fe"], ["fcos", "ff"], ["fnop", "d0"],
  ];
  for (const [name, byte] of simple) forms.push(`${name} - d9 ${byte}`);
  for (const [cc, opcode] of [["b", "da c0"], ["e", "da c8"], ["be", "da d0"], ["u", "da d8"], ["nb", "db c0"], ["ne", "db c8"], ["nbe", "db d0"], ["nu", "db d8"]]) {
    const [first, second] = opcode!.split(" ");
    forms.push(`fcmov${cc} sti,st0 ${first} ${second}+r`);
  }
  return forms;
}

function parseForm(line: string): Template {
  const words = line.trim().split(/\s+/);
  const [mnemonic, operandText, ...rest] = words;
  if (mnemonic === undefined || operandText === undefined) throw new Error(`internal error: bad table line \`${line}\``);
  const patterns = operandText === "-" ? [] : operandText.split(",");
  for (const p of patterns) {
    if (!PATTERNS.has(p) && !p.startsWith("%")) throw new Error(`internal error: bad pattern \`${p}\` in \`${line}\``);
  }
  const template: Template = {
    mnemonic,
    patterns: patterns as Pattern[],
    opcode: [],
    modrm: undefined,
    plusRegister: false,
    sizeClass: undefined,
    defaultSize: undefined,
    noDataPrefix: false,
    noDataPrefixForMemory: false,
    swapImmediates: false,
    sameRegister: false,
    indirect: false,
    relativeSize: patterns.includes("rel8") ? 1 : patterns.includes("rel32") ? 4 : undefined,
  };
  for (const word of rest) {
    if (/^[0-9a-f]{2}(\+r)?$/.test(word)) {
      template.opcode.push(parseInt(word.slice(0, 2), 16));
      if (word.endsWith("+r")) template.plusRegister = true;
    } else if (word === "/r") template.modrm = "r";
    else if (/^\/[0-7]$/.test(word)) template.modrm = Number(word[1]);
    else if (word === "b" || word === "v") template.sizeClass = word;
    else if (word === "d32") template.defaultSize = 32;
    else if (word === "d16") template.defaultSize = 16;
    else if (word === "no66") template.noDataPrefix = true;
    else if (word === "mem16") template.noDataPrefixForMemory = true;
    else if (word === "swap") template.swapImmediates = true;
    else if (word === "same") template.sameRegister = true;
    else if (word === "star") template.indirect = true;
    else throw new Error(`internal error: bad table word \`${word}\` in \`${line}\``);
  }
  for (const p of template.patterns) {
    const cls = BYTE_CLASS.has(p) ? "b" : VARIABLE_CLASS.has(p) ? "v" : undefined;
    if (cls === undefined) continue;
    if (template.sizeClass !== undefined && template.sizeClass !== cls) {
      throw new Error(`internal error: mixed size classes in \`${line}\``);
    }
    template.sizeClass = cls;
  }
  return template;
}

function buildTable(): Map<string, Template[]> {
  const lines = [
    ...arithmeticForms(),
    ...shiftForms(),
    ...unaryForms(),
    ...conditionForms(),
    ...bitTestForms(),
    ...stringForms(),
    ...FIXED_FORMS,
    ...x87Forms(),
  ];
  const table = new Map<string, Template[]>();
  for (const line of lines) {
    const template = parseForm(line);
    const forms = table.get(template.mnemonic);
    if (forms === undefined) table.set(template.mnemonic, [template]);
    else forms.push(template);
  }
  return table;
}

/** Every encoding form by mnemonic, in the order the encoder tries them. */
export const INSTRUCTION_TABLE: ReadonlyMap<string, readonly Template[]> = buildTable();

/** Prefix mnemonics and their bytes, usable alone or before an instruction on the same line. */
export const PREFIXES: ReadonlyMap<string, number> = new Map([
  ["lock", 0xf0], ["rep", 0xf3], ["repe", 0xf3], ["repz", 0xf3], ["repne", 0xf2], ["repnz", 0xf2],
  ["data16", 0x66], ["addr16", 0x67],
]);
