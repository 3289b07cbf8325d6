// Turns what the host saw of a guest fault (the library OS's panic line and
// faulting EIP, or a v86 crash) into a GuestFault named after the CPU
// exception and located in the source through the image's symbols.
import { locateAddress, readImageSymbols, type ImageSymbols } from "./symbols";
import type { FaultFrame, GuestFault } from "./types";

/** The library OS's panic line: `panic: TITLE (vector V, error code 0xE) at eip 0xEIP`. */
const PANIC_LINE = /^panic: (.+?) \(vector (\d+), error code 0x[0-9a-f]+\) at eip 0x([0-9a-f]{1,8})$/;

/** Maximum length of the console tail kept to find the panic line, in characters (one per COM1 byte). */
export const CONSOLE_TAIL_BYTES = 4096;

/**
 * v86 0.5.462 has no double- or triple-fault path: when delivering an
 * exception raises another one (no IDT entry, a gate not present), its
 * core panics with "Unimplemented: #GP handler" and the like. Real
 * hardware would raise a double fault there, which becomes a triple fault
 * (a shutdown) when the double-fault gate is missing too.
 */
const UNDELIVERABLE = /Unimplemented: #(GP|TS|NP|SS) handler/;

/** Finds the last panic line in the console tail. */
export function findPanicLine(consoleTail: string): { title: string; vector: number; eip: number; line: string } | undefined {
  const lines = consoleTail.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = PANIC_LINE.exec(lines[i]!);
    if (match) return { title: match[1]!, vector: Number(match[2]), eip: Number.parseInt(match[3]!, 16), line: lines[i]! };
  }
  return undefined;
}

/**
 * Builds the fault of a library OS panic from the console tail and the
 * fault ports. The guest writes `vector` for CPU exceptions only. `eip` is
 * the faulting instruction, or the call site after abort(), assert() and
 * heap panics. Returns undefined without an address.
 */
export function panicFault(consoleTail: string, vector: number | undefined, eip: number | undefined, image: Uint8Array): GuestFault | undefined {
  const lines = consoleTail.split(/\r?\n/).filter((line) => line.trim() !== "");
  const exception = findPanicLine(consoleTail);
  if (vector !== undefined || exception !== undefined) {
    const address = eip ?? exception?.eip;
    if (address === undefined) return undefined;
    const title = exception?.title ?? EXCEPTION_NAMES[vector!] ?? `exception ${vector}`;
    // The library OS explains some exceptions on the line after the panic line ("null pointer read: ...").
    const next = exception ? lines[lines.indexOf(exception.line) + 1] : undefined;
    const detail = next !== undefined && !/^[a-z]+=[0-9a-f]{8}/.test(next) ? next : exception?.line;
    const fault = locate({ name: title, vector: vector ?? exception?.vector, eip: address, detail }, image);
    const frames = findBacktrace(lines);
    if (frames.length > 0) fault.backtrace = locateFrames(frames, image);
    return fault;
  }
  if (eip === undefined) return undefined;
  // abort(), assert() and heap checks print one line: "panic: free: pointer already freed", "abort() called", ...
  const last = [...lines].reverse().find((line) => line.startsWith("panic: ")) ?? lines[lines.length - 1];
  const name = last === undefined ? "panic" : last.replace(/^panic: /, "");
  return locate({ name, eip, detail: last }, image);
}

/** Names of CPU exception vectors 0 to 21 as the Intel SDM (volume 3A, table 6-1) titles them, for a panic without its line. */
const EXCEPTION_NAMES: readonly string[] = [
  "divide error",
  "debug exception",
  "non-maskable interrupt",
  "breakpoint",
  "overflow",
  "bound range exceeded",
  "invalid opcode",
  "device not available",
  "double fault",
  "coprocessor segment overrun",
  "invalid TSS",
  "segment not present",
  "stack-segment fault",
  "general protection fault",
  "page fault",
  "reserved",
  "x87 floating-point error",
  "alignment check",
  "machine check",
  "SIMD floating-point exception",
  "virtualization exception",
  "control protection exception",
];

/**
 * Builds the fault of a crash inside v86's CPU loop at `eip`.
 * `doubleFaultGate` is whether the guest's IDT has a present gate 8.
 */
export function crashFault(message: string, eip: number, image: Uint8Array, doubleFaultGate: boolean): GuestFault {
  let name = "emulator error";
  if (UNDELIVERABLE.test(message)) name = doubleFaultGate ? "double fault" : "triple fault";
  return locate({ name, eip, detail: message }, image);
}

/** Returns the addresses listed under the last "backtrace:" line, one per line as `  0x0010002a`. */
function findBacktrace(lines: readonly string[]): number[] {
  const start = lines.lastIndexOf("backtrace:");
  if (start < 0) return [];
  const addresses: number[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^\s+0x([0-9a-f]{8})$/.exec(line);
    if (!match) break;
    addresses.push(Number.parseInt(match[1]!, 16));
  }
  return addresses;
}

/** Locates backtrace frames; a return address is looked up one byte back, inside its call instruction. */
function locateFrames(addresses: readonly number[], image: Uint8Array): FaultFrame[] {
  const symbols: ImageSymbols = readImageSymbols(image);
  return addresses.map((address, i) => {
    const location = locateAddress(symbols, i === 0 ? address : address - 1);
    const frame: FaultFrame = { address };
    if (location.function !== undefined) frame.function = location.function;
    if (location.file !== undefined) Object.assign(frame, { file: location.file, line: location.line, column: location.column });
    return frame;
  });
}

function locate(fault: GuestFault, image: Uint8Array): GuestFault {
  const location = locateAddress(readImageSymbols(image), fault.eip);
  if (location.function !== undefined) fault.function = location.function;
  if (location.file !== undefined) {
    fault.file = location.file;
    fault.line = location.line;
    if (location.column !== undefined) fault.column = location.column;
  }
  return fault;
}

/** Formats a backtrace frame: `0x1000a3 main (app.c:5:7)`. */
export function describeFrame(frame: FaultFrame): string {
  const where = frame.file !== undefined ? ` (${frame.file}:${frame.line}${frame.column ? `:${frame.column}` : ""})` : "";
  return `0x${frame.address.toString(16)}${frame.function !== undefined ? ` ${frame.function}` : ""}${where}`;
}

/** Formats a fault for a terminal: `page fault at 0x1000a3 in main (app.c:5:7)`. */
export function describeFault(fault: GuestFault): string {
  const at = `0x${fault.eip.toString(16)}`;
  const where = fault.file !== undefined ? `${fault.file}:${fault.line}${fault.column ? `:${fault.column}` : ""}` : undefined;
  const inFunction = fault.function !== undefined ? ` in ${fault.function}` : "";
  return `${fault.name} at ${at}${inFunction}${where !== undefined ? ` (${where})` : ""}`;
}
