// Command-line parsing for `ukp`: a command word, positional inputs and the
// options each command accepts.
import type { OptimizeLevel } from "../builder/cc";

/** A command-line mistake; `main` prints the message, then the usage text, and exits with status 2. */
export class UsageError extends Error {}

/** An error that ends the command with a message on stderr, such as an unreadable input file. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

export const USAGE = `Usage: ukp <command> [options]

Commands:
  ukp build FILES... [-O0|-O1|-O2] [-o IMAGE] [--map FILE] [--no-gc-sections]
      Compile C (.c) and assembly (.s) sources and link them with objects (.o),
      archives (.a) and the library OS into a multiboot image (default app.elf).
  ukp run FILES...|IMAGE [-O0|-O1|-O2] [--timeout SECONDS] [--memory MIB] [--metrics FILE]
      [--no-gc-sections]
      Build as \`ukp build\` does, or take a linked image, and boot it in v86.
      Guest COM1 output goes to stdout and stdin goes to COM1. On a terminal,
      Ctrl-C stops the guest.
  ukp cc FILE (-c | -S | -E) [-O0|-O1|-O2] [-o OUTPUT]
      -c  compile and assemble into an object (default: FILE with .o, here)
      -S  compile into an assembly listing (default: FILE with .s, here)
      -E  preprocess only; writes to stdout unless -o is given

Options:
  -O0, -O1, -O2      optimisation level of the C compiler (build, run, cc;
                     default -O2, as in the playground). -O0 emits
                     stack-machine code like gcc -O0. -O1 and -O2 use the
                     optimising back end, and -O2 adds the passes that cost
                     more compile time. -O is -O2 (gcc reads it as -O1).
                     The last level given wins.
  -o FILE            output file
  --map FILE         also write the link map as text (build)
  --no-gc-sections   keep sections the entry point cannot reach (build, run);
                     by default the linker drops them, as ld --gc-sections
  --timeout SECONDS  host time limit for the guest (run; default 60, 0 for none,
                     at most 2147483)
  --memory MIB       guest RAM in MiB (run; default 32, 2 to 1024)
  --metrics FILE     write build and boot metrics as JSON (run); the image
                     first boots once to main, so the metrics describe a
                     warmed-up emulator as in the page
  -h, --help         show this help
  --version          show the versions of ukp, v86 and the library OS

Headers (.h) next to each source file are found by #include "...".
Exit status: 0 on success, 1 on build errors, 2 on usage errors. For run:
the guest's exit code, 124 on timeout, 125 when the emulator crashes, 130
when stopped with Ctrl-C, 141 when stdout closes (as after SIGPIPE).
`;

export type Command = "build" | "run" | "cc";

export interface ParsedArgs {
  command: Command;
  inputs: string[];
  output?: string;
  map?: string;
  /** Seconds; 0 means no limit. */
  timeoutSeconds?: number;
  /** Guest RAM in MiB. */
  memoryMiB?: number;
  metrics?: string;
  /** False after `--no-gc-sections`. */
  gcSections?: boolean;
  /** The `cc` mode. */
  mode?: "-c" | "-S" | "-E";
  /** The level of the last -O option, or undefined when none was given (commands then use DEFAULT_OPTIMIZE_LEVEL). */
  optimize?: OptimizeLevel;
  /** The last -O option as spelled, for messages. */
  optimizeFlag?: string;
}

/** The level every command compiles at without an -O option: the playground's default. */
export const DEFAULT_OPTIMIZE_LEVEL: OptimizeLevel = 2;

const VALUE_OPTIONS: Record<Command, string[]> = {
  build: ["-o", "--map"],
  run: ["--timeout", "--memory", "--metrics"],
  cc: ["-o"],
};
const MODE_FLAGS = ["-c", "-S", "-E"] as const;
/** The emulator's timer limit, 2^31 - 1 ms, in whole seconds. */
const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
/** The emulator's guest RAM range: images load at 1 MiB, and v86 keeps RAM below 2 GiB. */
const MIN_MEMORY_MIB = 2;
const MAX_MEMORY_MIB = 1024;
/** Options without a value, by the commands that take them. */
const FLAGS: Record<Command, string[]> = { build: ["--no-gc-sections"], run: ["--no-gc-sections"], cc: [] };
/** The -O options ukp accepts, with their levels. `-O` alone means -O2 here, unlike gcc, which reads it as -O1. */
const OPTIMIZE_FLAGS: Record<string, OptimizeLevel> = { "-O0": 0, "-O1": 1, "-O2": 2, "-O": 2 };
/** Advice for the gcc levels that ukp lacks, by option. */
const OPTIMIZE_ADVICE: Record<string, string> = {
  "-O3": "use -O2, the highest level",
  "-Ofast": "use -O2, the highest level",
  "-Os": "ukp has no level tuned for size; use -O2",
  "-Oz": "ukp has no level tuned for size; use -O2",
  "-Og": "use -O0 to keep the code close to the source, or -O1",
};

/** Parses the arguments after the command word. Throws UsageError naming the bad argument. */
export function parseCommand(command: Command, args: string[]): ParsedArgs {
  const parsed: ParsedArgs = { command, inputs: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("-") || arg === "-") {
      parsed.inputs.push(arg);
      continue;
    }
    if (command === "cc" && (MODE_FLAGS as readonly string[]).includes(arg)) {
      if (parsed.mode && parsed.mode !== arg) throw new UsageError(`options ${parsed.mode} and ${arg} cannot be combined`);
      parsed.mode = arg as ParsedArgs["mode"];
      continue;
    }
    if (arg.startsWith("-O")) {
      parsed.optimize = parseOptimizeFlag(arg);
      parsed.optimizeFlag = arg;
      continue;
    }
    if (FLAGS[command].includes(arg)) {
      parsed.gcSections = false;
      continue;
    }

    const equals = arg.indexOf("=");
    const name = arg.startsWith("--") && equals > 0 ? arg.slice(0, equals) : arg;
    if (!VALUE_OPTIONS[command].includes(name)) throw new UsageError(`unknown option '${arg}' for 'ukp ${command}'`);
    let value: string | undefined;
    if (name !== arg) {
      value = arg.slice(equals + 1);
    } else {
      value = args[++i];
      if (value === undefined) throw new UsageError(`option '${name}' needs a value`);
    }
    setOption(parsed, name, value);
  }
  checkCommand(parsed);
  return parsed;
}

/** Returns the level of an -O option, or throws UsageError naming it and the accepted ones. */
export function parseOptimizeFlag(flag: string): OptimizeLevel {
  const level = OPTIMIZE_FLAGS[flag];
  if (level !== undefined) return level;
  const advice = OPTIMIZE_ADVICE[flag] ?? "use -O0, -O1 or -O2";
  throw new UsageError(`unsupported optimisation option '${flag}': ukp accepts -O0, -O1, -O2 and -O (the same as -O2); ${advice}`);
}

function setOption(parsed: ParsedArgs, name: string, value: string): void {
  switch (name) {
    case "-o":
      parsed.output = value;
      break;
    case "--map":
      parsed.map = value;
      break;
    case "--metrics":
      parsed.metrics = value;
      break;
    case "--timeout": {
      const seconds = Number(value);
      if (value.trim() === "" || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_TIMEOUT_SECONDS) {
        throw new UsageError(`invalid --timeout '${value}': expected a number of seconds up to ${MAX_TIMEOUT_SECONDS}, 0 for no limit`);
      }
      parsed.timeoutSeconds = seconds;
      break;
    }
    case "--memory": {
      const mebibytes = Number(value);
      if (value.trim() === "" || !Number.isInteger(mebibytes) || mebibytes < MIN_MEMORY_MIB || mebibytes > MAX_MEMORY_MIB) {
        throw new UsageError(`invalid --memory '${value}': expected a whole number of MiB from ${MIN_MEMORY_MIB} to ${MAX_MEMORY_MIB}`);
      }
      parsed.memoryMiB = mebibytes;
      break;
    }
    default:
      throw new Error(`internal error: option '${name}' is accepted but not handled`);
  }
}

function checkCommand(parsed: ParsedArgs): void {
  if (parsed.inputs.length === 0) throw new UsageError(`'ukp ${parsed.command}' needs at least one input file`);
  if (parsed.command !== "cc") return;
  if (!parsed.mode) throw new UsageError("'ukp cc' needs one of -c, -S or -E");
  if (parsed.inputs.length > 1) throw new UsageError(`'ukp cc' takes one source file, got ${parsed.inputs.length}: ${parsed.inputs.join(" ")}`);
}
