// The emulator's public API: the page and the `ukp` command import from here.
export { createEmulator } from "./emulator";
export { ImageError, checkMultibootImage } from "./image";
export * from "./types";
export { describeFault, describeFrame } from "./faults";
export { describeLocation, locateAddress, readImageSymbols } from "./symbols";
export type { ImageSymbols, SourceLocation } from "./symbols";
