// Loads v86's WebAssembly module and creates the page's one emulator, which
// every Run reuses.
import v86WasmUrl from "v86/build/v86.wasm?url";
import { createEmulator, type Emulator } from "../emulator";

export async function loadEmulator(): Promise<Emulator> {
  const response = await fetch(v86WasmUrl);
  if (!response.ok) throw new Error(`fetching ${response.url} failed: HTTP ${response.status}`);
  // Compiling from bytes instead of compileStreaming also works when a
  // server sends v86.wasm without the application/wasm content type.
  const wasm = await WebAssembly.compile(await response.arrayBuffer());
  return createEmulator({ wasm });
}
