// The fuzzer behind bench/fuzz.ts and test/fuzz/fuzz.test.ts. It mutates
// C sources of the test corpus (token deletion, duplication, splicing,
// byte flips), their assembly listings and their objects (byte flips,
// truncation). Each input goes
// through the compiler, assembler and linker, and every exception,
// "internal error" diagnostic and slow input is recorded.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { compileObject } from "../../src/builder/build";
import type { Diagnostic } from "../../src/builder/diagnostic";
import { link } from "../../src/builder/ld";
import type { BinaryInput, LibraryBundle } from "../../src/builder/types";

/** An input taking longer than this, in milliseconds, is reported as slow. */
export const SLOW_INPUT_MS = 2000;

export type Mutation = "delete" | "duplicate" | "splice" | "flip" | "asm" | "object-flip" | "object-truncate";

export interface FuzzCase {
  index: number;
  mutation: Mutation;
  /** The corpus file the input started from. */
  origin: string;
  source: string;
  /** Set for object mutations: the object bytes given to the linker. */
  object?: Uint8Array;
  /** Set for assembly mutations: the mutated listing given to the assembler. */
  assembly?: string;
}

export interface FuzzFinding {
  case: FuzzCase;
  kind: "crash" | "slow";
  stage: "compiler" | "assembler" | "linker";
  detail: string;
  ms: number;
}

export interface FuzzReport {
  inputs: number;
  compiled: number;
  linked: number;
  findings: FuzzFinding[];
  mutations: Record<Mutation, number>;
  slowestMs: number;
  totalMs: number;
}

/** mulberry32: a small seeded generator, so a seed always gives the same inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reads the C programs the fuzzer starts from: test/programs and test/c. */
export function readCorpus(root: string): Array<{ name: string; text: string }> {
  const corpus: Array<{ name: string; text: string }> = [];
  for (const directory of ["test/programs", "test/c"]) {
    const path = join(root, directory);
    for (const name of readdirSync(path).filter((n) => n.endsWith(".c")).sort()) {
      corpus.push({ name: `${directory}/${name}`, text: readFileSync(join(path, name), "utf8") });
    }
  }
  return corpus;
}

const TOKEN = /[A-Za-z_]\w*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\s+|[^\w\s]/g;

function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Applies one source mutation; tokens keep their whitespace, so line numbers mostly survive. */
export function mutateSource(random: () => number, text: string, other: string, mutation: Mutation): string {
  const list = tokens(text);
  if (list.length === 0) return text;
  const start = Math.floor(random() * list.length);
  const length = 1 + Math.floor(random() * random() * Math.min(8, list.length - start));
  switch (mutation) {
    case "delete":
      list.splice(start, length);
      return list.join("");
    case "duplicate":
      list.splice(start, 0, ...list.slice(start, start + length));
      return list.join("");
    case "splice": {
      const donor = tokens(other);
      const from = Math.floor(random() * donor.length);
      const piece = donor.slice(from, from + 1 + Math.floor(random() * 40));
      list.splice(start, Math.floor(random() * 4), ...piece);
      return list.join("");
    }
    case "flip": {
      const bytes = new TextEncoder().encode(text);
      const flips = 1 + Math.floor(random() * 4);
      for (let i = 0; i < flips; i++) bytes[Math.floor(random() * bytes.length)]! ^= 1 << Math.floor(random() * 8);
      // Invalid UTF-8 becomes U+FFFD, as when the CLI reads such a file.
      return new TextDecoder().decode(bytes);
    }
    default:
      throw new Error(`internal error: ${mutation} is not a source mutation`);
  }
}

function mutateObject(random: () => number, object: Uint8Array, mutation: Mutation): Uint8Array {
  if (mutation === "object-truncate") return object.slice(0, Math.floor(random() * object.length));
  const bytes = object.slice();
  const flips = 1 + Math.floor(random() * 8);
  for (let i = 0; i < flips; i++) {
    // Half of the flips hit the ELF header and section headers, where a bad value changes the most.
    const inHeaders = random() < 0.5;
    const at = inHeaders ? pickHeaderByte(random, bytes) : Math.floor(random() * bytes.length);
    bytes[at] = Math.floor(random() * 256);
  }
  return bytes;
}

function pickHeaderByte(random: () => number, bytes: Uint8Array): number {
  if (random() < 0.3 || bytes.length < 52) return Math.floor(random() * Math.min(52, bytes.length));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shoff = view.getUint32(32, true);
  const table = Math.max(0, bytes.length - shoff);
  return table > 0 ? shoff + Math.floor(random() * table) : Math.floor(random() * bytes.length);
}

const SOURCE_MUTATIONS: readonly Mutation[] = ["delete", "duplicate", "splice", "flip"];

/** Generates case `index` of the run with `seed`: deterministic, independent of the other cases. */
export function makeCase(seed: number, index: number, corpus: Array<{ name: string; text: string }>, objects: Map<string, CompiledProgram>): FuzzCase {
  const random = seededRandom((seed * 1_000_003 + index) >>> 0);
  const origin = pick(random, corpus);
  const compiled = objects.get(origin.name);
  const kind = random();
  if (kind < 0.2 && compiled !== undefined) {
    const mutation: Mutation = random() < 0.5 ? "object-flip" : "object-truncate";
    return { index, mutation, origin: origin.name, source: origin.text, object: mutateObject(random, compiled.object, mutation) };
  }
  if (kind < 0.35 && compiled !== undefined) {
    const donor = objects.get(pick(random, corpus).name)?.listing ?? compiled.listing;
    const assembly = mutateSource(random, compiled.listing, donor, pick(random, SOURCE_MUTATIONS));
    return { index, mutation: "asm", origin: origin.name, source: origin.text, assembly };
  }
  const mutation = pick(random, SOURCE_MUTATIONS);
  let source = origin.text;
  // Mostly one mutation, so that more inputs get past the parser into the later stages.
  const rounds = random() < 0.7 ? 1 : 2 + Math.floor(random() * 2);
  for (let i = 0; i < rounds; i++) source = mutateSource(random, source, pick(random, corpus).text, mutation);
  return { index, mutation, origin: origin.name, source };
}

function isInternal(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  return diagnostics.find((d) => d.severity === "error" && /internal (compiler )?error/.test(d.message));
}

export interface CompiledProgram {
  object: Uint8Array;
  listing: string;
}

/** Compiles the corpus once, so object and assembly mutations start from valid objects and listings. */
export function compileCorpus(corpus: Array<{ name: string; text: string }>, library: LibraryBundle): Map<string, CompiledProgram> {
  const objects = new Map<string, CompiledProgram>();
  for (const { name, text } of corpus) {
    const diagnostics: Diagnostic[] = [];
    const compiled = compileObject("main.c", { "main.c": text }, library.headers, diagnostics);
    if (compiled.object && compiled.listing !== undefined) objects.set(name, { object: compiled.object, listing: compiled.listing });
  }
  return objects;
}

/** Runs one case through the compiler (unless it is an object mutation) and the linker. */
export function runCase(testCase: FuzzCase, library: LibraryBundle, findings: FuzzFinding[]): { compiled: boolean; linked: boolean } {
  let object = testCase.object;
  const record = (kind: FuzzFinding["kind"], stage: FuzzFinding["stage"], detail: string, ms: number) =>
    findings.push({ case: testCase, kind, stage, detail, ms });

  if (testCase.assembly !== undefined) {
    const started = performance.now();
    const diagnostics: Diagnostic[] = [];
    let assembled: { object?: Uint8Array } = {};
    try {
      assembled = compileObject("main.s", { "main.s": testCase.assembly }, library.headers, diagnostics);
    } catch (error) {
      record("crash", "assembler", `exception: ${String(error)}`, performance.now() - started);
    }
    const ms = performance.now() - started;
    const internal = isInternal(diagnostics);
    if (internal) record("crash", "assembler", internal.message, ms);
    if (ms > SLOW_INPUT_MS) record("slow", "assembler", `assembling took ${ms.toFixed(0)} ms`, ms);
    if (!assembled.object) return { compiled: false, linked: false };
    object = assembled.object;
  } else if (object === undefined) {
    const started = performance.now();
    const diagnostics: Diagnostic[] = [];
    let compiled: { object?: Uint8Array } = {};
    try {
      compiled = compileObject("main.c", { "main.c": testCase.source }, library.headers, diagnostics);
    } catch (error) {
      record("crash", "compiler", `exception: ${String(error)}`, performance.now() - started);
    }
    const ms = performance.now() - started;
    const internal = isInternal(diagnostics);
    if (internal) record("crash", "compiler", internal.message, ms);
    if (ms > SLOW_INPUT_MS) record("slow", "compiler", `compiling took ${ms.toFixed(0)} ms`, ms);
    if (!compiled.object) return { compiled: false, linked: false };
    object = compiled.object;
  }

  const started = performance.now();
  const inputs: BinaryInput[] = [{ name: "main.o", bytes: object }, ...library.archives];
  let linked = false;
  try {
    const result = link(inputs);
    linked = result.image !== undefined;
    const internal = isInternal(result.diagnostics);
    if (internal) record("crash", "linker", internal.message, performance.now() - started);
  } catch (error) {
    record("crash", "linker", `exception: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, performance.now() - started);
  }
  const ms = performance.now() - started;
  if (ms > SLOW_INPUT_MS) record("slow", "linker", `linking took ${ms.toFixed(0)} ms`, ms);
  return { compiled: testCase.object === undefined && testCase.assembly === undefined, linked };
}

/** Runs cases `first` to `first + count - 1` of the run with `seed`. */
export function fuzz(
  seed: number,
  count: number,
  library: LibraryBundle,
  corpus: Array<{ name: string; text: string }>,
  objects: Map<string, CompiledProgram>,
  onProgress?: (done: number, report: FuzzReport) => void,
): FuzzReport {
  const started = performance.now();
  const report: FuzzReport = {
    inputs: 0,
    compiled: 0,
    linked: 0,
    findings: [],
    mutations: { delete: 0, duplicate: 0, splice: 0, flip: 0, asm: 0, "object-flip": 0, "object-truncate": 0 },
    slowestMs: 0,
    totalMs: 0,
  };
  for (let index = 0; index < count; index++) {
    const testCase = makeCase(seed, index, corpus, objects);
    const caseStart = performance.now();
    const outcome = runCase(testCase, library, report.findings);
    report.slowestMs = Math.max(report.slowestMs, performance.now() - caseStart);
    report.inputs++;
    report.mutations[testCase.mutation]++;
    if (outcome.compiled) report.compiled++;
    if (outcome.linked) report.linked++;
    if (onProgress && (index + 1) % 500 === 0) onProgress(index + 1, report);
  }
  report.totalMs = performance.now() - started;
  return report;
}
