// The parts of v86 0.5.462 the emulator uses, typed by hand. Besides the
// public V86 class this reaches into `v86.cpu`, because fast reboot,
// multiboot loading, the instruction counter and the TSC are not public API.
// The release build keeps these property names (checked in
// node_modules/v86/build/libv86.mjs); test/emulator boots real images
// through every one of them.
import { V86 } from "v86";

import type { V86Vga } from "./text-screen";
import type { WasmInstantiator } from "./types";

export interface V86Cpu {
  /** Runs guest code for one time slice and returns the milliseconds until the next timer. */
  main_loop(): number;
  /** Guest instructions since the last reset, wrapping at 2^32. */
  instruction_counter: Uint32Array;
  /** Low and high 32 bits of the TSC, refreshed by `store_current_tsc()`. */
  current_tsc: Uint32Array;
  store_current_tsc(): void;
  /** Linear address of the instruction being executed, updated as each instruction starts. */
  previous_ip: Int32Array;
  load_multiboot(buffer: ArrayBuffer): void;
  jit_clear_cache(): void;
  mem8: Uint8Array;
  /** Linear base address and limit of the guest's IDT, as `lidt` set them. */
  idtr_offset: Int32Array;
  idtr_size: Int32Array;
  io: {
    register_read(port: number, device: unknown, read8: () => number, read16?: () => number, read32?: () => number): void;
    register_write(
      port: number,
      device: unknown,
      write8: (value: number) => void,
      write16?: (value: number) => void,
      write32?: (value: number) => void,
    ): void;
  };
  devices: { uart0?: V86Uart; vga?: V86Vga };
}

export interface V86Uart {
  /** Received bytes the guest has not read yet. */
  input: number[];
  /** Line status register; bit 0 is "data ready". */
  lsr: number;
  /** Clears one of the UART's interrupt causes (bit numbers as v86's uart.js uses them). */
  ClearInterrupt(cause: number): void;
}

export interface V86Core {
  cpu: V86Cpu;
  running: boolean;
  run(): void;
  stop(): void;
  /** Resets the CPU (registers, instruction counter) but neither RAM nor most devices. */
  restart(): void;
  /** Schedules the next time slice `delay` ms from now and cancels the pending one. */
  next_tick(delay: number): void;
}

export interface V86Starter {
  v86: V86Core;
  add_listener(event: string, listener: (value: never) => void): void;
  remove_listener(event: string, listener: (value: never) => void): void;
  serial_send_bytes(port: number, data: Uint8Array): void;
  destroy(): Promise<void>;
}

export interface V86StartOptions {
  wasm_fn: WasmInstantiator;
  memory_size: number;
  vga_memory_size: number;
  autostart: boolean;
  disable_keyboard: boolean;
  disable_mouse: boolean;
  disable_speaker: boolean;
  net_device: { type: "none" };
}

export const V86Constructor = V86 as unknown as new (options: V86StartOptions) => V86Starter;
