// Every gallery example builds with our toolchain, boots in v86 under Node
// and prints what its `expect` promises; the browser test runs them again
// through the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/builder/build";
import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator } from "../../src/emulator";
import { EXAMPLES } from "../../src/editor/examples";

let library: LibraryBundle;
let emulator: Emulator;

beforeAll(async () => {
  library = await loadNodeLibrary();
  emulator = await createNodeEmulator();
});

afterAll(() => emulator?.dispose());

describe("examples gallery", () => {
  it("has at least 12 examples with unique ids", () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
  });

  for (const example of EXAMPLES) {
    it(`${example.id} prints what it promises`, async () => {
      const built = build({ files: example.files }, library);
      expect(built.diagnostics.filter((d) => d.severity !== "note").map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([]);
      expect(built.ok).toBe(true);

      let output = "";
      let inputSent = false;
      const result = await emulator.run(built.image!, {
        timeoutMs: 20_000,
        onOutput: (bytes) => {
          output += new TextDecoder().decode(bytes);
          if (example.input !== undefined && !inputSent) {
            inputSent = true;
            emulator.sendInput(example.input);
          }
        },
      });
      const lines = output.replace(/\r/g, "").split("\n");
      for (const [index, pattern] of example.expect.entries()) {
        expect(lines[index], `line ${index + 1} of ${JSON.stringify(output)}`).toMatch(pattern);
      }
      if (example.exit === "panic") {
        expect(["panic", "crash"], JSON.stringify(result.end)).toContain(result.end.reason);
      } else {
        expect(result.end).toEqual({ reason: "exit", exitCode: example.exit });
      }
    });
  }
});
