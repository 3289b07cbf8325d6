// Guest faults end in a report naming the fault, the function and the
// source line, and the same emulator runs the next program. Programs are
// built with our compiler, assembler and linker against the library OS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { build } from "../../src/builder/build";
import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator, GuestFault, RunEnd } from "../../src/emulator";

let library: LibraryBundle;
let emulator: Emulator;

beforeAll(async () => {
  library = await loadNodeLibrary();
  emulator = await createNodeEmulator();
});

afterAll(() => emulator?.dispose());

/**
 * Assembly helpers, one per fault, each with a `.loc` row on the faulting
 * instruction so the line table points at it.
 */
const FAULT_ROUTINES: Record<string, string[]> = {
  do_ud2: ["ud2"],
  do_gp: ["movw $0x1234, %ax", "movw %ax, %ds"],
  // sidt works in ring 3 and the IDT is in memory main can write: clearing
  // every gate makes the #UD undeliverable, a triple fault on real hardware.
  do_triple: ["subl $8, %esp", "sidt (%esp)", "movl 2(%esp), %edi", "movl $512, %ecx", "xorl %eax, %eax", "rep stosl", "ud2"],
  // Clearing the #UD (6) and #NP (11) gates: delivering #UD raises #NP, whose delivery fails with a double fault.
  do_double: ["subl $8, %esp", "sidt (%esp)", "movl 2(%esp), %edi", "movl $0, 52(%edi)", "movl $0, 92(%edi)", "ud2"],
  // v86 throws from inside its CPU loop on a write to port 0xF4.
  do_port_f4: ["movb $0, %al", "outb %al, $0xf4"],
};

/** Returns the assembly source and, per routine, the line of its last (faulting) instruction. */
function faultAssembly(): { text: string; lines: Record<string, number> } {
  const text: string[] = ['  .file 1 "faults.s"', "  .text"];
  const lines: Record<string, number> = {};
  for (const [name, instructions] of Object.entries(FAULT_ROUTINES)) {
    text.push(`  .globl ${name}`, `  .type ${name}, @function`, `${name}:`);
    for (const instruction of instructions) {
      text.push(`  .loc 1 ${text.length + 2} 3`, `  ${instruction}`);
      lines[name] = text.length;
    }
    text.push("  ret", `  .size ${name}, . - ${name}`);
  }
  return { text: text.join("\n") + "\n", lines };
}

const MAIN = `#include <stdio.h>
#include <stdlib.h>

void do_ud2(void);
void do_gp(void);
void do_triple(void);
void do_port_f4(void);
void do_double(void);

int divide(int a, int b) {
  return a / b;
}

int recurse(int depth) {
  volatile char pad[256];
  pad[0] = (char)depth;
  return recurse(depth + 1) + pad[0];
}

int main(void) {
  int which = WHICH;
  printf("start\\n");
  if (which == 0) return divide(7, 0);
  if (which == 1) do_ud2();
  if (which == 2) do_gp();
  if (which == 3) return *(volatile int *)0;
  if (which == 4) return recurse(0);
  if (which == 5) do_triple();
  if (which == 6) do_port_f4();
  if (which == 7) do_double();
  if (which == 8) { char *p = malloc(16); free(p); free(p); }
  if (which == 9) abort();
  if (which == 10) { char *q = malloc(16); for (int i = 0; i < 64; i++) q[i] = 'A'; free(q); }
  return 3;
}
`;
const MAIN_LINES = MAIN.split("\n");
const lineOf = (text: string): number => MAIN_LINES.findIndex((line) => line.includes(text)) + 1;

async function runProgram(which: number): Promise<{ end: RunEnd; fault?: GuestFault; output: string }> {
  const assembly = faultAssembly();
  // -O0 keeps every function out of line, so the backtraces name each one (-O2 inlines the small ones).
  const result = build({ files: { "main.c": MAIN.replace("WHICH", String(which)), "faults.s": assembly.text }, optimize: 0 }, library);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  if (!result.image) throw new Error("no image");
  let output = "";
  const decoder = new TextDecoder();
  const run = await emulator.run(result.image, { timeoutMs: 10_000, onOutput: (bytes) => (output += decoder.decode(bytes)) });
  return { end: run.end, fault: run.fault, output };
}

async function expectReusable(): Promise<void> {
  const after = await runProgram(99);
  expect(after.end).toEqual({ reason: "exit", exitCode: 3 });
  expect(after.output).toBe("start\n");
  expect(after.fault).toBeUndefined();
}

const asmLines = faultAssembly().lines;

describe("guest faults", () => {
  it("divide error names divide and its line", async () => {
    const { end, fault, output } = await runProgram(0);
    expect(end).toEqual({ reason: "panic", exitCode: 136 });
    expect(output).toMatch(/^start\npanic: divide error \(vector 0, error code 0x0\) at eip 0x[0-9a-f]{8}\n/);
    expect(fault).toMatchObject({ name: "divide error", vector: 0, function: "divide", file: "main.c", line: lineOf("return a / b;") });
    expect(fault?.backtrace?.slice(0, 2)).toMatchObject([
      { function: "divide", file: "main.c", line: lineOf("return a / b;") },
      { function: "main", file: "main.c", line: lineOf("return divide(7, 0);") },
    ]);
    await expectReusable();
  });

  it("invalid opcode names the routine", async () => {
    const { end, fault } = await runProgram(1);
    expect(end).toEqual({ reason: "panic", exitCode: 132 });
    expect(fault).toMatchObject({ name: "invalid opcode", vector: 6, function: "do_ud2", file: "faults.s", line: asmLines.do_ud2, column: 3 });
    await expectReusable();
  });

  it("general protection fault names the routine", async () => {
    const { end, fault } = await runProgram(2);
    expect(end).toEqual({ reason: "panic", exitCode: 139 });
    expect(fault).toMatchObject({ name: "general protection fault", vector: 13, function: "do_gp", file: "faults.s", line: asmLines.do_gp });
    await expectReusable();
  });

  it("triple fault is a crash with a location", async () => {
    const { end, fault, output } = await runProgram(5);
    expect(end.reason).toBe("crash");
    expect(output).toBe("start\n");
    expect(fault).toMatchObject({ name: "triple fault", function: "do_triple", file: "faults.s", line: asmLines.do_triple });
    expect(fault?.detail).toMatch(/Unimplemented: #GP handler/);
    await expectReusable();
  });

  it("null pointer read is a page fault", async () => {
    const { end, fault } = await runProgram(3);
    expect(end).toEqual({ reason: "panic", exitCode: 139 });
    expect(fault).toMatchObject({
      name: "page fault",
      vector: 14,
      function: "main",
      file: "main.c",
      line: lineOf("return *(volatile int *)0;"),
      detail: "null pointer read: page 0 is never mapped",
    });
    expect(fault?.backtrace?.[0]).toMatchObject({ address: fault?.eip, function: "main", line: lineOf("return *(volatile int *)0;") });
    await expectReusable();
  });

  it("stack overflow hits the guard page", async () => {
    const { end, fault } = await runProgram(4);
    expect(end).toEqual({ reason: "panic", exitCode: 139 });
    expect(fault).toMatchObject({
      name: "stack overflow",
      vector: 14,
      function: "recurse",
      file: "main.c",
    });
    // The library OS states its stack size in this line, which changes with its layout.
    expect(fault?.detail).toMatch(/^the stack grew past its \d+ [KM]iB into the guard/);
    expect([lineOf("volatile char pad[256];"), lineOf("pad[0] = (char)depth;"), lineOf("return recurse(depth + 1)")]).toContain(fault?.line);
    await expectReusable();
  });

  it("double fault names the routine", async () => {
    // v86 cannot deliver the #NP either, so the run is a crash; the IDT still has its double-fault gate.
    const { end, fault } = await runProgram(7);
    expect(end.reason).toBe("crash");
    expect(fault).toMatchObject({ name: "double fault", function: "do_double", file: "faults.s", line: asmLines.do_double });
    await expectReusable();
  });

  it("heap double free names the call site", async () => {
    const { end, fault, output } = await runProgram(8);
    expect(end).toEqual({ reason: "panic", exitCode: 134 });
    expect(output).toBe("start\npanic: free: pointer already freed\n");
    expect(fault).toMatchObject({ name: "free: pointer already freed", function: "main", file: "main.c", line: lineOf("free(p); free(p);") });
    expect(fault?.vector).toBeUndefined();
    await expectReusable();
  });

  it("heap overflow names the freeing call", async () => {
    const { end, fault, output } = await runProgram(10);
    expect(end).toEqual({ reason: "panic", exitCode: 134 });
    expect(output).toBe("start\npanic: free: heap overflow: bytes written past the end of the block\n");
    expect(fault).toMatchObject({
      name: "free: heap overflow: bytes written past the end of the block",
      function: "main",
      file: "main.c",
      line: lineOf("free(q);"),
    });
    await expectReusable();
  });

  it("abort names the call site", async () => {
    const { end, fault } = await runProgram(9);
    expect(end).toEqual({ reason: "panic", exitCode: 134 });
    expect(fault).toMatchObject({ function: "main", file: "main.c", line: lineOf("abort();") });
    await expectReusable();
  });

  it("v86 runtime error is a crash with a location", async () => {
    const { end, fault } = await runProgram(6);
    expect(end.reason).toBe("crash");
    expect(fault).toMatchObject({ name: "emulator error", function: "do_port_f4", file: "faults.s", line: asmLines.do_port_f4 });
    await expectReusable();
  });
});
