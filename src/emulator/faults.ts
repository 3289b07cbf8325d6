// Turns what the host saw of a guest fault (the library OS's panic line and
// faulting EIP, or a v86 crash) into a GuestFault named after the CPU
// exception and located in the source through the image's symbols.
import { locateAddress, readImageSymbols } from "./symbols";
import type { GuestFault } from "./types";

/** The library OS's panic line: `panic: TITLE (vector V, error code 0xE) at eip 0xEIP`. */
const PANIC_LINE = /^panic: (.+?) \(vector (\d+), error code 0x[0-9a-f]+\) at eip 0x([0-9a-f]{1,8})$/;

/** The longest console tail kept to find the panic line, in bytes. */
export const CONSOLE_TAIL_BYTES = 4096;

/**
 * v86 0.5.462 has no double- or triple-fault path: when delivering an
 * exception raises another one (no IDT entry, a bad gate), its core panics
 * with "Unimplemented: #GP handler" and the like. Real hardware would
 * shut down with a triple fault there.
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
 * Builds the fault of a library OS panic. `reportedEip` is the value the
 * guest wrote to the fault port; without it, the panic line's EIP is used.
 * Returns undefined for a panic that is not a CPU exception (abort, heap
 * misuse), which has no faulting instruction.
 */
export function panicFault(consoleTail: string, reportedEip: number | undefined, image: Uint8Array): GuestFault | undefined {
  const panic = findPanicLine(consoleTail);
  const eip = reportedEip ?? panic?.eip;
  if (eip === undefined) return undefined;
  const fault: GuestFault = panic
    ? { name: panic.title, vector: panic.vector, eip, detail: panic.line }
    : { name: "CPU exception", eip };
  return locate(fault, image);
}

/** Builds the fault of a crash inside v86's CPU loop at `eip`. */
export function crashFault(message: string, eip: number, image: Uint8Array): GuestFault {
  const name = UNDELIVERABLE.test(message) ? "triple fault" : "emulator error";
  return locate({ name, eip, detail: message }, image);
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

/** Formats a fault for a terminal: `page fault at 0x1000a3 in main (app.c:5:7)`. */
export function describeFault(fault: GuestFault): string {
  const at = `0x${fault.eip.toString(16)}`;
  const where = fault.file !== undefined ? `${fault.file}:${fault.line}${fault.column ? `:${fault.column}` : ""}` : undefined;
  const inFunction = fault.function !== undefined ? ` in ${fault.function}` : "";
  return `${fault.name} at ${at}${inFunction}${where !== undefined ? ` (${where})` : ""}`;
}
