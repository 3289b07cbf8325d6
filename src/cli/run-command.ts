// `ukp run`: build (or take a linked image), boot it in v86 and connect the
// guest's COM1 to stdin and stdout. Host messages go to stderr.
import type { OptimizeLevel } from "../builder/cc";
import { HOST_EXIT_STATUS, ImageError, describeFault, describeFrame } from "../emulator";
import type { Emulator, GuestFault, RunEnd, RunResult } from "../emulator";
import { CliError, DEFAULT_OPTIMIZE_LEVEL, UsageError } from "./args";
import type { ParsedArgs } from "./args";
import { readInputs } from "./inputs";
import { createNodeEmulator } from "./node-emulator";
import { writeOutputFile } from "./output";

export const DEFAULT_TIMEOUT_SECONDS = 60;
/** Exit status after Ctrl-C stops the guest, as a shell reports SIGINT (128 + 2). */
const INTERRUPTED_STATUS = 130;
/** Exit status when stdout closes under the guest (`ukp run app.c | head -1`), as a shell reports SIGPIPE (128 + 13). */
const BROKEN_PIPE_STATUS = 141;
const CTRL_C = 0x03;
const CTRL_D = 0x04;
/** Maximum warm-up boot time; a guest that has not reached `main` by then is measured cold. */
const WARM_UP_LIMIT_MS = 5000;

interface BuildMetrics {
  compileMs: number | null;
  linkMs: number | null;
  /** The compiler's optimisation level, or null for a linked image. */
  optimize: OptimizeLevel | null;
}

export async function runCommand(args: ParsedArgs): Promise<number> {
  const inputs = await readInputs(args.inputs);
  let image: Uint8Array;
  let imageName: string;
  let buildMetrics: BuildMetrics = { compileMs: null, linkMs: null, optimize: null };
  const optimize = args.optimize ?? DEFAULT_OPTIMIZE_LEVEL;
  if (inputs.image) {
    if (Object.keys(inputs.files).length > 0 || inputs.binaries.length > 0) {
      throw new UsageError(`the linked image '${inputs.image.name}' runs alone; give either an image or sources, objects and archives`);
    }
    image = inputs.image.bytes;
    imageName = `'${inputs.image.name}'`;
    if (args.optimizeFlag !== undefined) {
      process.stderr.write(`ukp: warning: ${args.optimizeFlag} has no effect on '${inputs.image.name}', which is already linked\n`);
    }
  } else {
    const { buildInputs } = await import("./build-command");
    const result = await buildInputs(inputs, { gcSections: args.gcSections ?? true, optimize });
    if (!result.ok || !result.image) return 1;
    image = result.image;
    imageName = "the built image";
    buildMetrics = { compileMs: result.timings.compileMs, linkMs: result.timings.linkMs, optimize };
  }

  const timeoutSeconds = args.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const emulator = await createNodeEmulator(args.memoryMiB === undefined ? undefined : args.memoryMiB << 20);
  let outcome: { result: RunResult; interrupted: boolean; stdoutClosed: boolean };
  const timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : undefined;
  try {
    if (args.metrics !== undefined) await warmUp(emulator, image, timeoutMs);
    outcome = await runWithConsole(emulator, image, timeoutMs);
  } catch (error) {
    if (error instanceof ImageError) throw new CliError(`cannot boot ${imageName}: ${error.message}`);
    throw error;
  } finally {
    emulator.dispose();
  }

  const { result, interrupted, stdoutClosed } = outcome;
  const brokenPipe = stdoutClosed && result.end.reason === "stopped";
  const status = interrupted ? INTERRUPTED_STATUS : brokenPipe ? BROKEN_PIPE_STATUS : exitStatus(result.end);
  // A native program killed by SIGPIPE ends silently, and so does the guest here.
  const message = brokenPipe ? undefined : hostMessage(result.end, result.fault, timeoutSeconds, interrupted);
  if (message) process.stderr.write(`ukp: ${message}\n`);
  const frames = result.fault?.backtrace ?? [];
  if (frames.length > 1) process.stderr.write(`ukp: backtrace:\n${frames.map((f) => `  ${describeFrame(f)}\n`).join("")}`);
  if (args.metrics !== undefined) {
    await writeOutputFile(args.metrics, JSON.stringify(metricsOf(buildMetrics, image, result, status), null, 2) + "\n");
  }
  return status;
}

/**
 * Boots the image up to `main` with its output discarded. The measured run
 * then finds v86 warmed up, as the page's reused emulator is: on a cold
 * instance V8 and v86's caches add milliseconds to the first boot.
 */
async function warmUp(emulator: Emulator, image: Uint8Array, timeoutMs: number | undefined): Promise<void> {
  await emulator.run(image, { timeoutMs: Math.min(timeoutMs ?? WARM_UP_LIMIT_MS, WARM_UP_LIMIT_MS), onBoot: () => emulator.stop() });
}

/**
 * Runs the image with COM1 on stdout and stdin. A terminal is put in raw
 * mode so keys reach the guest unbuffered; Ctrl-C then stops the guest.
 * Piped input ends with a Ctrl-D byte.
 */
async function runWithConsole(
  emulator: Emulator,
  image: Uint8Array,
  timeoutMs: number | undefined,
): Promise<{ result: RunResult; interrupted: boolean; stdoutClosed: boolean }> {
  const stdin = process.stdin;
  const terminal = stdin.isTTY === true;
  let interrupted = false;
  const onData = (chunk: Buffer) => {
    if (terminal && chunk.includes(CTRL_C)) {
      interrupted = true;
      emulator.stop();
      return;
    }
    emulator.sendInput(chunk);
  };

  // The end of piped input reaches the guest as Ctrl-D, which the library OS's getchar() reports as EOF.
  const onEnd = () => emulator.sendInput(new Uint8Array([CTRL_D]));

  // A closed stdout (`ukp run app.c | head -1`) stops the guest instead of crashing on EPIPE.
  let stdoutOpen = true;
  const onStdoutError = () => {
    stdoutOpen = false;
    emulator.stop();
  };
  const onOutput = (bytes: Uint8Array) => {
    if (stdoutOpen) process.stdout.write(bytes);
  };

  // Piped input is not typed by a person, so the guest must not echo it.
  const running = emulator.run(image, { timeoutMs, onOutput, interactiveConsole: terminal });
  process.stdout.on("error", onStdoutError);
  if (terminal) stdin.setRawMode(true);
  stdin.on("data", onData);
  if (!terminal) stdin.on("end", onEnd);
  try {
    return { result: await running, interrupted, stdoutClosed: !stdoutOpen };
  } finally {
    process.stdout.off("error", onStdoutError);
    stdin.off("data", onData);
    stdin.off("end", onEnd);
    if (terminal) stdin.setRawMode(false);
    stdin.pause();
  }
}

function exitStatus(end: RunEnd): number {
  switch (end.reason) {
    case "exit":
    case "panic":
      return end.exitCode;
    case "halt":
      return HOST_EXIT_STATUS.haltWithoutExit;
    case "timeout":
      return HOST_EXIT_STATUS.timeout;
    case "crash":
      return HOST_EXIT_STATUS.crash;
    case "stopped":
      return INTERRUPTED_STATUS;
  }
}

function hostMessage(end: RunEnd, fault: GuestFault | undefined, timeoutSeconds: number, interrupted: boolean): string | undefined {
  if (interrupted) return "guest stopped by Ctrl-C";
  switch (end.reason) {
    case "exit":
      return undefined;
    case "panic":
      return `guest panicked (exit status ${end.exitCode})${fault ? `: ${describeFault(fault)}` : ""}`;
    case "halt":
      return "guest halted with interrupts off without writing an exit code";
    case "timeout":
      return `guest timed out after ${timeoutSeconds} s and was stopped; raise --timeout to give it more time`;
    case "crash":
      return `guest crashed: ${fault ? describeFault(fault) : `at 0x${end.address.toString(16)}`}: ${end.message}`;
    case "stopped":
      return "guest stopped";
  }
}

function roundMs(value: number | undefined | null): number | null {
  return value === undefined || value === null ? null : Math.round(value * 1000) / 1000;
}

/** Collects the `--metrics` JSON. Times are host milliseconds, and null marks a value the run did not produce. */
function metricsOf(build: BuildMetrics, image: Uint8Array, result: RunResult, status: number): Record<string, unknown> {
  const end = result.end;
  return {
    optimize: build.optimize,
    compileMs: roundMs(build.compileMs),
    linkMs: roundMs(build.linkMs),
    imageBytes: image.length,
    bootInstructions: result.boot?.bootInstructions ?? null,
    bootGuestMicros: roundMs(result.boot?.bootGuestMicros),
    firstOutputMs: roundMs(result.firstOutputMs),
    instructions: result.instructions,
    exitCode: end.reason === "exit" || end.reason === "panic" ? end.exitCode : null,
    end: end.reason,
    status,
    wallMs: roundMs(result.wallMs),
    resetMs: roundMs(result.resetMs),
  };
}
