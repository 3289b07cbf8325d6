// Boots a multiboot image in a fresh raw V86 instance and collects what the
// library OS reports: COM1 bytes, events on port 0x502 and the exit code on 0x501.
import { join } from "node:path";
import { V86 } from "v86";

import { ROOT } from "./gcc-image";

const WASM_PATH = join(ROOT, "node_modules/v86/build/v86.wasm");
const PORT_EXIT = 0x501;
const PORT_EVENT = 0x502;
const PORT_FAULT_EIP = 0x503;
const EVENT_MAIN = 1;

export interface GuestRun {
  output: string;
  /** The byte written to the exit port, or undefined on timeout. */
  exitCode?: number;
  /** Every byte written to the event port, in order. */
  events: number[];
  /** The 32-bit value written to the fault-address port before a panic event. */
  faultEip?: number;
  /** Guest instructions from the first instruction to the main event. */
  bootInstructions?: number;
  /** Guest instructions from the first instruction to the exit write. */
  instructions?: number;
  /** The VGA text screen at the end: 25 rows of 80 characters. */
  screen: string[];
  /** The attribute byte of each screen cell, row by row. */
  screenAttributes: number[][];
  timedOut: boolean;
}

export interface BootOptions {
  /** Bytes sent to COM1 once the guest reaches main. */
  input?: string;
  /** Host milliseconds to wait after main before sending input and scancodes. */
  inputDelayMs?: number;
  /** PS/2 scan codes (set 1) sent to the keyboard once the guest reaches main. */
  scancodes?: number[];
  /** Stops the emulator this many host milliseconds after main for `pauseMs`, as a busy browser tab would. */
  pauseAfterMainMs?: number;
  pauseMs?: number;
  /** The byte port 0x505 reads (0: piped input, 1: a terminal); unregistered, v86 reads 0xFF. */
  consoleInteractive?: number;
  timeoutMs?: number;
  /** Guest memory to fill before the first instruction, as a reused machine would leave it. */
  fill?: { start: number; end: number; value: number };
}

interface RawCpu {
  instruction_counter: Uint32Array;
  main_loop(): number;
  mem8: Uint8Array;
  io: {
    register_write(
      port: number,
      device: unknown,
      write8: (value: number) => void,
      write16?: (value: number) => void,
      write32?: (value: number) => void,
    ): void;
    register_read(port: number, device: unknown, read8: () => number): void;
  };
}

interface RawVga {
  vga_memory: Uint8Array;
  miscellaneous_graphics_register: number;
}

interface RawEmulator {
  v86: { cpu: RawCpu & { devices: { vga?: RawVga } } };
  add_listener(event: string, listener: (value: never) => void): void;
  serial0_send(text: string): void;
  keyboard_send_scancodes(codes: number[]): void;
  stop(): Promise<void> | void;
  run(): Promise<void> | void;
  destroy(): Promise<void>;
}

/*
 * Reads the 80x25 text screen from v86's VGA memory. v86 keeps the window
 * the guest sees at 0xB8000 at that offset from the start of the memory
 * space the graphics registers select (0xA0000 after reset).
 */
function readTextScreen(emulator: RawEmulator): { screen: string[]; screenAttributes: number[][] } {
  const vga = emulator.v86.cpu.devices.vga;
  if (!vga) return { screen: [], screenAttributes: [] };
  const spaceStart = [0xa0000, 0xa0000, 0xb0000, 0xb8000][(vga.miscellaneous_graphics_register >> 2) & 3];
  const base = 0xb8000 - spaceStart;
  const screen: string[] = [];
  const screenAttributes: number[][] = [];
  for (let row = 0; row < 25; row++) {
    let text = "";
    const attributes: number[] = [];
    for (let column = 0; column < 80; column++) {
      const offset = base + 2 * (row * 80 + column);
      const code = vga.vga_memory[offset];
      text += code === 0 ? " " : String.fromCharCode(code);
      attributes.push(vga.vga_memory[offset + 1]);
    }
    screen.push(text);
    screenAttributes.push(attributes);
  }
  return { screen, screenAttributes };
}

export async function bootInV86(image: Uint8Array, options: BootOptions = {}): Promise<GuestRun> {
  const buffer = image.buffer.slice(image.byteOffset, image.byteOffset + image.byteLength);
  const emulator = new (V86 as unknown as new (options: object) => RawEmulator)({
    wasm_path: WASM_PATH,
    memory_size: 32 << 20,
    multiboot: { buffer },
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
    net_device: { type: "none" },
  });
  const run: GuestRun = { output: "", events: [], timedOut: false, screen: [], screenAttributes: [] };
  const bytes: number[] = [];

  await new Promise<void>((resolveRun) => {
    const timer = setTimeout(() => {
      run.timedOut = true;
      resolveRun();
    }, options.timeoutMs ?? 10_000);

    emulator.add_listener("serial0-output-byte", (byte: number) => bytes.push(byte));
    emulator.add_listener("emulator-ready", () => {
      const cpu = emulator.v86.cpu;
      if (options.fill) cpu.mem8.fill(options.fill.value, options.fill.start, options.fill.end);
      // A guest fault v86 cannot deliver throws out of the CPU loop; end the run instead of jamming.
      const mainLoop = cpu.main_loop.bind(cpu);
      cpu.main_loop = () => {
        try {
          return mainLoop();
        } catch (error) {
          run.output = `v86 crashed: ${String(error)}`;
          clearTimeout(timer);
          resolveRun();
          return 1000;
        }
      };
      const sendInput = (): void => {
        if (options.input !== undefined) emulator.serial0_send(options.input);
        if (options.scancodes !== undefined) emulator.keyboard_send_scancodes(options.scancodes);
      };
      cpu.io.register_write(PORT_EVENT, undefined, (event) => {
        run.events.push(event);
        if (event === EVENT_MAIN) {
          run.bootInstructions = cpu.instruction_counter[0];
          if (options.inputDelayMs !== undefined) setTimeout(sendInput, options.inputDelayMs);
          else sendInput();
          if (options.pauseAfterMainMs !== undefined) {
            setTimeout(async () => {
              await emulator.stop();
              setTimeout(() => void emulator.run(), options.pauseMs ?? 100);
            }, options.pauseAfterMainMs);
          }
        }
      });
      if (options.consoleInteractive !== undefined) {
        const value = options.consoleInteractive;
        cpu.io.register_read(0x505, undefined, () => value);
      }
      const ignore = (): void => undefined;
      cpu.io.register_write(PORT_FAULT_EIP, undefined, ignore, ignore, (eip) => {
        run.faultEip = eip >>> 0;
      });
      cpu.io.register_write(PORT_EXIT, undefined, (code) => {
        run.exitCode = code;
        run.instructions = cpu.instruction_counter[0];
        clearTimeout(timer);
        resolveRun();
      });
    });
  });

  Object.assign(run, readTextScreen(emulator));
  await emulator.stop();
  await Promise.race([emulator.destroy(), new Promise((r) => setTimeout(r, 1000))]);
  run.output = Buffer.from(bytes).toString("latin1") + (run.output.startsWith("v86 crashed") ? run.output : "");
  return run;
}
