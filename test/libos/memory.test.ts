// Apps whose image reaches past the first 4 MiB (large static arrays):
// paging must map the image above 4 MiB, keep the stack guard unmapped
// there, and report an image that leaves no room for the guard and the
// stack with a panic that names the RAM to ask for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { build } from "../../src/builder/build";
import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator, RunResult } from "../../src/emulator";

const MIB = 1 << 20;

function bigArrayApp(mib: number): string {
  return `#include <stdio.h>
static char big[${mib} << 20];
int main(void) { big[sizeof big - 1] = 7; printf("%d\\n", big[sizeof big - 1] + big[0]); return 0; }
`;
}

/** Touches a 24 MiB array and 1 MiB of heap, then recurses into the guard. */
const OVERFLOW_APP = `#include <stdio.h>
#include <stdlib.h>
static char big[24 << 20];
int down(int n) { volatile char pad[256]; pad[0] = n; return down(n + 1) + pad[0]; }
int main(void) {
  char *p = malloc(1 << 20);
  p[(1 << 20) - 1] = 3;
  big[5] = 4;
  printf("%d\\n", p[(1 << 20) - 1] + big[5]);
  return down(0);
}
`;

describe("images larger than 4 MiB", () => {
  let library: LibraryBundle;
  const emulators = new Map<number, Emulator>();

  beforeAll(async () => {
    library = await loadNodeLibrary();
  });

  afterAll(() => {
    for (const emulator of emulators.values()) emulator.dispose();
  });

  async function run(source: string, memoryMib: number): Promise<{ output: string; result: RunResult }> {
    const built = build({ files: { "app.c": source } }, library);
    if (!built.image) throw new Error(`build failed: ${built.diagnostics.map((d) => d.message).join("; ")}`);
    let emulator = emulators.get(memoryMib);
    if (!emulator) {
      emulator = await createNodeEmulator(memoryMib * MIB);
      emulators.set(memoryMib, emulator);
    }
    let output = "";
    const result = await emulator.run(built.image, {
      timeoutMs: 20_000,
      onOutput: (bytes) => (output += Buffer.from(bytes).toString("latin1")),
    });
    return { output, result };
  }

  it("runs an app with a 24 MiB .bss in 128 MiB of RAM", async () => {
    const { output, result } = await run(bigArrayApp(24), 128);
    expect(output).toBe("7\n");
    expect(result.end).toEqual({ reason: "exit", exitCode: 0 });
  }, 60_000);

  it("runs an app with a 24 MiB .bss in the default 32 MiB", async () => {
    const { output, result } = await run(bigArrayApp(24), 32);
    expect(output).toBe("7\n");
    expect(result.end).toEqual({ reason: "exit", exitCode: 0 });
  }, 60_000);

  it("keeps the stack guard unmapped above 4 MiB", async () => {
    const { output, result } = await run(OVERFLOW_APP, 128);
    const lines = output.split("\n");
    expect(lines[0]).toBe("7");
    expect(lines[1]).toMatch(/^panic: stack overflow \(vector 14, error code 0x6\) at eip 0x[0-9a-f]{8}$/);
    expect(lines[2]).toBe("the stack grew past its 1 MiB into the guard below it");
    expect(result.end).toEqual({ reason: "panic", exitCode: 139 });
  }, 60_000);

  it("panics naming the RAM needed when the guard and stack do not fit", async () => {
    // The image ends at 31,784 KiB, below the 32 MiB the host checks; the
    // guard and the stack would end past RAM.
    const { output, result } = await run(bigArrayApp(30), 32);
    expect(output).toBe(
      "panic: image needs 33 MiB of RAM: run with --memory 33 or more, or make static arrays smaller\n" +
        "the image ends at 31784 KiB, then come the 256 KiB stack guard and the 1 MiB stack, but RAM ends at 32768 KiB\n",
    );
    expect(result.end).toEqual({ reason: "panic", exitCode: 134 });
  }, 60_000);

  it("boots with exactly the RAM the panic names", async () => {
    const { output, result } = await run(bigArrayApp(30), 33);
    expect(output).toBe("7\n");
    expect(result.end).toEqual({ reason: "exit", exitCode: 0 });
  }, 60_000);
});
