// Builds apps with our own compiler and linker (build() from src/builder)
// and boots them in one reused emulator, for the library OS tests that
// check our pipeline next to gcc.
import { build } from "../../src/builder/build";
import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator, RunEnd } from "../../src/emulator";

export interface PipelineRun {
  output: string;
  end: RunEnd;
  /** Warnings and errors from the build, formatted as file:line:col: severity: message. */
  diagnostics: string[];
  imageBytes: number;
  bootInstructions?: number;
}

export interface PipelineBooter {
  run(source: string, options?: { input?: string; timeoutMs?: number }): Promise<PipelineRun>;
  dispose(): void;
}

export async function createPipelineBooter(): Promise<PipelineBooter> {
  const library: LibraryBundle = await loadNodeLibrary();
  const emulator: Emulator = await createNodeEmulator();
  return {
    async run(source, options = {}) {
      const result = build({ files: { "app.c": source } }, library);
      const diagnostics = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
      if (!result.image) throw new Error(`build failed:\n${diagnostics.join("\n")}`);
      let output = "";
      const run = await emulator.run(result.image, {
        timeoutMs: options.timeoutMs ?? 10_000,
        onOutput: (bytes) => (output += Buffer.from(bytes).toString("latin1")),
        onBoot: () => {
          if (options.input !== undefined) emulator.sendInput(options.input);
        },
      });
      return { output, end: run.end, diagnostics, imageBytes: result.image.length, bootInstructions: run.boot?.bootInstructions };
    },
    dispose: () => emulator.dispose(),
  };
}
