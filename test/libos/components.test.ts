// Specialisation: built by our own pipeline, an app links only the library
// OS members it reaches, and the link map names each member's component.
import { beforeAll, describe, expect, it } from "vitest";

import { build } from "../../src/builder/build";
import type { BuildResult, LibraryBundle } from "../../src/builder/types";
import { loadNodeLibrary } from "../../src/cli/node-library";
import { createPipelineBooter } from "./pipeline";

let library: LibraryBundle;

function buildApp(source: string): BuildResult {
  const result = build({ files: { "app.c": source } }, library);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result;
}

/** Returns the libos.a members in the link map with their components, as "member component" strings. */
function linkedMembers(result: BuildResult): Set<string> {
  const members = new Set<string>();
  for (const section of result.linkMap!.sections) {
    for (const input of section.inputs) {
      const match = /^libos\.a\((.+)\)$/.exec(input.object);
      if (match) members.add(`${match[1]} ${input.component}`);
    }
  }
  return members;
}

describe("library OS specialisation", () => {
  beforeAll(async () => {
    library = await loadNodeLibrary();
  });

  it("hello world pulls no timer, heap or formatter", () => {
    const result = buildApp(`#include <stdio.h>
int main(void) { puts("hello, world"); return 0; }`);
    const members = linkedMembers(result);
    for (const expected of ["start.o boot", "init.o boot", "trap.o faults", "paging.o faults", "uart.o console", "puts.o libc/stdio"]) {
      expect(members).toContain(expected);
    }
    for (const member of [...members]) {
      expect(member).not.toMatch(/^(timer|irq|vga|keyboard|console|malloc|format|format_float|pci|atexit)\.o /);
    }
    expect(result.image!.length).toBeLessThanOrEqual(8192);
  });

  it("hello world boots within 5,000 instructions", async () => {
    const booter = await createPipelineBooter();
    try {
      const run = await booter.run(`#include <stdio.h>
int main(void) { puts("hello, world"); return 0; }`);
      expect(run.output).toBe("hello, world\n");
      expect(run.bootInstructions).toBeGreaterThan(0);
      expect(run.bootInstructions).toBeLessThanOrEqual(5000);
      expect(run.imageBytes).toBeLessThanOrEqual(8192);
    } finally {
      booter.dispose();
    }
  });

  it("timer app pulls the timer and IRQs but not VGA", () => {
    const members = linkedMembers(buildApp(`#include <unikernel.h>
int main(void) { sleep_ms(1); return 0; }`));
    expect(members).toContain("timer.o time");
    expect(members).toContain("irq.o interrupts");
    expect([...members].some((m) => m.startsWith("vga.o"))).toBe(false);
    expect([...members].some((m) => m.startsWith("format.o"))).toBe(false);
  });

  it("every linked member has a component", () => {
    const result = buildApp(`#include <stdio.h>
#include <math.h>
#include <stdlib.h>
int main(void) { char b[8]; printf("%f", sqrt(2.0)); return sscanf("1", "%7s", b) + atexit(0); }`);
    for (const section of result.linkMap!.sections) {
      for (const input of section.inputs) {
        if (input.object.startsWith("libos.a(")) expect(input.component, input.object).not.toBe("libos.a");
      }
    }
    const members = linkedMembers(result);
    expect(members).toContain("sqrt.o libc/math");
    expect(members).toContain("sscanf.o libc/stdio");
    expect(members).toContain("atexit.o libc/stdlib");
  });
});
