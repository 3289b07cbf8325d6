// Runs compiled test programs natively on this Linux host as 32-bit static
// binaries: our assembly (or gcc's object) is linked with native/runtime.c,
// a tiny runtime whose _start calls main and whose printf writes to fd 1
// through int $0x80. Used by the compiler tests and by the generator of
// test/programs/*.expected.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../..");
export const libosInclude = join(repoRoot, "libos/include");
const runtimeSource = join(here, "native/runtime.c");

const GCC_FLAGS = [
  "-m32", "-ffreestanding", "-fno-pic", "-fno-builtin", "-fno-stack-protector", "-nostdlib", "-nostdinc",
  "-I", libosInclude, "-w",
];

export interface NativeRun {
  stdout: string;
  exitCode: number;
}

function commandWorks(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

/** Why native runs are impossible here, or undefined when gcc -m32, as --32 and ld -m elf_i386 all work. */
export const nativeUnavailableReason: string | undefined = (() => {
  if (process.platform !== "linux" || !["x64", "ia32"].includes(process.arch)) {
    return "native runs need an x86 Linux host";
  }
  for (const tool of ["gcc", "as", "ld"]) {
    if (!commandWorks(tool, ["--version"])) return `${tool} is not installed`;
  }
  return undefined;
})();

let workDir: string | undefined;
let runtimeObject: string | undefined;

function scratch(): string {
  workDir ??= mkdtempSync(join(tmpdir(), "ukp-native-"));
  return workDir;
}

function runtime(): string {
  if (!runtimeObject) {
    runtimeObject = join(scratch(), "runtime.o");
    execFileSync("gcc", [...GCC_FLAGS, "-O1", "-c", runtimeSource, "-o", runtimeObject]);
  }
  return runtimeObject;
}

let counter = 0;

function linkAndRun(object: string, timeoutMs: number): NativeRun {
  const exe = `${object}.exe`;
  execFileSync("ld", ["-m", "elf_i386", "--no-warn-execstack", "-o", exe, object, runtime()], { stdio: "pipe" });
  const result = spawnSync(exe, { encoding: "utf8", timeout: timeoutMs });
  if (result.error) throw result.error;
  if (result.status === null) throw new Error(`native program stopped by signal ${result.signal}`);
  return { stdout: result.stdout, exitCode: result.status };
}

/** Assembles GNU i386 assembly with `as --32`, links it with the runtime and runs it. */
export function runAssembly(assembly: string, timeoutMs = 10_000): NativeRun {
  const base = join(scratch(), `program${counter++}`);
  writeFileSync(`${base}.s`, assembly);
  execFileSync("as", ["--32", "-o", `${base}.o`, `${base}.s`], { stdio: "pipe" });
  return linkAndRun(`${base}.o`, timeoutMs);
}

/** Compiles a C file with gcc -m32 against the library OS headers, links it with the runtime and runs it. */
export function runWithGcc(cFile: string, timeoutMs = 10_000): NativeRun {
  const object = join(scratch(), `gcc${counter++}.o`);
  execFileSync("gcc", [...GCC_FLAGS, "-O0", "-c", cFile, "-o", object], { stdio: "pipe" });
  return linkAndRun(object, timeoutMs);
}

/** Removes the scratch directory; call once after the last run. */
export function cleanUpNative(): void {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = undefined;
  runtimeObject = undefined;
}
