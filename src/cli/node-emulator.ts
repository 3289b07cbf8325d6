// Creates the emulator in Node, where v86's wasm comes from the v86 package on disk.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

import { createEmulator } from "../emulator";
import type { Emulator, WasmModule } from "../emulator";

let compiled: Promise<WasmModule> | undefined;

/** Compiles v86.wasm once per process; every emulator instantiates the same module. */
export function loadV86Wasm(): Promise<WasmModule> {
  compiled ??= (async () => {
    const path = createRequire(import.meta.url).resolve("v86/build/v86.wasm");
    return WebAssembly.compile(await readFile(path));
  })();
  return compiled;
}

export async function createNodeEmulator(memoryBytes?: number): Promise<Emulator> {
  return createEmulator({ wasm: await loadV86Wasm(), memoryBytes });
}
