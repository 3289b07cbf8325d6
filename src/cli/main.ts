// The `ukp` command: build C into a multiboot unikernel and boot it in v86.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { CliError, USAGE, UsageError, parseCommand } from "./args";
import type { Command } from "./args";
import { IMAGES_DIRECTORY } from "./node-library";

type CommandRunner = (args: ReturnType<typeof parseCommand>) => Promise<number>;

/** Loaded on demand, so `--help` and running a linked image do not load the compiler. */
const COMMANDS: Record<Command, () => Promise<CommandRunner>> = {
  build: async () => (await import("./build-command")).buildCommand,
  run: async () => (await import("./run-command")).runCommand,
  cc: async () => (await import("./cc-command")).ccCommand,
};

/** Internal errors exit with EX_SOFTWARE from sysexits.h, distinct from build errors (1) and usage errors (2). */
const INTERNAL_ERROR_STATUS = 70;

/** Runs one `ukp` command line (without the program name) and returns the process exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new UsageError("missing command");
    if (command === "-h" || command === "--help" || command === "help" || rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (command === "--version") {
      process.stdout.write(versionText());
      return 0;
    }
    if (!(command in COMMANDS)) throw new UsageError(`unknown command '${command}'`);
    const args = parseCommand(command as Command, rest);
    const runCommand = await COMMANDS[args.command]();
    return await runCommand(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ukp: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`ukp: ${error.message}\n`);
      return error.status;
    }
    process.stderr.write(`ukp: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return INTERNAL_ERROR_STATUS;
  }
}

function readVersion(path: string): string {
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "not found";
  }
}

function versionText(): string {
  const packageJson = fileURLToPath(new URL("../../package.json", import.meta.url));
  const v86PackageJson = fileURLToPath(new URL("../../node_modules/v86/package.json", import.meta.url));
  return (
    `ukp ${readVersion(packageJson)}\n` +
    `v86 ${readVersion(v86PackageJson)}\n` +
    `library OS ${readVersion(IMAGES_DIRECTORY + "libos.json")}\n`
  );
}
