// The page's optimisation level in Node: the embed parameter, the status
// line, and a RunController that builds with the real builder and boots in
// the real emulator, with a spy on the build requests it sends.
import { describe, expect, it } from "vitest";
import type { OptimizeLevel } from "../../src/builder/cc";
import { build } from "../../src/builder/build";
import type { BuildRequest } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { BuilderClient } from "../../src/editor/builder-client";
import type { CodeEditor } from "../../src/editor/code-editor";
import { parseEmbedOptions } from "../../src/editor/embed/options";
import { RunController } from "../../src/editor/run-controller";
import type { SerialConsole } from "../../src/editor/serial-console";
import { describeReport, StatusLine } from "../../src/editor/status-line";
import { checkWorkspace, optimizeFlag, optimizeLevelOf } from "../../src/editor/workspace";

const PROGRAM = `#include <stdio.h>

static int triangle(int n) {
  int sum = 0;
  for (int i = 1; i <= n; i++) sum += i;
  return sum;
}

int main(void) {
  printf("triangle %d\\n", triangle(20));
  return 4;
}
`;

describe("embed optimize parameter", () => {
  it.each([
    ["0", 0],
    ["1", 1],
    ["2", 2],
    ["-O0", 0],
    ["-O2", 2],
  ] as const)("reads optimize=%s", (value, level) => {
    const options = parseEmbedOptions(`?optimize=${encodeURIComponent(value)}`);
    expect(options.optimize).toBe(level);
    expect(options.invalidOptimize).toBeUndefined();
  });

  it("leaves the level unset without the parameter", () => {
    const options = parseEmbedOptions("?autorun=1");
    expect(options.optimize).toBeUndefined();
    expect(options.invalidOptimize).toBeUndefined();
  });

  it.each(["3", "", "O2", "constructor", "-Os"])("reports optimize=%j as invalid", (value) => {
    const options = parseEmbedOptions(`?optimize=${encodeURIComponent(value)}`);
    expect(options.optimize).toBeUndefined();
    expect(options.invalidOptimize).toBe(value);
  });
});

describe("workspace level", () => {
  it("defaults to -O2", () => {
    expect(optimizeLevelOf({ timeoutMs: 0 })).toBe(2);
    expect(checkWorkspace({ files: { "main.c": "" }, active: "main.c" }).options.optimize).toBe(2);
  });

  it("spells levels as flags", () => {
    expect(optimizeFlag(0)).toBe("-O0");
    expect(optimizeFlag(1)).toBe("-O1");
    expect(optimizeFlag(2)).toBe("-O2");
  });
});

describe("status line level", () => {
  it("names the level first", () => {
    expect(describeReport({ optimize: 0, imageBytes: 1000 })).toEqual(["-O0 build", "image 1,000 bytes"]);
    expect(describeReport({ imageBytes: 1000 })).toEqual(["image 1,000 bytes"]);
  });
});

/** Creates a status line over stand-ins for its two elements, since Node has no DOM. */
function statusLine(): { line: StatusLine; element: { textContent: string; dataset: Record<string, string> } } {
  const element = { textContent: "", dataset: {} as Record<string, string> };
  const progress = { hidden: false, value: 0 };
  return { line: new StatusLine(element as unknown as HTMLElement, progress as unknown as HTMLProgressElement), element };
}

describe("RunController level", () => {
  it("builds and runs at the chosen level", async () => {
    const library = await loadNodeLibrary();
    const emulator = await createNodeEmulator();
    const requests: BuildRequest[] = [];
    const builder: BuilderClient = {
      loadLibrary: async () => library.version,
      build: async (request) => {
        requests.push(request);
        return build(request, library);
      },
      dispose: () => {},
    };
    let output = "";
    const decoder = new TextDecoder();
    const serialConsole = {
      writeBytes: (bytes: Uint8Array) => (output += decoder.decode(bytes, { stream: true })),
      writeText: (text: string) => (output += text),
      flush: async () => {},
      clear: () => (output = ""),
    } as unknown as SerialConsole;
    const codeEditor = {
      files: () => ({ "main.c": PROGRAM }),
      showDiagnostics: () => {},
      showFault: () => {},
    } as unknown as CodeEditor;
    const status = statusLine();
    let level: OptimizeLevel = 0;
    const builtLevels: OptimizeLevel[] = [];
    const controller = new RunController({
      codeEditor,
      serialConsole,
      status: status.line,
      emulator,
      builder: async () => builder,
      discardBuilder: () => {},
      onActivityChange: () => {},
      guestTimeoutMs: () => 20_000,
      optimizeLevel: () => level,
      observer: { onBuild: (_result, _files, optimize) => builtLevels.push(optimize) },
    });

    try {
      await controller.run();
      const unoptimisedOutput = output;
      expect(status.element.textContent).toMatch(/^-O0 build · compile /);
      expect(status.element.textContent).toMatch(/ · exited with code 4$/);

      level = 2;
      await controller.run();
      expect(status.element.textContent).toMatch(/^-O2 build · compile /);
      expect(controller.lastReport?.optimize).toBe(2);

      expect(requests.map((request) => request.optimize)).toEqual([0, 2]);
      expect(builtLevels).toEqual([0, 2]);
      expect(unoptimisedOutput).toBe("triangle 210\n");
      expect(output).toBe("triangle 210\n");
    } finally {
      emulator.dispose();
    }
  });
});
