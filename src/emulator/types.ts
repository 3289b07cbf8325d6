// The contract between the emulator wrapper and its callers (the page and
// the `ukp` command), and between the host and the library OS in the guest.

/** I/O ports the library OS writes to tell the host what happened. */
export const GUEST_PORTS = {
  /** `outb(code, 0x501)`: the guest exits with `code` (0–255), then runs `cli; hlt`. */
  exit: 0x501,
  /** `outb(event, 0x502)`: one of GUEST_EVENTS. */
  event: 0x502,
  /**
   * `outl(eip, 0x503)` before the panic event: the faulting instruction of
   * a CPU exception, or the call site of abort(), assert() and heap panics.
   */
  faultEip: 0x503,
  /** `outb(vector, 0x504)` before the fault address, for CPU exceptions only. */
  faultVector: 0x504,
  /**
   * `inb(0x505)` reads 0 when the console input is not interactive (`ukp
   * run` with piped stdin), so the guest should not echo what it reads. It
   * reads 1 for a terminal or the page. Unregistered ports read 0xFF in v86.
   */
  consoleInteractive: 0x505,
} as const;

export const GUEST_EVENTS = {
  /** The library OS is about to call `main`; the host records boot metrics. */
  mainReached: 1,
  /** The library OS is panicking (CPU exception or abort); an exit code follows. */
  panic: 2,
} as const;

/**
 * Process exit statuses of `ukp run` that are not the guest's own exit code.
 * A library OS panic exits through the exit port with 128 + a Unix signal
 * number, as a shell reports a process killed by a signal.
 */
export const HOST_EXIT_STATUS = {
  timeout: 124,
  /** The emulator itself failed: a triple fault or a v86 RuntimeError. */
  crash: 125,
  /** The guest halted with interrupts off without writing an exit code. */
  haltWithoutExit: 0,
} as const;

export type RunEnd =
  | { reason: "exit"; exitCode: number }
  | { reason: "panic"; exitCode: number }
  | { reason: "halt" }
  /** `address` is the linear address of the instruction v86 was executing. */
  | { reason: "crash"; message: string; address: number }
  | { reason: "timeout" }
  | { reason: "stopped" };

export interface BootMetrics {
  /** Guest instructions from the first instruction of the image to the `main` event. */
  bootInstructions: number;
  /**
   * Microseconds of v86's TSC that passed inside the emulator's time
   * slices from the image's first instruction to the `main` event; the
   * host time between slices, when v86 yields to the event loop, is left
   * out. That TSC is a 1 GHz clock derived from host time, so the value
   * still includes how fast the host ran the guest (JIT compilation
   * included); bootInstructions is the exact, repeatable figure.
   */
  bootGuestMicros: number;
}

/**
 * A guest fault: a CPU exception the library OS reported, or one v86 could
 * not deliver. The source fields come from the image's `.symtab` and
 * `.debug_line`; each is absent when the image does not cover the address.
 */
export interface GuestFault {
  /** The fault's name, e.g. "page fault", "divide error", "stack overflow", "triple fault", "emulator error". */
  name: string;
  /** The CPU exception vector, when known. */
  vector?: number;
  /** Linear address of the faulting instruction. */
  eip: number;
  /** The function containing `eip`. */
  function?: string;
  /** Source file, 1-based line and column of `eip`. */
  file?: string;
  line?: number;
  column?: number;
  /** One line of detail: the library OS's explanation or panic line, or v86's own message. */
  detail?: string;
  /**
   * The library OS's backtrace, innermost first: the faulting instruction,
   * then each caller's return address, located at the call instruction.
   */
  backtrace?: FaultFrame[];
}

export interface FaultFrame {
  address: number;
  function?: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface RunResult {
  end: RunEnd;
  /** Set when the run ended with a CPU exception (reason "panic" or "crash") and the faulting address is known. */
  fault?: GuestFault;
  /** Boot metrics, absent when the guest never reached `main`. */
  boot?: BootMetrics;
  /**
   * All guest instructions the run executed, including the rest of the time
   * slice in which it ended (the `cli; hlt` after an exit write).
   */
  instructions: number;
  /** Host wall milliseconds from the guest's start to its first COM1 byte, if any. */
  firstOutputMs?: number;
  /** Host wall milliseconds from the guest's start to the end of the run. */
  wallMs: number;
  /** Host wall milliseconds spent before the guest's start: clearing RAM, resetting the CPU, loading the image. */
  resetMs: number;
}

/** The VGA text screen: 80x25 cells, characters decoded as code page 437. */
export interface TextScreen {
  columns: number;
  rows: number;
  /** One string of `columns` characters per row. */
  lines: string[];
  /** The attribute byte of each cell, row by row: background colour in bits 4–7, foreground in bits 0–3. */
  attributes: Uint8Array;
}

export interface RunOptions {
  /** Host wall-clock limit in milliseconds, at most 2^31 - 1; the run ends with reason "timeout" past it. */
  timeoutMs?: number;
  /** Whether a person types at the console (default true); the guest reads it from GUEST_PORTS.consoleInteractive. */
  interactiveConsole?: boolean;
  /** Called with each chunk of COM1 output as it arrives. */
  onOutput?: (bytes: Uint8Array) => void;
  /** Called once when the guest reaches `main`. */
  onBoot?: (metrics: BootMetrics) => void;
}

/**
 * A compiled `WebAssembly.Module` of v86's `v86.wasm`. Core code has no
 * WebAssembly typings (no DOM library), so the type stays opaque here.
 */
export type WasmModule = object;

/** Instantiates v86's wasm with the given imports and returns the instance exports. */
export type WasmInstantiator = (imports: Record<string, Record<string, unknown>>) => Promise<Record<string, unknown>>;

export interface EmulatorOptions {
  /**
   * v86's wasm: a precompiled module, or a function that instantiates it.
   * Node reads the file from the v86 package; the page fetches it.
   */
  wasm: WasmModule | WasmInstantiator;
  /** Guest RAM in bytes (default 32 MiB); every PT_LOAD segment of an image must fit below it. */
  memoryBytes?: number;
}

/**
 * One emulated PC that boots multiboot images, reused across runs: each run
 * resets the CPU, clears guest RAM and loads a new image.
 */
export interface Emulator {
  /**
   * Boots `image` and resolves when the guest exits, halts, crashes, times
   * out or is stopped. Rejects with an ImageError before booting when the
   * image is not a multiboot ELF32 executable that fits in guest RAM, and
   * with an Error when a run is already active or the emulator is disposed.
   */
  run(image: Uint8Array, options?: RunOptions): Promise<RunResult>;
  /** Sends bytes (a string is sent as UTF-8) to COM1 of the active run; without an active run the input is dropped. */
  sendInput(data: string | Uint8Array): void;
  /** Ends the active run with reason "stopped" at the end of the current time slice. */
  stop(): void;
  /**
   * Returns the VGA text screen of the active or last run (blank before the
   * first), or undefined while the guest has the VGA in a graphics mode or
   * after dispose(). Cheap enough to poll about ten times a second.
   */
  textScreen(): TextScreen | undefined;
  /** Stops the active run and releases v86; the emulator cannot run again. */
  dispose(): void;
  readonly running: boolean;
}
