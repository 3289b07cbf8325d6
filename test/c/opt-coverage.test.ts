// How much of the test/c programs and the bench/programs the optimising back
// end really compiles. At -O2 a function the back end does not cover falls
// back to the -O0 code generator, and its listing then carries a line
// `# not optimised: <reason>`. This test counts the functions without that
// line and fails when the count drops below a floor, so the differential
// tests of the other test/c files keep exercising the optimiser. It prints
// every reason it finds. A function with no such line whose code equals its
// -O0 code (labels renumbered) also counts as not optimised.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { compileToAssembly, type OptimizeLevel } from "../../src/builder/cc";
import { formatDiagnostic } from "../../src/builder/diagnostic";
import { loadLibraryHeaders } from "../cc/library-headers";

const root = join(import.meta.dirname, "..", "..");
const DIRECTORIES = ["test/c", "bench/programs"];

// The count this test printed when the floor was last set; raise it as the back end covers more.
const MIN_OPTIMISED_FUNCTIONS = 238;

const NOT_OPTIMISED = /^# not optimised: (.*)$/;
const NO_REASON = "no '# not optimised:' line, but the code equals -O0's";

interface FunctionListing {
  name: string;
  /** The listing lines from the end of the previous function to this one's `.size`. */
  lines: string[];
}

/** Splits an assembly listing into its functions, named by their `.type NAME, @function` lines. */
function splitFunctions(assembly: string): FunctionListing[] {
  const functions: FunctionListing[] = [];
  const names = new Set<string>();
  let pending: string[] = [];
  for (const line of assembly.split("\n")) {
    const declared = /^\t\.type\t([^,]+), @function$/.exec(line);
    if (declared) names.add(declared[1]);
    pending.push(line);
    const ended = /^\t\.size\t([^,]+), \.-([^,\s]+)$/.exec(line);
    if (ended && names.has(ended[1])) {
      functions.push({ name: ended[1], lines: pending });
      pending = [];
    }
  }
  return functions;
}

/** Renumbers the function's local labels from 0 in order of appearance, so two listings compare equal. */
function normalizeLabels(lines: readonly string[]): string {
  const renamed = new Map<string, string>();
  return lines
    .map((line) =>
      line.replace(/\.L[A-Z]*\d+/g, (label) => {
        if (!renamed.has(label)) renamed.set(label, `.N${renamed.size}`);
        return renamed.get(label) as string;
      }),
    )
    .join("\n");
}

interface Compiled {
  /** "directory/file.c" */
  file: string;
  functions: Map<OptimizeLevel, FunctionListing[]>;
  errors: string[];
}

function compileAtLevels(directory: string, name: string, headers: Record<string, string>): Compiled {
  const source = readFileSync(join(root, directory, name), "utf8");
  const compiled: Compiled = { file: `${directory}/${name}`, functions: new Map(), errors: [] };
  for (const optimize of [0, 2] as OptimizeLevel[]) {
    const result = compileToAssembly({ fileName: name, files: { [name]: source }, headers, optimize });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    compiled.errors.push(...errors.map((d) => `-O${optimize}: ${formatDiagnostic(d, { [name]: source })}`));
    compiled.functions.set(optimize, splitFunctions(result.assembly));
  }
  return compiled;
}

/** Why `fn` (from the -O2 listing) was not optimised, or undefined when it was. */
function notOptimisedReason(fn: FunctionListing, atO0: FunctionListing): string | undefined {
  for (const line of fn.lines) {
    const match = NOT_OPTIMISED.exec(line);
    if (match) return match[1];
  }
  if (normalizeLabels(fn.lines) === normalizeLabels(atO0.lines)) return NO_REASON;
  return undefined;
}

describe("optimiser coverage at -O2", () => {
  const headers = loadLibraryHeaders();
  const programs = DIRECTORIES.flatMap((directory) =>
    readdirSync(join(root, directory))
      .filter((name) => name.endsWith(".c"))
      .sort()
      .map((name) => compileAtLevels(directory, name, headers)),
  );

  it("every program compiles at -O0 and -O2", () => {
    expect(programs.flatMap((program) => program.errors)).toEqual([]);
  });

  // -O2 may drop a static function after inlining it everywhere, but it never adds one.
  it("-O2 adds no functions", () => {
    for (const program of programs) {
      const atO0 = new Set((program.functions.get(0) ?? []).map((fn) => fn.name));
      const added = (program.functions.get(2) ?? []).map((fn) => fn.name).filter((name) => !atO0.has(name));
      expect(added, program.file).toEqual([]);
    }
  });

  it(`optimises at least ${MIN_OPTIMISED_FUNCTIONS} functions`, () => {
    let total = 0;
    let optimised = 0;
    let removed = 0;
    const reasons = new Map<string, string[]>();
    for (const program of programs) {
      const atO2 = new Map((program.functions.get(2) ?? []).map((fn) => [fn.name, fn]));
      for (const atO0 of program.functions.get(0) ?? []) {
        total++;
        const fn = atO2.get(atO0.name);
        // A function inlined into all its callers and then dropped ran through the optimiser there.
        if (!fn) {
          optimised++;
          removed++;
          continue;
        }
        const reason = notOptimisedReason(fn, atO0);
        if (reason === undefined) {
          optimised++;
          continue;
        }
        // Reasons start with the function's name, such as "'main' uses long long"; group them without it.
        const key = reason.replace(/^'[^']*' /, "");
        reasons.set(key, [...(reasons.get(key) ?? []), `${program.file}:${fn.name}`]);
      }
    }

    const report = [
      `${optimised} of ${total} functions optimised at -O2 (${removed} of them inlined and dropped); the rest, by reason:`,
    ];
    const byCount = [...reasons].sort((a, b) => b[1].length - a[1].length);
    for (const [reason, functions] of byCount) {
      const shown = functions.slice(0, 6).join(", ");
      const more = functions.length > 6 ? `, and ${functions.length - 6} more` : "";
      report.push(`  ${functions.length} x ${reason}: ${shown}${more}`);
    }
    console.log(report.join("\n"));
    expect(optimised).toBeGreaterThanOrEqual(MIN_OPTIMISED_FUNCTIONS);
  });
});
