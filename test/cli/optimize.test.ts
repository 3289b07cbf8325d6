// The -O options of `ukp`: how they parse, and that the chosen level reaches
// build() and the compiler. The builder's exports are wrapped in spies that
// call the real functions, so the builds here are real.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("../../src/builder/build", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/builder/build")>();
  return { ...original, build: vi.fn(original.build), compileObject: vi.fn(original.compileObject) };
});
vi.mock("../../src/builder/cc", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/builder/cc")>();
  return { ...original, compileToAssembly: vi.fn(original.compileToAssembly) };
});

const { build, compileObject } = await import("../../src/builder/build");
const { compileToAssembly } = await import("../../src/builder/cc");
const { DEFAULT_OPTIMIZE_LEVEL, USAGE, UsageError, parseCommand, parseOptimizeFlag } = await import("../../src/cli/args");
const { buildInputs } = await import("../../src/cli/build-command");
const { ccCommand } = await import("../../src/cli/cc-command");
const { readInputs } = await import("../../src/cli/inputs");

const work = mkdtempSync(join(tmpdir(), "ukp-optimize-"));
const program = join(work, "square.c");
writeFileSync(program, "int square(int x) { return x * x; }\nint main(void) { return square(7) - 49; }\n");

afterEach(() => {
  vi.mocked(build).mockClear();
  vi.mocked(compileObject).mockClear();
  vi.mocked(compileToAssembly).mockClear();
});

describe("-O option parsing", () => {
  it.each([
    ["-O0", 0],
    ["-O1", 1],
    ["-O2", 2],
    ["-O", 2],
  ] as const)("%s is level %i", (flag, level) => {
    expect(parseOptimizeFlag(flag)).toBe(level);
    expect(parseCommand("build", ["a.c", flag]).optimize).toBe(level);
  });

  it("defaults to -O2", () => {
    expect(DEFAULT_OPTIMIZE_LEVEL).toBe(2);
    expect(parseCommand("run", ["a.c"]).optimize).toBeUndefined();
  });

  it("takes the last level given", () => {
    const parsed = parseCommand("run", ["-O2", "a.c", "-O0", "--timeout", "5", "-O1"]);
    expect(parsed.optimize).toBe(1);
    expect(parsed.optimizeFlag).toBe("-O1");
    expect(parsed.inputs).toEqual(["a.c"]);
    expect(parsed.timeoutSeconds).toBe(5);
  });

  it("is accepted by every command", () => {
    expect(parseCommand("build", ["a.c", "-O0"]).optimize).toBe(0);
    expect(parseCommand("run", ["a.c", "-O0"]).optimize).toBe(0);
    const cc = parseCommand("cc", ["a.c", "-S", "-O0"]);
    expect(cc.optimize).toBe(0);
    expect(cc.mode).toBe("-S");
  });

  it.each([
    ["-O3", "use -O2, the highest level"],
    ["-Ofast", "use -O2, the highest level"],
    ["-Os", "ukp has no level tuned for size; use -O2"],
    ["-Oz", "ukp has no level tuned for size; use -O2"],
    ["-Og", "use -O0 to keep the code close to the source, or -O1"],
    ["-O4", "use -O0, -O1 or -O2"],
    ["-O02", "use -O0, -O1 or -O2"],
  ])("rejects %s", (flag, advice) => {
    const attempt = () => parseCommand("build", ["a.c", flag]);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(`unsupported optimisation option '${flag}': ukp accepts -O0, -O1, -O2 and -O (the same as -O2); ${advice}`);
  });

  it("lists the levels in the usage text", () => {
    expect(USAGE).toContain("ukp build FILES... [-O0|-O1|-O2]");
    expect(USAGE).toContain("ukp cc FILE (-c | -S | -E) [-O0|-O1|-O2]");
    expect(USAGE).toMatch(/^ {2}-O0, -O1, -O2 +optimisation level of the C compiler \(build, run, cc;$/m);
  });
});

describe("-O level reaching the builder", () => {
  it.each([0, 1, 2] as const)("buildInputs passes -O%i to build()", async (level) => {
    const inputs = await readInputs([program]);
    const result = await buildInputs(inputs, { gcSections: true, optimize: level });
    expect(result.ok).toBe(true);
    expect(vi.mocked(build)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(build).mock.calls[0][0].optimize).toBe(level);
    expect(vi.mocked(build).mock.calls[0][0].gcSections).toBe(true);
  });

  it("cc -S passes the level to the compiler", async () => {
    const output = join(work, "square0.s");
    const status = await ccCommand(parseCommand("cc", [program, "-S", "-O0", "-o", output]));
    expect(status).toBe(0);
    expect(vi.mocked(compileToAssembly)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(compileToAssembly).mock.calls[0][0].optimize).toBe(0);
    expect(readFileSync(output, "utf8")).toMatch(/^square:/m);
  });

  it("cc -S compiles at -O2 without -O", async () => {
    const status = await ccCommand(parseCommand("cc", [program, "-S", "-o", join(work, "square2.s")]));
    expect(status).toBe(0);
    expect(vi.mocked(compileToAssembly).mock.calls[0][0].optimize).toBe(2);
  });

  it("cc -c passes the level to compileObject", async () => {
    const status = await ccCommand(parseCommand("cc", [program, "-c", "-O1", "-o", join(work, "square1.o")]));
    expect(status).toBe(0);
    expect(vi.mocked(compileObject)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(compileObject).mock.calls[0][4]).toBe(1);
  });
});
