// Inlining of small functions at -O2, on the typed AST before lowering. A
// call to a small, non-recursive function defined in the same translation
// unit becomes a GNU statement expression. The arguments initialise copies
// of the parameters, and the body follows with its locals moved into a fresh
// region of the caller's frame and its labels renamed. Each `return`
// assigns the result and jumps to the end. Scalar parameters and results
// then live in registers, so the call, the argument stores and the
// prologue disappear.
import type { Expr, ExprOf, FunctionDefinition, FunctionSymbol, Stmt, Variable } from "../ast";
import type { Token } from "../token";
import { alignTo, isWide, type Type } from "../types";
import { forEachChildExpr, lowerFunction, scalarOf } from "./lower";
import { collectAddressTaken, collectAddressTakenInto, findUnsupportedTypes, markLvalue, unsupportedSignature, unsupportedType, unsupportedTypeIn } from "./scan";
import { Unsupported } from "./ir";

/** Callees larger than this many AST nodes stay calls. */
const MAX_NODES = 60;
/** Callees with more bytes of memory locals than this stay calls, so inlining cannot grow a frame much. */
const MAX_INLINED_FRAME = 64;
/** Inlined call sites per caller, to bound the growth of one function. */
const MAX_SITES = 24;
/**
 * Bytes the callees' frames may add to one caller's frame in all. A caller
 * that calls itself gets none, because each level of its recursion would
 * pay again.
 */
const MAX_FRAME_GROWTH = 512;

export class Inliner {
  private readonly suitable = new Map<FunctionDefinition, boolean>();
  private readonly addressTaken = new Map<FunctionDefinition, Set<Variable>>();
  private site = 0;
  /** The caller being rebuilt by inlineInto. */
  private state!: State;
  /*
   * The walk's callbacks, made once rather than per node. mapExpr contains
   * the rebuild's work itself: a method call behind it, once per node, cost
   * about 5% of inlining's time on the 7,575-line file of bench/cgen.
   */
  private readonly mapExpr = (e: Expr): Expr => {
    const state = this.state;
    // The checks and the order of findUnsupportedTypes' walk: each node before its children, stopping at the first.
    if (state.unsupported) return e;
    state.unsupported = unsupportedType(e.type);
    if (state.unsupported) return e;
    switch (e.kind) {
      case "number": case "variable":
        // Leaves: nothing to rebuild.
        return e;
      case "function":
        // As callsItself finds it: the original body's nodes, outside asm operands, which the rebuild leaves alone.
        if (e.fn === state.fn.symbol) state.callsItself = true;
        return e;
      case "addr": {
        // Every node of the rebuilt body passes here once its children are done, except the nodes of
        // inlined bodies, whose address-taken variables expand() adds.
        const mapped = mapExprChildren(e, this.mapExpr, this.mapStatement, same, same) as ExprOf<"addr">;
        markLvalue(mapped.operand, state.addressTaken);
        return mapped;
      }
      case "call":
        return this.inlineCall(mapExprChildren(e, this.mapExpr, this.mapStatement, same, same) as ExprOf<"call">, state);
      // The most common inner nodes call this.mapExpr directly, not through the callback parameter that
      // mapExprChildren shares among several walks. That made the rebuild of the 7,575-line file of
      // bench/cgen about 6% faster.
      case "cast": case "deref": case "unary": {
        const operand = this.mapExpr(e.operand);
        return operand === e.operand ? e : withOperand(e, operand);
      }
      case "binary": case "logical": case "comma": {
        const left = this.mapExpr(e.left), right = this.mapExpr(e.right);
        return left === e.left && right === e.right ? e : withSides(e, left, right);
      }
      case "assign": {
        const target = this.mapExpr(e.target), value = this.mapExpr(e.value);
        return target === e.target && value === e.value ? e : withTargetAndValue(e, target, value);
      }
      default:
        return mapExprChildren(e, this.mapExpr, this.mapStatement, same, same);
    }
  };
  private readonly mapStatement = (s: Stmt): Stmt => {
    const state = this.state;
    if (state.unsupported) return s;
    // The rebuild leaves asm statements as they are, so their operands are searched here in full.
    if (s.kind === "asm") {
      collectAddressTakenInto(s, state.addressTaken);
      state.unsupported = unsupportedTypeIn(s);
    }
    return mapStmt(s, this.mapExpr, this.mapStatement, same);
  };
  /** The variables whose address each function returned by inlineInto takes, as collectAddressTaken would find. */
  private readonly addressTakenSets = new WeakMap<FunctionDefinition, Set<Variable>>();

  constructor(private readonly definitions: Map<FunctionSymbol, FunctionDefinition>) {}

  /**
   * Returns a copy of `fn` with its calls to small functions inlined, or `fn` itself when none qualifies.
   * Throws Unsupported, as findUnsupportedTypes would report it, when `fn` uses a type the back end
   * does not cover. The rebuild checks each node it visits, so a function with calls to inline costs
   * one walk of its body rather than two.
   */
  inlineInto(fn: FunctionDefinition): FunctionDefinition {
    const signature = unsupportedSignature(fn);
    if (signature) throw new Unsupported(signature);
    if (!this.hasInlinableCall(fn)) {
      const reason = findUnsupportedTypes(fn);
      if (reason) throw new Unsupported(reason);
      return fn;
    }
    const site = this.site;
    // Whether the caller calls itself decides only the sites of callees with a frame, and the rebuild
    // finds it out as it goes. It assumes not, and starts again in the rare case that it was wrong at
    // such a site.
    let state = this.rebuild(fn, false);
    if (state.callsItself && state.framedCallee && !state.unsupported) {
      this.site = site;
      state = this.rebuild(fn, true);
    }
    if (state.unsupported) {
      // The function goes to the -O0 generator, so the labels of later inlined sites are numbered as if it had not been rebuilt.
      this.site = site;
      throw new Unsupported(state.unsupported);
    }
    const body = state.body;
    if (state.sites === 0) return fn;
    const inlined = { ...fn, body, locals: state.locals, frameSize: state.frameSize };
    this.addressTakenSets.set(inlined, state.addressTaken);
    return inlined;
  }

  /** Rebuilds `fn`'s body with calls inlined, treating `fn` as calling itself when `recursive` is set. */
  private rebuild(fn: FunctionDefinition, recursive: boolean): State {
    const state: State = {
      fn, recursive, frameSize: fn.frameSize, locals: [...fn.locals], sites: 0, addressTaken: new Set<Variable>(),
      unsupported: undefined, callsItself: false, framedCallee: false, body: fn.body,
    };
    this.state = state;
    state.body = this.mapStatement(fn.body);
    return state;
  }

  /**
   * Returns the variables whose address `fn` takes when inlineInto returned it, gathered while its
   * body was rebuilt, so that lowering needs no walk of its own. Undefined for any other function.
   */
  addressTakenIn(fn: FunctionDefinition): ReadonlySet<Variable> | undefined {
    return this.addressTakenSets.get(fn);
  }

  /** A quick walk that spares rebuilding the body of a function with nothing to inline. */
  private hasInlinableCall(fn: FunctionDefinition): boolean {
    this.searchedCaller = fn;
    this.foundInlinableCall = false;
    this.searchStmt(fn.body);
    return this.foundInlinableCall;
  }

  /*
   * hasInlinableCall's walk. Its callbacks are made once, like the copy's below, because tsx's keepNames
   * wraps each closure in a __name call (an Object.defineProperty) whenever it is created.
   */
  private searchedCaller!: FunctionDefinition;
  private foundInlinableCall = false;
  private readonly searchExpr = (e: Expr): void => {
    if (this.foundInlinableCall) return;
    if (e.kind === "call" && e.callee.kind === "addr" && e.callee.operand.kind === "function") {
      const callee = this.definitions.get(e.callee.operand.fn);
      if (callee && callee.params.length === e.args.length && this.canInline(callee, this.searchedCaller)) this.foundInlinableCall = true;
    }
    if (e.kind === "statementExpression") this.searchStmt(e.body);
    forEachChildExpr(e, this.searchExpr);
  };
  private readonly visitExpr = (e: Expr): Expr => {
    this.searchExpr(e);
    return e;
  };
  private readonly visitStmt = (s: Stmt): Stmt => {
    this.searchStmt(s);
    return s;
  };
  private searchStmt(s: Stmt): void {
    if (!this.foundInlinableCall) mapStmt(s, this.visitExpr, this.visitStmt, same);
  }

  private canInline(callee: FunctionDefinition, caller: FunctionDefinition): boolean {
    if (callee === caller || callee.symbol.isWeak || callee.symbol.isNoinline || callee.symbol.type.variadic || !callee.symbol.type.prototyped) return false;
    // Each inlined call gets its own copy of the callee's memory locals, so only small frames are copied.
    if (callee.frameSize > MAX_INLINED_FRAME) return false;
    let ok = this.suitable.get(callee);
    if (ok === undefined) {
      ok = countNodes(callee.body, MAX_NODES) <= MAX_NODES && !callsItself(callee) && hasOnlyInlinableStatements(callee.body);
      if (ok) {
        try {
          lowerFunction(callee);
        } catch (e) {
          if (!(e instanceof Unsupported)) throw e;
          ok = false;
        }
      }
      this.suitable.set(callee, ok);
    }
    return ok;
  }

  /** Returns the expansion of a call whose arguments are rebuilt already, or the call itself when it stays. */
  private inlineCall(call: ExprOf<"call">, state: State): Expr {
    const callee = this.calleeToInline(call, state);
    if (callee === undefined) {
      if (call.resultSlot) state.addressTaken.add(call.resultSlot);
      return call;
    }
    state.sites++;
    return this.expand(call, callee, state);
  }

  /** Returns the definition that replaces `call` at this site, or undefined when the call stays. */
  private calleeToInline(call: Extract<Expr, { kind: "call" }>, state: State): FunctionDefinition | undefined {
    if (state.sites >= MAX_SITES) return undefined;
    const callee = call.callee.kind === "addr" && call.callee.operand.kind === "function" ? this.definitions.get(call.callee.operand.fn) : undefined;
    if (!callee || call.args.length !== callee.params.length || !this.canInline(callee, state.fn)) return undefined;
    if (callee.frameSize > 0) {
      state.framedCallee = true;
      const limit = state.recursive ? 0 : MAX_FRAME_GROWTH;
      if (state.frameSize - state.fn.frameSize + callee.frameSize > limit) return undefined;
    }
    return callee;
  }

  /** Builds the statement expression that replaces one call. */
  private expand(call: Extract<Expr, { kind: "call" }>, callee: FunctionDefinition, state: State): Expr {
    const site = ++this.site;
    const tok = call.tok;
    const base = state.frameSize;
    const variables = this.variables;
    variables.clear();
    let addressTaken = this.addressTaken.get(callee);
    if (!addressTaken) this.addressTaken.set(callee, (addressTaken = collectAddressTaken(callee.body)));
    for (const local of callee.locals) {
      if (!local.isLocal) continue;
      const copy = copyVariable(local, local.type, local.offset - base, local.isReferenced);
      variables.set(local, copy);
      state.locals.push(copy);
    }
    this.regionEnd = base + callee.frameSize;
    const params: Variable[] = [];
    for (const p of callee.params) {
      const copy = this.place(p, p.type, addressTaken, state);
      variables.set(p, copy);
      params.push(copy);
    }
    const returnType = callee.symbol.type.returnType;
    const result = returnType.kind === "void" ? undefined : this.place(resultVariable(callee, tok), returnType, addressTaken, state);
    state.frameSize = base + Math.ceil((this.regionEnd - base) / 16) * 16;

    const end = `${callee.symbol.name}.inline${site}.end`;
    this.labelSuffix = `.inline${site}`;
    this.result = result;
    this.endLabel = end;
    for (const v of addressTaken) state.addressTaken.add(this.cloneVariable(v));

    const body: Stmt[] = [];
    // Arguments last to first, the order in which the call would have evaluated them.
    for (let i = params.length - 1; i >= 0; i--) {
      const p = params[i];
      const target: Expr = { kind: "variable", variable: p, type: p.type, tok };
      body.push({ kind: "expr", tok, isDeclaration: true, expr: { kind: "assign", target, value: call.args[i], type: p.type, tok } });
    }
    body.push(this.cloneStmt(callee.body));
    body.push({ kind: "label", tok: callee.closingBrace, label: end, body: { kind: "empty", tok: callee.closingBrace } });
    const value: Expr | undefined = result ? { kind: "variable", variable: result, type: result.type, tok } : undefined;
    return { kind: "statementExpression", body: { kind: "block", tok, body }, value, type: call.type, tok };
  }

  /**
   * Returns the copy of a callee's parameter or result at the site being expanded. A scalar whose address
   * is never taken lives in registers after lowering, so it needs no slot. Others get one past regionEnd.
   */
  private place(v: Variable, type: Type, addressTaken: Set<Variable>, state: State): Variable {
    let offset = 0;
    if (!(scalarOf(type) || isWide(type)) || addressTaken.has(v)) {
      this.regionEnd = alignTo(this.regionEnd + type.size, Math.max(4, type.align));
      offset = -this.regionEnd;
    }
    const copy = copyVariable(v, type, offset, true);
    state.locals.push(copy);
    return copy;
  }

  /*
   * The state of the site that expand() is copying, and the copy's callbacks. These are made once rather
   * than per site, because tsx's keepNames wraps each closure in a __name call when it is created. On the
   * 7,575-line file of bench/cgen those calls cost more than the rest of expand(). A copy never inlines
   * calls itself, so one site is copied at a time.
   */
  /** The callee's locals and parameters, mapped to their copies at the site. */
  private readonly variables = new Map<Variable, Variable>();
  /** The end of the site's frame region so far, as a positive offset below the frame pointer. */
  private regionEnd = 0;
  /** The suffix appended to each of the callee's labels. */
  private labelSuffix = "";
  /** The copy of the callee's result, undefined for void. */
  private result: Variable | undefined;
  /** The label after the copied body, which each return jumps to. */
  private endLabel = "";
  private readonly cloneVariable = (v: Variable): Variable => this.variables.get(v) ?? v;
  private readonly cloneLabel = (name: string): string => name + this.labelSuffix;
  private readonly cloneExpr = (e: Expr): Expr => mapExprChildren(e, this.cloneExpr, this.cloneStmt, this.cloneVariable, this.cloneLabel);
  private readonly cloneStmt = (s: Stmt): Stmt => {
    if (s.kind !== "return") return mapStmt(s, this.cloneExpr, this.cloneStmt, this.cloneLabel);
    const result = this.result;
    const body: Stmt[] = [];
    if (s.value && result) {
      const target: Expr = { kind: "variable", variable: result, type: result.type, tok: s.tok };
      body.push({ kind: "expr", tok: s.tok, expr: { kind: "assign", target, value: this.cloneExpr(s.value), type: result.type, tok: s.tok } });
    } else if (s.value) body.push({ kind: "expr", tok: s.tok, expr: this.cloneExpr(s.value) });
    body.push({ kind: "goto", tok: s.tok, label: this.endLabel });
    return { kind: "block", tok: s.tok, body };
  };
}

/**
 * Returns a copy of `v` with another type, offset and isReferenced. The fields are listed rather than
 * spread, because V8 copies objects of several shapes slowly through a spread, and the inliner copies a
 * few variables at every call site. The type below makes a field added to Variable a compile error here
 * until it is copied.
 */
function copyVariable(v: Variable, type: Type, offset: number, isReferenced: boolean | undefined): Variable {
  const copy: { [K in keyof Required<Variable>]: Variable[K] } = {
    name: v.name, type, tok: v.tok, isLocal: v.isLocal, offset, asmName: v.asmName, isStatic: v.isStatic, isExtern: v.isExtern,
    isDefinition: v.isDefinition, init: v.init, align: v.align, section: v.section, isWeak: v.isWeak, isReferenced,
  };
  return copy;
}

/** The identity, for walks that map no variables or labels. */
const same = <T>(x: T): T => x;

interface State {
  fn: FunctionDefinition;
  frameSize: number;
  locals: Variable[];
  sites: number;
  /** The variables whose address the rebuilt body takes so far. */
  addressTaken: Set<Variable>;
  /** The reason the back end cannot take the caller, set once the rebuild meets a node of a type it does not cover. */
  unsupported: string | undefined;
  /** Whether the rebuild treats the caller as calling itself, which bars callees with a frame. */
  recursive: boolean;
  /** The caller's body names the caller, as far as the rebuild has walked. */
  callsItself: boolean;
  /** A site's callee had a frame and passed the other tests, so `recursive` decided the site. */
  framedCallee: boolean;
  /** The rebuilt body, once the rebuild is done. */
  body: Stmt;
}

/** Creates an unnamed local for an inlined call's result. */
function resultVariable(fn: FunctionDefinition, tok: Token): Variable {
  return { name: "", type: fn.symbol.type.returnType, tok, isLocal: true, offset: 0, asmName: "", isStatic: false, isExtern: false, isDefinition: true };
}

/**
 * A node type with every field, optional ones included, so that a copy spelled out below fails to
 * compile until a field added to the node is copied too. The copies list the fields in the parser's
 * order (kind, own fields, type, tok), so that V8 gives them the hidden class of the parser's nodes.
 */
type Complete<T> = { [K in keyof Required<T>]: T[K] };
type StmtOf<K extends Stmt["kind"]> = Extract<Stmt, { kind: K }>;

/**
 * Rebuilds `e` with its subexpressions, nested statements and variables
 * mapped. A node whose parts all map to themselves is returned as it is, so
 * a walk that changes nothing allocates nothing (nodes are never mutated,
 * so sharing them is safe). A changed node is copied field by field rather
 * than spread, because V8 spreads objects of the AST's many shapes about
 * ten times slower, and inlining copies most nodes of each inlined body.
 */
function mapExprChildren(
  e: Expr,
  expr: (e: Expr) => Expr,
  stmt: (s: Stmt) => Stmt,
  variable: (v: Variable) => Variable,
  label: (name: string) => string,
): Expr {
  switch (e.kind) {
    case "variable": case "zero": {
      const v = variable(e.variable);
      if (v === e.variable) return e;
      const copy: Complete<ExprOf<"variable" | "zero">> = { kind: e.kind, variable: v, type: e.type, tok: e.tok };
      return copy as Expr;
    }
    case "member": {
      const base = expr(e.base);
      if (base === e.base) return e;
      const copy: Complete<ExprOf<"member">> = { kind: e.kind, base, member: e.member, type: e.type, tok: e.tok };
      return copy;
    }
    case "deref": case "addr": case "cast": case "unary": {
      const operand = expr(e.operand);
      return operand === e.operand ? e : withOperand(e, operand);
    }
    case "binary": case "logical": case "comma": {
      const left = expr(e.left), right = expr(e.right);
      return left === e.left && right === e.right ? e : withSides(e, left, right);
    }
    case "assign": {
      const target = expr(e.target), value = expr(e.value);
      return target === e.target && value === e.value ? e : withTargetAndValue(e, target, value);
    }
    case "conditional": {
      const condition = expr(e.condition), then = expr(e.then), otherwise = expr(e.otherwise);
      if (condition === e.condition && then === e.then && otherwise === e.otherwise) return e;
      const copy: Complete<ExprOf<"conditional">> = { kind: e.kind, condition, then, otherwise, type: e.type, tok: e.tok };
      return copy;
    }
    case "call": {
      const callee = expr(e.callee), args = mapList(e.args, expr), resultSlot = e.resultSlot && variable(e.resultSlot);
      if (callee === e.callee && args === e.args && resultSlot === e.resultSlot) return e;
      const copy: Complete<ExprOf<"call">> = { kind: e.kind, callee, args, fnType: e.fnType, type: e.type, tok: e.tok, resultSlot };
      return copy;
    }
    case "labelAddress": {
      const name = label(e.label);
      if (name === e.label) return e;
      const copy: Complete<ExprOf<"labelAddress">> = { kind: e.kind, label: name, type: e.type, tok: e.tok };
      return copy;
    }
    case "allocateArray": {
      const v = variable(e.variable), previous = e.previous && variable(e.previous);
      if (v === e.variable && previous === e.previous) return e;
      const copy: Complete<ExprOf<"allocateArray">> = { kind: e.kind, variable: v, previous, type: e.type, tok: e.tok };
      return copy;
    }
    case "statementExpression": {
      const body = stmt(e.body), value = e.value && expr(e.value);
      if (body === e.body && value === e.value) return e;
      const copy: Complete<ExprOf<"statementExpression">> = { kind: e.kind, body, value, type: e.type, tok: e.tok };
      return copy;
    }
    default: return e;
  }
}

/** Returns a copy of `e` with another operand. */
function withOperand(e: ExprOf<"deref" | "addr" | "cast" | "unary">, operand: Expr): Expr {
  if (e.kind === "unary") {
    const copy: Complete<ExprOf<"unary">> = { kind: e.kind, op: e.op, operand, type: e.type, tok: e.tok };
    return copy;
  }
  const copy: Complete<ExprOf<"deref" | "addr" | "cast">> = { kind: e.kind, operand, type: e.type, tok: e.tok };
  return copy as Expr;
}

/** Returns a copy of `e` with other operands. */
function withSides(e: ExprOf<"binary" | "logical" | "comma">, left: Expr, right: Expr): Expr {
  if (e.kind === "comma") {
    const copy: Complete<ExprOf<"comma">> = { kind: e.kind, left, right, type: e.type, tok: e.tok };
    return copy;
  }
  if (e.kind === "logical") {
    const copy: Complete<ExprOf<"logical">> = { kind: e.kind, op: e.op, left, right, type: e.type, tok: e.tok };
    return copy;
  }
  const copy: Complete<ExprOf<"binary">> = { kind: e.kind, op: e.op, left, right, type: e.type, tok: e.tok };
  return copy;
}

/** Returns a copy of `e` with another target and value. */
function withTargetAndValue(e: ExprOf<"assign">, target: Expr, value: Expr): Expr {
  const copy: Complete<ExprOf<"assign">> = { kind: e.kind, target, value, type: e.type, tok: e.tok };
  return copy;
}

/** Maps every element; returns `list` itself when every element maps to itself. */
function mapList<T>(list: T[], map: (x: T) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const x = map(list[i]);
    if (out === undefined && x !== list[i]) out = list.slice(0, i);
    out?.push(x);
  }
  return out ?? list;
}

/** The statement counterpart of mapExprChildren, with the same sharing of unchanged nodes. */
function mapStmt(s: Stmt, expr: (e: Expr) => Expr, stmt: (s: Stmt) => Stmt, label: (name: string) => string): Stmt {
  switch (s.kind) {
    case "block": {
      const body = mapList(s.body, stmt);
      if (body === s.body) return s;
      const copy: Complete<StmtOf<"block">> = { kind: s.kind, tok: s.tok, body };
      return copy;
    }
    case "expr": {
      const e = expr(s.expr);
      if (e === s.expr) return s;
      const copy: Complete<StmtOf<"expr">> = { kind: s.kind, tok: s.tok, expr: e, isDeclaration: s.isDeclaration };
      return copy;
    }
    case "if": {
      const condition = expr(s.condition), then = stmt(s.then), otherwise = s.otherwise && stmt(s.otherwise);
      if (condition === s.condition && then === s.then && otherwise === s.otherwise) return s;
      const copy: Complete<StmtOf<"if">> = { kind: s.kind, tok: s.tok, condition, then, otherwise };
      return copy;
    }
    case "loop": {
      const init = s.init && stmt(s.init), condition = s.condition && expr(s.condition), step = s.step && expr(s.step), body = stmt(s.body);
      const breakLabel = label(s.breakLabel), continueLabel = label(s.continueLabel);
      const same = init === s.init && condition === s.condition && step === s.step && body === s.body;
      if (same && breakLabel === s.breakLabel && continueLabel === s.continueLabel) return s;
      const copy: Complete<StmtOf<"loop">> = {
        kind: s.kind, tok: s.tok, init, condition, step, body, testAfter: s.testAfter, breakLabel, continueLabel,
      };
      return copy;
    }
    case "switch": {
      const value = expr(s.value), body = stmt(s.body), breakLabel = label(s.breakLabel), defaultLabel = s.defaultLabel && label(s.defaultLabel);
      const cases = mapList(s.cases, (c) => {
        const name = label(c.label);
        return name === c.label ? c : { value: c.value, label: name };
      });
      const same = value === s.value && body === s.body && breakLabel === s.breakLabel && defaultLabel === s.defaultLabel && cases === s.cases;
      if (same) return s;
      const copy: Complete<StmtOf<"switch">> = { kind: s.kind, tok: s.tok, value, body, cases, defaultLabel, breakLabel };
      return copy;
    }
    case "label": {
      const name = label(s.label), body = stmt(s.body);
      if (name === s.label && body === s.body) return s;
      const copy: Complete<StmtOf<"label">> = { kind: s.kind, tok: s.tok, label: name, body };
      return copy;
    }
    case "goto": {
      const name = label(s.label), target = s.target && expr(s.target);
      if (name === s.label && target === s.target) return s;
      const copy: Complete<StmtOf<"goto">> = { kind: s.kind, tok: s.tok, label: name, target };
      return copy;
    }
    case "return": {
      const value = s.value && expr(s.value);
      if (value === s.value) return s;
      const copy: Complete<StmtOf<"return">> = { kind: s.kind, tok: s.tok, value };
      return copy;
    }
    default: return s;
  }
}

/*
 * The walks of a callee's body below keep their state in module variables and their visitors in module
 * functions, because tsx's keepNames wraps each closure in a __name call (an Object.defineProperty)
 * whenever it is created. Each visitor returns its argument, so it serves mapStmt as well.
 */
let nodeCount = 0, nodeLimit = 0;
let selfSymbol: FunctionSymbol | undefined, selfFound = false;
let inlinableStatements = true;

/** Counts the AST nodes of `s`, stopping early once the count passes `limit` (large callees are common and never inlined). */
function countNodes(s: Stmt, limit: number): number {
  nodeCount = 0;
  nodeLimit = limit;
  countStmt(s);
  return nodeCount;
}

function countExpr(e: Expr): Expr {
  if (nodeCount > nodeLimit) return e;
  nodeCount++;
  if (e.kind === "statementExpression") countStmt(e.body);
  forEachChildExpr(e, countExpr);
  return e;
}

function countStmt(s: Stmt): Stmt {
  if (nodeCount > nodeLimit) return s;
  nodeCount++;
  mapStmt(s, countExpr, countStmt, same);
  return s;
}

/** Tells whether `fn`'s body names `fn` itself, outside asm operands. */
export function callsItself(fn: FunctionDefinition): boolean {
  selfSymbol = fn.symbol;
  selfFound = false;
  findSelfInStmt(fn.body);
  selfSymbol = undefined;
  return selfFound;
}

function findSelfInExpr(e: Expr): Expr {
  if (e.kind === "function" && e.fn === selfSymbol) selfFound = true;
  if (e.kind === "statementExpression") findSelfInStmt(e.body);
  forEachChildExpr(e, findSelfInExpr);
  return e;
}

function findSelfInStmt(s: Stmt): Stmt {
  mapStmt(s, findSelfInExpr, findSelfInStmt, same);
  return s;
}

/** No asm (its operands name registers the inlined code may hold) and no computed goto. */
function hasOnlyInlinableStatements(s: Stmt): boolean {
  inlinableStatements = true;
  checkStatements(s);
  return inlinableStatements;
}

function checkStatements(s: Stmt): Stmt {
  if (s.kind === "asm" || (s.kind === "goto" && s.target)) inlinableStatements = false;
  mapStmt(s, same, checkStatements, same);
  return s;
}
