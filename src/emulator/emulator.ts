// The v86 wrapper: one emulated PC reused across runs. The guest talks to
// the host through v86's bus events (COM1 bytes, the halt event) and two
// I/O ports (GUEST_PORTS). Each run is one promise for the host.
import { CONSOLE_TAIL_BYTES, crashFault, panicFault } from "./faults";
import { checkMultibootImage } from "./image";
import { readTextScreen } from "./text-screen";
import { GUEST_EVENTS, GUEST_PORTS } from "./types";
import type {
  BootMetrics,
  Emulator,
  EmulatorOptions,
  GuestFault,
  RunEnd,
  RunOptions,
  RunResult,
  TextScreen,
  WasmInstantiator,
  WasmModule,
} from "./types";
import { V86Constructor } from "./v86-internals";
import type { V86Core, V86Cpu, V86Starter } from "./v86-internals";

const DEFAULT_MEMORY_BYTES = 32 << 20;
/** Maximum timeout, because timers take a signed 32-bit millisecond delay and fire at once past it. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** Images load at 1 MiB, so the guest needs at least 2 MiB. */
const MIN_MEMORY_BYTES = 2 << 20;
/** v86 keeps guest RAM in one wasm memory and caps it below 2 GiB. */
const MAX_MEMORY_BYTES = 1 << 30;
/** v86's TSC runs at 1 GHz (TSC_RATE in v86's cpu.rs), so 1000 ticks are one microsecond. */
const TSC_TICKS_PER_MICROSECOND = 1000;
const UART_LSR_DATA_READY = 0x1;
/** Interrupt causes as v86's uart.js numbers them: the 16550 IIR codes of the two receive interrupts. */
const UART_CAUSE_DATA_AVAILABLE = 4;
const UART_CAUSE_RECEIVE_TIMEOUT = 12;

interface ActiveRun {
  options: RunOptions;
  /** performance.now() when the guest starts, after the machine reset. */
  startMs: number;
  resetMs: number;
  /** Guest instructions counted so far, summed from deltas of v86's wrapping 32-bit counter. */
  instructions: number;
  lastCounter: number;
  /** TSC ticks spent inside earlier time slices before `main`; the gaps between slices are left out. */
  bootTscTicks: number;
  /** TSC at the start of the current time slice, while the guest has not reached `main`. */
  sliceTscStart?: number;
  boot?: BootMetrics;
  bootReported: boolean;
  panicking: boolean;
  /** The address the library OS wrote to GUEST_PORTS.faultEip. */
  faultEip?: number;
  /** The exception vector the library OS wrote to GUEST_PORTS.faultVector. */
  faultVector?: number;
  /** The last CONSOLE_TAIL_BYTES of COM1 output, where a panic line is looked for. */
  consoleTail: string;
  image: Uint8Array;
  /** At a crash: whether the guest's IDT has a present gate for vector 8 (double fault). */
  doubleFaultGate?: boolean;
  end?: RunEnd;
  firstOutputMs?: number;
  pendingOutput: number[];
  timer?: unknown;
  /** Messages v86's wasm core logged during the run, such as the text of a Rust panic. */
  wasmMessages: string[];
  resolve: (result: RunResult) => void;
}

/**
 * Creates one v86 instance for multiboot images: no BIOS, no disks, no
 * network; COM1 carries the guest console.
 */
export async function createEmulator(options: EmulatorOptions): Promise<Emulator> {
  const memoryBytes = options.memoryBytes ?? DEFAULT_MEMORY_BYTES;
  if (!Number.isInteger(memoryBytes) || memoryBytes < MIN_MEMORY_BYTES || memoryBytes > MAX_MEMORY_BYTES) {
    throw new RangeError(`memoryBytes must be an integer from ${MIN_MEMORY_BYTES} to ${MAX_MEMORY_BYTES}, got ${memoryBytes}`);
  }

  const wasmLog: { listener?: (text: string) => void } = {};
  let reportFailure: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (reportFailure = reject));
  const starter = new V86Constructor({
    wasm_fn: wrapInstantiator(options.wasm, (text) => (wasmLog.listener ?? console.error)(text), reportFailure),
    memory_size: memoryBytes,
    vga_memory_size: 0,
    autostart: false,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
    net_device: { type: "none" },
  });
  await Promise.race([new Promise<void>((resolve) => starter.add_listener("emulator-ready", resolve)), failed]);

  const emulator = new V86Emulator(starter, memoryBytes);
  wasmLog.listener = (text) => emulator.logFromWasm(text);
  return emulator;
}

/**
 * Wraps the caller's wasm source into v86's `wasm_fn` and captures the log
 * calls of v86's Rust core, whose panic message explains a crash.
 */
function wrapInstantiator(
  wasm: WasmModule | WasmInstantiator,
  log: (text: string) => void,
  reportFailure: (error: unknown) => void,
): WasmInstantiator {
  return async (imports) => {
    let memory: { buffer: ArrayBuffer } | undefined;
    const decoder = new TextDecoder();
    imports.env.console_log_from_wasm = (offset: number, length: number) => {
      if (memory) log(decoder.decode(new Uint8Array(memory.buffer, offset, length)));
    };
    try {
      const exports = typeof wasm === "function" ? await wasm(imports) : await instantiateModule(wasm, imports);
      memory = exports.memory as { buffer: ArrayBuffer };
      return exports;
    } catch (error) {
      reportFailure(new Error(`failed to instantiate v86's wasm: ${String(error)}`));
      // v86 calls wasm_fn without a rejection handler, so a rejected
      // promise would end Node with an unhandled rejection.
      return new Promise<never>(() => undefined);
    }
  };
}

async function instantiateModule(module: WasmModule, imports: Record<string, Record<string, unknown>>): Promise<Record<string, unknown>> {
  const api = (globalThis as unknown as { WebAssembly: { instantiate(m: object, i: object): Promise<{ exports: Record<string, unknown> }> } })
    .WebAssembly;
  const instance = await api.instantiate(module, imports);
  return instance.exports;
}

class V86Emulator implements Emulator {
  private readonly core: V86Core;
  private readonly cpu: V86Cpu;
  private readonly runSliceOfV86: () => number;
  private active?: ActiveRun;
  private memoryDirty = false;
  private disposed = false;

  constructor(
    private readonly starter: V86Starter,
    private readonly memoryBytes: number,
  ) {
    this.core = starter.v86;
    this.cpu = starter.v86.cpu;
    checkInternals(this.core);
    this.runSliceOfV86 = this.cpu.main_loop.bind(this.cpu);
    this.cpu.main_loop = () => this.runSlice();

    const onExitPort = (value: number) => this.onExitWrite(value & 0xff);
    const onEventPort = (value: number) => this.onEventWrite(value & 0xff);
    this.cpu.io.register_write(GUEST_PORTS.exit, this, onExitPort, onExitPort, onExitPort);
    this.cpu.io.register_write(GUEST_PORTS.event, this, onEventPort, onEventPort, onEventPort);
    const ignore = () => undefined;
    this.cpu.io.register_write(GUEST_PORTS.faultEip, this, ignore, ignore, (value: number) => this.onFaultEipWrite(value >>> 0));
    const readInteractive = () => (this.active?.options.interactiveConsole === false ? 0 : 1);
    this.cpu.io.register_read(GUEST_PORTS.consoleInteractive, this, readInteractive, readInteractive, readInteractive);
    const onVectorPort = (value: number) => this.onFaultVectorWrite(value & 0xff);
    this.cpu.io.register_write(GUEST_PORTS.faultVector, this, onVectorPort, onVectorPort, onVectorPort);
    starter.add_listener("serial0-output-byte", (byte: number) => this.onSerialByte(byte));
    starter.add_listener("cpu-event-halt", () => this.onHalt());
    starter.add_listener("emulator-stopped", () => this.onStopped());
  }

  get running(): boolean {
    return this.active !== undefined;
  }

  async run(image: Uint8Array, options: RunOptions = {}): Promise<RunResult> {
    if (this.disposed) throw new Error("the emulator is disposed: create a new one");
    if (this.active) throw new Error("a run is already active: call stop() and wait for its result before starting another");
    const timeoutMs = options.timeoutMs;
    if (timeoutMs !== undefined && !(timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) {
      throw new RangeError(`timeoutMs must be a positive number of milliseconds up to ${MAX_TIMEOUT_MS} (about 24.8 days), got ${timeoutMs}`);
    }
    checkMultibootImage(image, this.memoryBytes);

    const resetStart = performance.now();
    this.resetMachine(image);
    const startMs = performance.now();
    return new Promise<RunResult>((resolve) => {
      const run: ActiveRun = {
        options,
        startMs,
        resetMs: startMs - resetStart,
        instructions: 0,
        bootTscTicks: 0,
        lastCounter: this.cpu.instruction_counter[0] >>> 0,
        bootReported: false,
        panicking: false,
        consoleTail: "",
        image,
        pendingOutput: [],
        wasmMessages: [],
        resolve,
      };
      if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
        run.timer = setTimeout(() => this.finish(run, { reason: "timeout" }), timeoutMs);
      }
      this.active = run;
      this.core.run();
    });
  }

  sendInput(data: string | Uint8Array): void {
    if (!this.active || this.active.end) return;
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    this.starter.serial_send_bytes(0, bytes);
  }

  stop(): void {
    if (this.active) this.finish(this.active, { reason: "stopped" });
  }

  textScreen(): TextScreen | undefined {
    const vga = this.cpu.devices.vga;
    if (this.disposed || !vga) return undefined;
    return readTextScreen(vga);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
    this.starter.destroy().catch((error: unknown) => console.error("v86 destroy failed:", error));
  }

  /** Receives log lines of v86's wasm core; outside a run they go to the console as v86 would print them. */
  logFromWasm(text: string): void {
    if (this.active) this.active.wasmMessages.push(text);
    else console.error(text);
  }

  /**
   * Puts the machine in a known state: zeroed RAM (so a program reading
   * uninitialised memory reads the same bytes on every run), an empty JIT
   * cache, a reset CPU, an empty COM1 receive buffer, then the image.
   */
  private resetMachine(image: Uint8Array): void {
    if (this.memoryDirty) this.cpu.mem8.fill(0);
    this.cpu.jit_clear_cache();
    this.core.restart();
    this.clearSerialInput();
    // VGA memory is not guest RAM, so a new run would otherwise show the last run's text screen.
    this.cpu.devices.vga?.vga_memory.fill(0);
    // v86 reads the image through views on an ArrayBuffer starting at offset 0.
    this.cpu.load_multiboot(image.slice().buffer);
    this.memoryDirty = true;
  }

  /** Drops COM1 bytes the previous guest did not read, with the data-ready status and interrupt they raised. */
  private clearSerialInput(): void {
    const uart = this.cpu.devices.uart0;
    if (!uart) throw new Error("internal error: v86 has no COM1 (devices.uart0)");
    uart.input.length = 0;
    uart.lsr &= ~UART_LSR_DATA_READY;
    uart.ClearInterrupt(UART_CAUSE_RECEIVE_TIMEOUT);
    uart.ClearInterrupt(UART_CAUSE_DATA_AVAILABLE);
  }

  /** Replaces v86's `cpu.main_loop`, so it runs inside v86's tick loop. */
  private runSlice(): number {
    const run = this.active;
    if (!run || run.end) return 0;
    // Until `main`, sum the TSC over slices only: between slices v86 yields
    // to the host's event loop, and that host time is no guest time.
    if (!run.boot) run.sliceTscStart = this.readTsc();

    let delay = 0;
    try {
      delay = this.runSliceOfV86();
    } catch (error) {
      // A guest fault v86 cannot deliver (no IDT, triple fault) aborts the
      // Rust core with a wasm trap. Catching it here keeps the instance
      // usable: the next run restarts the CPU.
      const address = this.cpu.previous_ip[0] >>> 0;
      run.doubleFaultGate = this.hasDoubleFaultGate();
      this.finish(run, { reason: "crash", message: describeCrash(error, run.wasmMessages), address });
    }
    if (!run.boot && run.sliceTscStart !== undefined) run.bootTscTicks += this.readTsc() - run.sliceTscStart;
    run.sliceTscStart = undefined;
    this.countInstructions(run);
    this.deliverEvents(run);
    return run.end ? 0 : delay;
  }

  private onExitWrite(code: number): void {
    const run = this.active;
    if (!run || run.end) return;
    this.finish(run, run.panicking ? { reason: "panic", exitCode: code } : { reason: "exit", exitCode: code });
  }

  private onEventWrite(event: number): void {
    const run = this.active;
    if (!run || run.end) return;
    if (event === GUEST_EVENTS.mainReached && !run.boot) {
      const inSlice = run.sliceTscStart === undefined ? 0 : this.readTsc() - run.sliceTscStart;
      run.boot = {
        bootInstructions: this.countInstructions(run),
        bootGuestMicros: (run.bootTscTicks + inSlice) / TSC_TICKS_PER_MICROSECOND,
      };
    } else if (event === GUEST_EVENTS.panic) {
      run.panicking = true;
    }
  }

  private onFaultEipWrite(eip: number): void {
    const run = this.active;
    if (run && !run.end) run.faultEip = eip;
  }

  private onFaultVectorWrite(vector: number): void {
    const run = this.active;
    if (run && !run.end) run.faultVector = vector;
  }

  private onSerialByte(byte: number): void {
    const run = this.active;
    if (!run || run.end) return;
    run.firstOutputMs ??= performance.now() - run.startMs;
    run.pendingOutput.push(byte);
    run.consoleTail += String.fromCharCode(byte);
    if (run.consoleTail.length > 2 * CONSOLE_TAIL_BYTES) run.consoleTail = run.consoleTail.slice(-CONSOLE_TAIL_BYTES);
  }

  private onHalt(): void {
    const run = this.active;
    if (run && !run.end) this.finish(run, { reason: "halt" });
  }

  private onStopped(): void {
    const run = this.active;
    if (!run) return;
    if (!run.end) this.finish(run, { reason: "stopped" });
    this.deliverEvents(run);
    this.active = undefined;
    const end = run.end;
    if (!end) throw new Error("internal error: the run ended without a reason");
    run.resolve({
      end,
      fault: this.faultOf(run, end),
      boot: run.boot,
      instructions: run.instructions,
      firstOutputMs: run.firstOutputMs,
      wallMs: performance.now() - run.startMs,
      resetMs: run.resetMs,
    });
    this.scheduleMemoryClear();
  }

  /**
   * Zeroes guest RAM once the host is idle after a run, so that the next
   * run's reset (on the path from Run to first output) usually finds it
   * clean. A run that starts sooner clears it itself.
   */
  private scheduleMemoryClear(): void {
    setTimeout(() => {
      if (this.active || this.disposed || !this.memoryDirty) return;
      this.cpu.mem8.fill(0);
      this.memoryDirty = false;
    }, 0);
  }

  /** Names and locates the fault that ended the run, if it was one; reading the image's symbols happens only here. */
  private faultOf(run: ActiveRun, end: RunEnd): GuestFault | undefined {
    if (end.reason === "crash") return crashFault(end.message, end.address, run.image, run.doubleFaultGate ?? false);
    if (end.reason === "panic") return panicFault(run.consoleTail, run.faultVector, run.faultEip, run.image);
    return undefined;
  }

  /** Records how the run ended and tells v86 to stop at the end of the current time slice. */
  private finish(run: ActiveRun, end: RunEnd): void {
    if (run.end) return;
    run.end = end;
    this.countInstructions(run);
    if (run.timer !== undefined) clearTimeout(run.timer);
    if (this.core.running) {
      this.core.stop();
      // Without this a guest idling in `hlt` would stop only when its next timer fires.
      this.core.next_tick(0);
    }
  }

  /** Calls the run's callbacks outside v86's CPU loop, so an exception there is not taken for a guest crash. */
  private deliverEvents(run: ActiveRun): void {
    if (run.boot && !run.bootReported) {
      run.bootReported = true;
      run.options.onBoot?.(run.boot);
    }
    if (run.pendingOutput.length > 0) {
      const bytes = Uint8Array.from(run.pendingOutput);
      run.pendingOutput.length = 0;
      run.options.onOutput?.(bytes);
    }
  }

  private countInstructions(run: ActiveRun): number {
    const counter = this.cpu.instruction_counter[0] >>> 0;
    run.instructions += (counter - run.lastCounter) >>> 0;
    run.lastCounter = counter;
    return run.instructions;
  }

  /**
   * Reads gate 8 of the guest's IDT. Its linear address is taken as
   * physical, which holds for the library OS's identity-mapped paging.
   */
  private hasDoubleFaultGate(): boolean {
    const gateEnd = 8 * 8 + 7;
    const base = this.cpu.idtr_offset[0]! >>> 0;
    if ((this.cpu.idtr_size[0]! >>> 0) < gateEnd || base + gateEnd >= this.cpu.mem8.length) return false;
    const presentBit = 0x80;
    return (this.cpu.mem8[base + 8 * 8 + 5]! & presentBit) !== 0;
  }

  private readTsc(): number {
    this.cpu.store_current_tsc();
    return this.cpu.current_tsc[0] + this.cpu.current_tsc[1] * 2 ** 32;
  }
}

function describeCrash(error: unknown, wasmMessages: readonly string[]): string {
  const trap = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const panic = wasmMessages.join(" ").replace(/\s+/g, " ").trim();
  return panic ? `v86 cannot handle a guest fault: ${panic} (${trap})` : `v86 failed inside its CPU loop (${trap})`;
}

/** Fails early, with the missing name, when a v86 build lacks an internal this wrapper relies on. */
function checkInternals(core: V86Core): void {
  const cpu = core.cpu as unknown as Record<string, unknown>;
  const methods = ["main_loop", "store_current_tsc", "load_multiboot", "jit_clear_cache"];
  const missing = methods.filter((name) => typeof cpu[name] !== "function");
  // v86 wraps these typed arrays in Proxy objects that follow wasm memory growth, so only their presence is checked.
  for (const view of ["instruction_counter", "current_tsc", "previous_ip", "mem8", "idtr_offset", "idtr_size"]) {
    if (typeof cpu[view] !== "object" || cpu[view] === null) missing.push(view);
  }
  if (typeof core.restart !== "function" || typeof core.next_tick !== "function") missing.push("v86.restart/next_tick");
  if (missing.length > 0) {
    throw new Error(`unsupported v86 build: cpu lacks ${missing.join(", ")} (the emulator is written against v86 0.5.462)`);
  }
}
