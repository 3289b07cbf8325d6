// The native reference toolchain: gcc -m32 and GNU ld, invoked as processes
// with the flags bench/codegen.ts uses, against the library OS headers,
// archive and linker script in this checkout.
import { spawnSync } from "node:child_process";
import { devNull } from "node:os";
import { join } from "node:path";

export const REPOSITORY_ROOT = join(import.meta.dirname, "..", "..");
export const LIBOS_INCLUDE = join(REPOSITORY_ROOT, "libos", "include");
export const LIBOS_ARCHIVE = join(REPOSITORY_ROOT, "public", "images", "libos.a");
export const LIBOS_LINKER_SCRIPT = join(REPOSITORY_ROOT, "libos", "link.ld");

/** The gcc optimisation levels the benchmarks compare against. */
export type GccLevel = "-O0" | "-O1" | "-O2";

/**
 * Flags for a freestanding i386 object against the library OS headers. No
 * PIC, unwind tables or stack protector, so the object holds only what our
 * compiler would also emit.
 */
export function gccFlags(level: GccLevel): string[] {
  return [
    "-m32", level, "-ffreestanding", "-fno-pic", "-fno-pie", "-fno-asynchronous-unwind-tables", "-fno-stack-protector",
    "-nostdinc", "-I", LIBOS_INCLUDE, "-w",
  ];
}

/** Arguments of GNU ld linking `objects` with the library OS into `image`, as libos/build.sh lays images out. */
export function ldArguments(objects: string[], image: string): string[] {
  return ["-m", "elf_i386", "-T", LIBOS_LINKER_SCRIPT, "-o", image, ...objects, LIBOS_ARCHIVE];
}

/**
 * Checks that gcc can compile for i386 and, unless `needsLd` is false, that
 * GNU ld runs. Returns why the native reference cannot be measured here, or
 * undefined when it can.
 */
export function gccUnavailableReason(needsLd = true): string | undefined {
  if (spawnSync("gcc", ["--version"]).status !== 0) return "gcc is not installed";
  if (needsLd && spawnSync("ld", ["--version"]).status !== 0) return "GNU ld is not installed";
  const probe = spawnSync("gcc", [...gccFlags("-O0"), "-x", "c", "-c", "-o", devNull, "-"], {
    input: "int probe(void) { return 1; }\n",
    encoding: "utf8",
  });
  if (probe.status !== 0) return `gcc -m32 cannot compile: ${probe.stderr.trim() || `status ${probe.status}`}`;
  return undefined;
}

/** Runs a native tool to completion; throws with its standard error when it fails. */
export function runTool(command: string, argv: string[], cwd?: string): void {
  const result = spawnSync(command, argv, { cwd, encoding: "utf8" });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${argv.join(" ")} failed with status ${result.status}:\n${result.stderr}`);
}

/** Wall milliseconds of one run of a native tool, process start-up included. */
export function timeTool(command: string, argv: string[], cwd?: string): number {
  const start = performance.now();
  runTool(command, argv, cwd);
  return performance.now() - start;
}
