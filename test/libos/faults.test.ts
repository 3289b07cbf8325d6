// CPU faults in apps built by gcc and by our own pipeline: each prints its
// exact panic text, reports the faulting EIP on port 0x503 before the panic
// event and exits with the signal-style status; one reused emulator keeps
// working after every fault.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { build } from "../../src/builder/build";
import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator } from "../../src/emulator";
import { buildImageWithSymbols, missingToolchain, type BuiltImage } from "./gcc-image";
import { bootInV86 } from "./v86-boot";

const missing = missingToolchain();
if (missing) console.log(`libos gcc fault tests skipped: ${missing}`);

const EVENT_MAIN = 1;
const EVENT_PANIC = 2;
const REGISTERS = /^eax=[0-9a-f]{8} ebx=[0-9a-f]{8} ecx=[0-9a-f]{8} edx=[0-9a-f]{8}$/;
const MORE_REGISTERS = /^esi=[0-9a-f]{8} edi=[0-9a-f]{8} ebp=[0-9a-f]{8} esp=[0-9a-f]{8}$/;

interface FaultCase {
  name: string;
  source: string;
  /** The function the faulting instruction lies in. */
  faultIn: string;
  title: string;
  detail?: string;
  errorCode: number;
  vector: number;
  exitCode: number;
  /** The expected cr2 value, printed for page faults only. */
  cr2?: number | "guard";
}

const CASES: FaultCase[] = [
  {
    name: "null write",
    source: `void crash(int *p) { *p = 1; }
int main(void) { crash(0); return 0; }`,
    faultIn: "crash",
    title: "page fault",
    detail: "null pointer write: page 0 is never mapped",
    vector: 14,
    errorCode: 6,
    exitCode: 139,
    cr2: 0,
  },
  {
    name: "null read",
    source: `int crash(int *p) { return p[3]; }
int main(void) { return crash(0); }`,
    faultIn: "crash",
    title: "page fault",
    detail: "null pointer read: page 0 is never mapped",
    vector: 14,
    errorCode: 4,
    exitCode: 139,
    cr2: 12,
  },
  {
    name: "divide by zero",
    source: `int crash(int a, int b) { return a / b; }
int main(void) { return crash(1, 0); }`,
    faultIn: "crash",
    title: "divide error",
    vector: 0,
    errorCode: 0,
    exitCode: 136,
  },
  {
    name: "invalid opcode",
    source: `void crash(void) { __asm__ volatile("ud2"); }
int main(void) { crash(); return 0; }`,
    faultIn: "crash",
    title: "invalid opcode",
    vector: 6,
    errorCode: 0,
    exitCode: 132,
  },
  {
    name: "stack overflow",
    source: `int crash(int n) { volatile char pad[100]; pad[0] = n; return n < 0 ? 0 : crash(n + 1) + pad[0]; }
int main(void) { return crash(0); }`,
    faultIn: "crash",
    title: "stack overflow",
    detail: "the stack grew past its 1 MiB into the guard below it",
    vector: 14,
    errorCode: 6,
    exitCode: 139,
    cr2: "guard",
  },
];

function hex8(value: number): string {
  return value.toString(16).padStart(8, "0");
}

/** Returns the symbol whose address is the greatest one not above address. */
function functionAt(symbols: Map<string, number>, address: number): string | undefined {
  let best: string | undefined;
  let bestAddress = -1;
  for (const [name, value] of symbols) {
    if (value <= address && value > bestAddress && !name.startsWith(".")) {
      best = name;
      bestAddress = value;
    }
  }
  return best;
}

/** Checks the panic text line by line against the case, with the EIP the guest reported. */
function expectPanicText(output: string, c: FaultCase, eip: number, built?: BuiltImage): void {
  const lines = output.split("\n");
  let i = 0;
  expect(lines[i++]).toBe(`panic: ${c.title} (vector ${c.vector}, error code 0x${c.errorCode.toString(16)}) at eip 0x${hex8(eip)}`);
  if (c.detail) expect(lines[i++]).toBe(c.detail);
  expect(lines[i++]).toMatch(REGISTERS);
  expect(lines[i++]).toMatch(MORE_REGISTERS);
  const flags = lines[i++];
  if (c.cr2 === undefined) {
    expect(flags).toMatch(/^eflags=[0-9a-f]{8} cs=0000001b$/);
  } else {
    const match = /^eflags=[0-9a-f]{8} cs=0000001b cr2=([0-9a-f]{8})$/.exec(flags);
    expect(match, flags).not.toBeNull();
    const cr2 = parseInt(match![1], 16);
    if (c.cr2 === "guard" && built) {
      // The 256 KiB guard starts at the first page boundary after the image.
      const guard = Math.ceil(built.symbols.get("_end")! / 4096) * 4096;
      expect(cr2 - guard).toBeGreaterThanOrEqual(0);
      expect(cr2 - guard).toBeLessThan(256 * 1024);
    } else if (c.cr2 !== "guard") {
      expect(cr2).toBe(c.cr2);
    }
  }
  expect(lines[i++]).toBe("backtrace:");
  expect(lines[i++]).toBe(`  0x${hex8(eip)}`);
  const frames = lines.slice(i, -1);
  expect(lines[lines.length - 1]).toBe("");
  expect(frames.length).toBeGreaterThanOrEqual(1);
  for (const frame of frames) expect(frame).toMatch(/^ {2}0x[0-9a-f]{8}$/);
  if (built && c.name !== "stack overflow") {
    // crash's caller is main, and main's caller is the start-up code.
    expect(functionAt(built.symbols, parseInt(frames[0], 16))).toBe("main");
    expect(functionAt(built.symbols, parseInt(frames[1], 16))).toBe("run_main");
  }
}

describe.skipIf(missing !== undefined)("faults in gcc-built apps", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const built = buildImageWithSymbols(c.source, ["-O0"]);
      const run = await bootInV86(built.image);
      expect(run.timedOut).toBe(false);
      expect(run.exitCode).toBe(c.exitCode);
      expect(run.events).toEqual([EVENT_MAIN, EVENT_PANIC]);
      expect(run.faultEip).toBeDefined();
      expect(functionAt(built.symbols, run.faultEip!)).toBe(c.faultIn);
      expectPanicText(run.output, c, run.faultEip!, built);
    });
  }

  it("deep recursion fits the 1 MiB stack", async () => {
    const run = await bootInV86(buildImageWithSymbols(`#include <stdio.h>
int sum(int n) { return n ? n + sum(n - 1) : 0; }
int main(void) { int local[5000]; local[4999] = 1; printf("%d %d\\n", sum(10000), local[4999]); return 0; }`, ["-O0"]).image);
    expect(run.output).toBe("50005000 1\n");
    expect(run.exitCode).toBe(0);
  });

  it("large frame lands in the guard", async () => {
    const run = await bootInV86(buildImageWithSymbols(`#include <stdio.h>
int main(void) { volatile char big[1100000]; big[0] = 1; printf("still alive %d\\n", big[0]); return 0; }`, ["-O0"]).image);
    expect(run.output.split("\n")[0]).toMatch(/^panic: stack overflow \(vector 14, error code 0x[67]\) at eip 0x[0-9a-f]{8}$/);
    expect(run.exitCode).toBe(139);
  });

  it("null function pointer call", async () => {
    const built = buildImageWithSymbols(`int main(void) { void (*volatile f)(void) = 0; f(); return 0; }`, ["-O0"]);
    const run = await bootInV86(built.image);
    expect(run.exitCode).toBe(139);
    expect(run.faultEip).toBe(0);
    const lines = run.output.split("\n");
    expect(lines[0]).toBe("panic: page fault (vector 14, error code 0x4) at eip 0x00000000");
    expect(lines[1]).toBe("null function pointer call: page 0 is never mapped");
    expect(lines[5]).toBe("backtrace:");
    expect(lines[6]).toBe("  0x00000000");
    expect(functionAt(built.symbols, parseInt(lines[7], 16))).toBe("main");
  });

  for (const address of ["0x40000000", "0xdeadbeef"]) {
    it(`wild read at ${address}`, async () => {
      const run = await bootInV86(buildImageWithSymbols(`int main(void) { return *(volatile int *)${address}; }`).image);
      expect(run.exitCode).toBe(139);
      expect(run.output.split("\n")[1]).toBe("no RAM or device memory at this address");
    });
  }

  it("wild jump panics", async () => {
    const run = await bootInV86(buildImageWithSymbols(`int main(void) { ((void (*)(void))0xdeadbeef)(); return 0; }`).image);
    expect(run.exitCode).toBe(139);
    expect(run.output.split("\n")[0]).toBe("panic: page fault (vector 14, error code 0x4) at eip 0xdeadbeef");
  });

  for (const guard of [[], ["-mstack-protector-guard=global"]]) {
    it(`stack protector ${guard.length ? "global" : "tls"} guard`, async () => {
      const built = buildImageWithSymbols(`#include <stdio.h>
#include <string.h>
static void fine(const char *s) { char buf[16]; strcpy(buf, s); printf("%s\\n", buf); }
static void smash(const char *s) { char buf[8]; strcpy(buf, s); }
int main(void) { fine("ok"); smash("far too long for an 8-byte buffer"); return 0; }`, ["-O0", "-fstack-protector-all", ...guard]);
      const run = await bootInV86(built.image);
      expect(run.output).toBe("ok\npanic: __stack_chk_fail: stack smashing detected: a local array was written past its end\n");
      expect(run.exitCode).toBe(134);
      expect(functionAt(built.symbols, run.faultEip!)).toBe("smash");
    });
  }

  it("abort reports its call site", async () => {
    const built = buildImageWithSymbols(`#include <stdlib.h>
void crash(void) { abort(); }
int main(void) { crash(); return 0; }`, ["-O0"]);
    const run = await bootInV86(built.image);
    expect(run.output).toBe("abort() called\n");
    expect(run.exitCode).toBe(134);
    expect(functionAt(built.symbols, run.faultEip!)).toBe("crash");
  });
});

describe("faults with our pipeline in one reused emulator", () => {
  let library: LibraryBundle;
  let emulator: Emulator;

  beforeAll(async () => {
    library = await loadNodeLibrary();
    emulator = await createNodeEmulator();
  });

  afterAll(() => emulator?.dispose());

  async function runSource(source: string): Promise<{ output: string; end: unknown }> {
    const result = build({ files: { "app.c": source } }, library);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    let output = "";
    const run = await emulator.run(result.image!, {
      timeoutMs: 10_000,
      onOutput: (bytes) => (output += Buffer.from(bytes).toString("latin1")),
    });
    return { output, end: run.end };
  }

  for (const c of CASES) {
    it(c.name, async () => {
      const { output, end } = await runSource(c.source);
      expect(end).toEqual({ reason: "panic", exitCode: c.exitCode });
      const eip = parseInt(/at eip 0x([0-9a-f]{8})/.exec(output)?.[1] ?? "", 16);
      expectPanicText(output, c, eip);
      const after = await runSource(`#include <stdio.h>
int main(void) { puts("still working"); return 3; }`);
      expect(after.output).toBe("still working\n");
      expect(after.end).toEqual({ reason: "exit", exitCode: 3 });
    });
  }
});
