// A generator of random, well-defined C programs for differential testing
// against gcc -m32: expressions over every integer type with the usual
// arithmetic conversions, structs passed by value and by pointer, arrays,
// bounded loops, branches and calls. Operations that could be undefined
// (signed overflow, division by zero, oversized shifts, out-of-bounds
// indexing) go through unsigned arithmetic or guarded helper functions, so
// every correct compiler prints the same output. The same seed always gives
// the same program.

/** A small, fast, seedable generator (mulberry32). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Returns an integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

interface IntType {
  name: string;
  bits: 1 | 8 | 16 | 32 | 64;
  signed: boolean;
  /** 0 for types promoted to int, then int 1, long 2, long long 3. */
  rank: number;
}

const TYPES: readonly IntType[] = [
  { name: "_Bool", bits: 1, signed: false, rank: 0 },
  { name: "char", bits: 8, signed: true, rank: 0 },
  { name: "signed char", bits: 8, signed: true, rank: 0 },
  { name: "unsigned char", bits: 8, signed: false, rank: 0 },
  { name: "short", bits: 16, signed: true, rank: 0 },
  { name: "unsigned short", bits: 16, signed: false, rank: 0 },
  { name: "int", bits: 32, signed: true, rank: 1 },
  { name: "unsigned int", bits: 32, signed: false, rank: 1 },
  { name: "long", bits: 32, signed: true, rank: 2 },
  { name: "unsigned long", bits: 32, signed: false, rank: 2 },
  { name: "long long", bits: 64, signed: true, rank: 3 },
  { name: "unsigned long long", bits: 64, signed: false, rank: 3 },
];

const byName = (name: string): IntType => TYPES.find((t) => t.name === name)!;

function isSmall(t: IntType): boolean {
  return t.bits <= 8 || (t.bits === 16 && t.signed);
}
const INT = byName("int");

/** The types arithmetic happens in after the integer promotions. */
const COMPUTATION_TYPES = TYPES.filter((t) => t.rank > 0);

function promote(t: IntType): IntType {
  return t.rank === 0 ? INT : t;
}

function unsignedOf(t: IntType): IntType {
  return TYPES.find((u) => u.rank === t.rank && !u.signed && u.bits === t.bits)!;
}

/** Returns the common type of the usual arithmetic conversions on i386 (ILP32). */
function usual(a: IntType, b: IntType): IntType {
  a = promote(a);
  b = promote(b);
  if (a.signed === b.signed) return a.rank >= b.rank ? a : b;
  const [u, s] = a.signed ? [b, a] : [a, b];
  if (u.rank >= s.rank) return u;
  if (s.bits > u.bits) return s;
  return unsignedOf(s);
}

/**
 * An expression with its C type and whether its value fits in a signed
 * 16-bit range, so that `+`, `-` and `*` on two such values cannot overflow
 * int. Expressions contain no calls: a callee may change a global that
 * another operand reads, and C leaves that order unspecified.
 */
interface Expression {
  text: string;
  type: IntType;
  small: boolean;
}

interface Field {
  name: string;
  type: IntType;
}

interface StructType {
  name: string;
  fields: Field[];
}

interface Variable {
  name: string;
  type: IntType;
}

interface ArrayVariable {
  name: string;
  type: IntType;
  length: number;
}

interface FunctionInfo {
  name: string;
  returnType: IntType;
  params: { name: string; type: IntType }[];
  /** Takes a struct by value as its last parameter, then a pointer to one. */
  structParam: StructType | undefined;
  /** Estimated operations of one call, to keep nested calls in loops bounded. */
  cost: number;
}

export interface GeneratorOptions {
  /** Number of functions besides main. */
  functions: number;
  /** Statements per function body before nested ones. */
  statements: number;
  /** Maximum expression depth. */
  depth: number;
  /**
   * Whether variables, constants and casts may be long long. Without them
   * the values are printed as unsigned int, and every function is one that
   * a back end without 64-bit support can compile.
   */
  longLong?: boolean;
}

export const DEFAULT_OPTIONS: GeneratorOptions = { functions: 8, statements: 8, depth: 4 };

/** Maximum estimated operations of a generated program, so it finishes quickly in the emulator. */
const COST_BUDGET = 200_000;

class Generator {
  private readonly lines: string[] = [];
  private readonly globals: Variable[] = [];
  private readonly arrays: ArrayVariable[] = [];
  private readonly structs: StructType[] = [];
  private readonly structGlobals: { name: string; type: StructType }[] = [];
  private readonly functions: FunctionInfo[] = [];
  private counter = 0;
  /** Scalars visible in the function being generated. */
  private scope: Variable[] = [];
  private structScope: { name: string; type: StructType; pointer: boolean }[] = [];
  private currentCost = 0;
  private loopFactor = 1;
  /** The types variables, constants and casts are drawn from. */
  private readonly types: readonly IntType[];
  /** The cast that turns a value into mix()'s parameter type. */
  private readonly mixCast: string;

  constructor(
    private readonly random: Random,
    private readonly options: GeneratorOptions,
  ) {
    const longLong = options.longLong ?? true;
    this.types = longLong ? TYPES : TYPES.filter((t) => t.bits <= 32);
    this.mixCast = longLong ? "(unsigned long long)" : "(unsigned)";
  }

  /** Makes a new identifier. No prefix may spell a predefined macro such as gcc's `i386`. */
  private fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  program(): string {
    this.prelude();
    for (let i = 0; i < 3; i++) this.structType();
    for (let i = 0; i < 10; i++) this.globalVariable();
    for (let i = 0; i < 3; i++) this.globalArray();
    for (const s of this.structs) this.globalStruct(s);
    for (let i = 0; i < this.options.functions; i++) this.functionDefinition();
    this.main();
    return this.lines.join("\n") + "\n";
  }

  private prelude(): void {
    this.lines.push("#include <stdio.h>", "");
    for (const t of COMPUTATION_TYPES.filter((c) => this.types.includes(c))) {
      const id = t.name.replace(/ /g, "_");
      const min = t.bits === 64 ? "(-9223372036854775807LL - 1)" : "(-2147483647 - 1)";
      const guard = t.signed ? `b == 0 || (a == ${min} && b == -1)` : "b == 0";
      this.lines.push(`static ${t.name} div_${id}(${t.name} a, ${t.name} b) { return ${guard} ? a : a / b; }`);
      this.lines.push(`static ${t.name} mod_${id}(${t.name} a, ${t.name} b) { return ${guard} ? a : a % b; }`);
    }
    if (this.types.length < TYPES.length) {
      this.lines.push(
        "static unsigned checksum;",
        "static void mix(const char *name, unsigned value)",
        "{",
        "\tchecksum = checksum * 31u + value;",
        "\tprintf(\"%s = %u\\n\", name, value);",
        "}",
        "",
      );
      return;
    }
    this.lines.push(
      "static unsigned checksum;",
      "static void mix(const char *name, unsigned long long value)",
      "{",
      "\tchecksum = checksum * 31u + (unsigned)value + (unsigned)(value >> 32);",
      "\tprintf(\"%s = %u %u\\n\", name, (unsigned)(value >> 32), (unsigned)value);",
      "}",
      "",
    );
  }

  private constant(type: IntType): Expression {
    const r = this.random;
    if (type.bits === 1) return { text: r.chance(0.5) ? "1" : "0", type: INT, small: true };
    const interesting = [0, 1, 2, 7, 255, 32767, 65535, 0x7fffffff, 0x80000000, 0xffffffff];
    let value: bigint;
    if (r.chance(0.4)) value = BigInt(r.pick(interesting));
    else value = BigInt(r.below(0x10000)) * (type.bits > 16 ? BigInt(r.below(0x10000)) + 1n : 1n);
    if (type.bits === 64 && r.chance(0.3)) value = (value << 32n) | BigInt(r.below(0x100000000));
    const max = type.signed ? (1n << BigInt(type.bits - 1)) - 1n : (1n << BigInt(type.bits)) - 1n;
    if (value > max) value = value & max;
    const negative = type.signed && r.chance(0.3) && value > 0n;
    let suffix = "";
    let literalType = INT;
    if (type.rank === 3) {
      suffix = type.signed ? "LL" : "ULL";
      literalType = type;
    } else if (type.rank >= 1 && !type.signed) {
      suffix = "U";
      literalType = byName("unsigned int");
    }
    const digits = r.chance(0.3) ? `0x${value.toString(16)}` : value.toString();
    const small = value < 0x8000n;
    if (negative) return { text: `(-${digits}${suffix})`, type: usual(literalType, literalType), small };
    // An unsuffixed decimal constant above INT_MAX would be long long in C99: keep it typed as written.
    const fits = literalType === INT ? value <= 0x7fffffffn : true;
    if (!fits) return { text: `${digits}U`, type: byName("unsigned int"), small: false };
    return { text: `${digits}${suffix}`, type: literalType, small };
  }

  private leaf(): Expression {
    const r = this.random;
    const choice = r.below(10);
    if (choice < 4 && this.scope.length > 0) {
      const v = r.pick(this.scope);
      return { text: v.name, type: v.type, small: isSmall(v.type) };
    }
    if (choice < 6) {
      const v = r.pick(this.globals);
      return { text: v.name, type: v.type, small: isSmall(v.type) };
    }
    if (choice < 7) {
      const a = r.pick(this.arrays);
      return { text: `${a.name}[${this.index(a.length)}]`, type: a.type, small: isSmall(a.type) };
    }
    if (choice < 8 && this.structScope.length > 0) {
      const s = r.pick(this.structScope);
      const f = r.pick(s.type.fields);
      return { text: `${s.name}${s.pointer ? "->" : "."}${f.name}`, type: f.type, small: isSmall(f.type) };
    }
    return this.constant(r.pick(this.types));
  }

  /** Makes an index expression in range for a power-of-two array length. */
  private index(length: number): string {
    if (this.random.chance(0.4)) return String(this.random.below(length));
    return `(unsigned)(${this.expression(2).text}) & ${length - 1}u`;
  }

  expression(depth: number): Expression {
    const r = this.random;
    if (depth <= 0 || r.chance(0.25)) return this.leaf();
    switch (r.below(9)) {
      case 0: case 1: case 2: return this.arithmetic(depth);
      case 3: return this.division(depth);
      case 4: return this.shift(depth);
      case 5: return this.comparison(depth);
      case 6: return this.unaryExpression(depth);
      case 7: return this.conditional(depth);
      default: return this.cast(depth);
    }
  }

  private arithmetic(depth: number): Expression {
    const a = this.expression(depth - 1);
    const b = this.expression(depth - 1);
    const op = this.random.pick(["+", "-", "*", "&", "|", "^"]);
    const type = usual(a.type, b.type);
    const bitwise = op === "&" || op === "|" || op === "^";
    if (bitwise || !type.signed || (a.small && b.small)) {
      return { text: `(${a.text} ${op} ${b.text})`, type, small: false };
    }
    const u = unsignedOf(type);
    return { text: `(${type.name})((${u.name})(${a.text}) ${op} (${u.name})(${b.text}))`, type, small: false };
  }

  private division(depth: number): Expression {
    const a = this.expression(depth - 1);
    const b = this.expression(depth - 1);
    const type = usual(a.type, b.type);
    const helper = this.random.chance(0.5) ? "div" : "mod";
    return { text: `${helper}_${type.name.replace(/ /g, "_")}(${a.text}, ${b.text})`, type, small: false };
  }

  private shift(depth: number): Expression {
    const a = this.expression(depth - 1);
    const b = this.expression(depth - 1);
    const type = promote(a.type);
    const count = `((unsigned)(${b.text}) & ${type.bits - 1}u)`;
    if (this.random.chance(0.5)) return { text: `(${a.text} >> ${count})`, type, small: false };
    if (!type.signed) return { text: `(${a.text} << ${count})`, type, small: false };
    const u = unsignedOf(type);
    return { text: `(${type.name})((${u.name})(${a.text}) << ${count})`, type, small: false };
  }

  private comparison(depth: number): Expression {
    const a = this.expression(depth - 1);
    const b = this.expression(depth - 1);
    const op = this.random.pick(["==", "!=", "<", "<=", ">", ">=", "&&", "||"]);
    return { text: `(${a.text} ${op} ${b.text})`, type: INT, small: true };
  }

  private unaryExpression(depth: number): Expression {
    const a = this.expression(depth - 1);
    const type = promote(a.type);
    switch (this.random.below(3)) {
      case 0:
        return { text: `(~${a.text})`, type, small: false };
      case 1:
        return { text: `(!${a.text})`, type: INT, small: true };
      default: {
        if (!type.signed || a.small) return { text: `(-${a.text})`, type, small: a.small };
        const u = unsignedOf(type);
        return { text: `(${type.name})(0u - (${u.name})(${a.text}))`, type, small: false };
      }
    }
  }

  private conditional(depth: number): Expression {
    const c = this.expression(depth - 1);
    const a = this.expression(depth - 1);
    const b = this.expression(depth - 1);
    return { text: `(${c.text} ? ${a.text} : ${b.text})`, type: usual(a.type, b.type), small: a.small && b.small };
  }

  private cast(depth: number): Expression {
    const target = this.random.pick(this.types);
    const a = this.expression(depth - 1);
    return { text: `((${target.name})${a.text})`, type: target.bits === 1 ? INT : target, small: isSmall(target) };
  }

  private call(f: FunctionInfo, depth: number): Expression {
    this.currentCost += f.cost * this.loopFactor;
    const args = f.params.map(() => this.expression(Math.min(depth - 1, 2)).text);
    if (f.structParam) {
      const candidates = this.structGlobals.filter((g) => g.type === f.structParam);
      const g = candidates[0];
      args.push(g.name, `&${g.name}`);
    }
    return { text: `${f.name}(${args.join(", ")})`, type: f.returnType, small: isSmall(f.returnType) };
  }

  private structType(): void {
    const name = this.fresh("S");
    const fields: Field[] = [];
    const count = 2 + this.random.below(4);
    for (let i = 0; i < count; i++) fields.push({ name: `f${i}`, type: this.random.pick(this.types) });
    const s: StructType = { name, fields };
    this.structs.push(s);
    this.lines.push(`struct ${name} {`, ...fields.map((f) => `\t${f.type.name} ${f.name};`), "};", "");
  }

  private globalVariable(): void {
    const type = this.random.pick(this.types);
    const v = { name: this.fresh("g"), type };
    this.lines.push(`static ${type.name} ${v.name} = ${this.constant(type).text};`);
    this.globals.push(v);
  }

  private globalArray(): void {
    const type = this.random.pick(this.types);
    const length = this.random.pick([2, 4, 8]);
    const a = { name: this.fresh("a"), type, length };
    const values = Array.from({ length }, () => this.constant(type).text);
    this.lines.push(`static ${type.name} ${a.name}[${length}] = { ${values.join(", ")} };`);
    this.arrays.push(a);
  }

  private globalStruct(s: StructType): void {
    const name = this.fresh("s");
    const values = s.fields.map((f) => this.constant(f.type).text);
    this.lines.push(`static struct ${s.name} ${name} = { ${values.join(", ")} };`, "");
    this.structGlobals.push({ name, type: s });
  }

  /** An lvalue to assign to and its type: a local, a global, an array element or a struct member. */
  private target(): { text: string; type: IntType } {
    const r = this.random;
    const choice = r.below(10);
    const named = (v: Variable) => ({ text: v.name, type: v.type });
    if (choice < 4 && this.scope.length > 0) return named(r.pick(this.scope));
    if (choice < 6) return named(r.pick(this.globals));
    if (choice < 8) {
      const a = r.pick(this.arrays);
      return { text: `${a.name}[${this.index(a.length)}]`, type: a.type };
    }
    if (this.structScope.length > 0) {
      const s = r.pick(this.structScope);
      const f = r.pick(s.type.fields);
      return { text: `${s.name}${s.pointer ? "->" : "."}${f.name}`, type: f.type };
    }
    return named(r.pick(this.globals));
  }

  private assignment(indent: string): string {
    const target = this.target();
    const text = target.text;
    const value = this.expression(this.options.depth);
    const r = this.random;
    const type = usual(target.type, value.type);
    if (target.type.bits > 1 && !type.signed && r.chance(0.3)) {
      return `${indent}${text} ${r.pick(["+=", "-=", "*=", "&=", "|=", "^="])} ${value.text};`;
    }
    if ((target.type.bits <= 16 || !target.type.signed) && target.type.bits > 1 && r.chance(0.15)) {
      return `${indent}${r.pick(["++", "--"])}${text};`;
    }
    return `${indent}${text} = ${value.text};`;
  }

  private statement(indent: string, depth: number): string[] {
    const r = this.random;
    this.currentCost += this.loopFactor;
    const choice = r.below(10);
    if (choice < 5 || depth <= 0) return [this.assignment(indent)];
    if (choice < 7) {
      const c = this.expression(2);
      const lines = [`${indent}if (${c.text}) {`, ...this.block(indent + "\t", depth - 1, 2)];
      if (r.chance(0.5)) lines.push(`${indent}} else {`, ...this.block(indent + "\t", depth - 1, 2));
      lines.push(`${indent}}`);
      return lines;
    }
    if (choice < 8) return this.loop(indent, depth);
    if (choice < 9 && r.chance(0.5)) return this.switchStatement(indent, depth);
    const callable = this.functions.filter((f) => f.cost * this.loopFactor + this.currentCost < COST_BUDGET);
    if (choice < 9 && callable.length > 0) {
      const target = r.pick(this.scope.length > 0 && r.chance(0.5) ? this.scope : this.globals);
      return [`${indent}${target.name} = ${this.call(r.pick(callable), 2).text};`];
    }
    const v = this.random.pick(this.scope.length > 0 ? this.scope : this.globals);
    return [`${indent}mix("${v.name}", ${this.mixCast}${v.name});`];
  }

  /** Makes a `for`, `while` or `do` loop with a constant trip count and a counter the body cannot change. */
  private loop(indent: string, depth: number): string[] {
    const r = this.random;
    const counter = this.fresh("loop");
    const bound = 1 + r.below(5);
    this.loopFactor *= bound;
    const body = this.block(indent + "\t", depth - 1, 2);
    this.loopFactor /= bound;
    switch (r.below(3)) {
      case 0:
        return [`${indent}for (int ${counter} = 0; ${counter} < ${bound}; ${counter}++) {`, ...body, `${indent}}`];
      case 1:
        return [`${indent}{`, `${indent}\tint ${counter} = ${bound};`, `${indent}\twhile (${counter}-- > 0) {`,
          ...body.map((l) => `\t${l}`), `${indent}\t}`, `${indent}}`];
      default:
        return [`${indent}{`, `${indent}\tint ${counter} = 0;`, `${indent}\tdo {`, ...body.map((l) => `\t${l}`),
          `${indent}\t} while (++${counter} < ${bound});`, `${indent}}`];
    }
  }

  /** Makes a `switch` with dense or sparse case values, some falling through, and maybe a default. */
  private switchStatement(indent: string, depth: number): string[] {
    const r = this.random;
    const value = this.expression(2);
    const dense = r.chance(0.5);
    const count = 2 + r.below(5);
    const values = new Set<number>();
    while (values.size < count) values.add(dense ? r.below(8) : r.below(2001) - 1000);
    const selector = dense ? `(int)((unsigned)(${value.text}) & 7u)` : `(int)((unsigned)(${value.text}) % 2001u) - 1000`;
    const lines = [`${indent}switch (${selector}) {`];
    for (const v of values) {
      lines.push(`${indent}case ${v}:`, ...this.block(indent + "\t", depth - 1, 1));
      if (r.chance(0.7)) lines.push(`${indent}\tbreak;`);
    }
    if (r.chance(0.6)) lines.push(`${indent}default:`, ...this.block(indent + "\t", depth - 1, 1));
    lines.push(`${indent}}`);
    return lines;
  }

  private block(indent: string, depth: number, count: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i < count; i++) lines.push(...this.statement(indent, depth));
    return lines;
  }

  private functionDefinition(): void {
    const r = this.random;
    const name = this.fresh("func");
    const returnType = r.pick(this.types);
    const params = Array.from({ length: r.below(4) }, () => ({ name: this.fresh("p"), type: r.pick(this.types) }));
    const structParam = r.chance(0.5) ? r.pick(this.structs) : undefined;
    this.scope = params.map((p) => ({ name: p.name, type: p.type }));
    this.structScope = [];
    const signature = params.map((p) => `${p.type.name} ${p.name}`);
    if (structParam) {
      signature.push(`struct ${structParam.name} byvalue`, `struct ${structParam.name} *byref`);
      this.structScope.push({ name: "byvalue", type: structParam, pointer: false }, { name: "byref", type: structParam, pointer: true });
    }
    this.currentCost = 0;
    this.loopFactor = 1;
    const body: string[] = [];
    for (let i = 0; i < 3; i++) {
      const v = { name: this.fresh("l"), type: r.pick(this.types) };
      body.push(`\t${v.type.name} ${v.name} = ${this.expression(2).text};`);
      this.scope.push(v);
    }
    body.push(...this.block("\t", 2, this.options.statements));
    body.push(`\treturn ${this.expression(this.options.depth).text};`);
    this.lines.push(`static ${returnType.name} ${name}(${signature.join(", ") || "void"})`, "{", ...body, "}", "");
    this.functions.push({ name, returnType, params, structParam, cost: this.currentCost + 1 });
    this.scope = [];
    this.structScope = [];
  }

  private main(): void {
    const body: string[] = [];
    this.currentCost = 0;
    this.loopFactor = 1;
    for (const f of this.functions) {
      const call = this.call(f, 2);
      body.push(`\tmix("${f.name}", ${this.mixCast}${call.text});`);
    }
    for (const g of this.globals) body.push(`\tmix("${g.name}", ${this.mixCast}${g.name});`);
    for (const a of this.arrays) {
      for (let i = 0; i < a.length; i++) body.push(`\tmix("${a.name}[${i}]", ${this.mixCast}${a.name}[${i}]);`);
    }
    for (const s of this.structGlobals) {
      for (const f of s.type.fields) body.push(`\tmix("${s.name}.${f.name}", ${this.mixCast}${s.name}.${f.name});`);
    }
    body.push(`\tprintf("checksum %u\\n", checksum);`, "\treturn 0;");
    this.lines.push("int main(void)", "{", ...body, "}");
  }
}

/** Generates the C source of one random program. */
export function generateProgram(seed: number, options: GeneratorOptions = DEFAULT_OPTIONS): string {
  return new Generator(new Random(seed), options).program();
}
