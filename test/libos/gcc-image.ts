// Builds test apps with gcc -m32 and GNU ld against the committed libos.a,
// for the library OS tests that run before our own compiler and linker do.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const LIBOS_ARCHIVE = join(ROOT, "public/images/libos.a");
const INCLUDE_DIR = join(ROOT, "libos/include");
const LINKER_SCRIPT = join(ROOT, "libos/link.ld");

function toolWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return result.status === 0;
}

/** Returns why gcc-built images cannot be made here, or undefined when they can. */
export function missingToolchain(): string | undefined {
  if (!toolWorks("gcc", ["--version"])) return "gcc not found";
  if (!toolWorks("ld", ["--version"])) return "GNU ld not found";
  return undefined;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  }
}

export interface BuiltImage {
  image: Uint8Array;
  /** Symbol addresses from `nm`. */
  symbols: Map<string, number>;
}

/** Compiles one C source with gcc -m32 and links it with libos.a into a multiboot ELF image. */
export function buildImage(source: string, extraCflags: string[] = []): Uint8Array {
  return buildImageWithSymbols(source, extraCflags).image;
}

export function buildImageWithSymbols(source: string, extraCflags: string[] = []): BuiltImage {
  const dir = mkdtempSync(join(tmpdir(), "libos-app-"));
  try {
    const cFile = join(dir, "app.c");
    const object = join(dir, "app.o");
    const image = join(dir, "app.elf");
    writeFileSync(cFile, source);
    run("gcc", [
      "-m32", "-ffreestanding", "-fno-pic", "-fno-pie", "-nostdinc", "-fno-builtin",
      "-fno-stack-protector", "-Wall", "-Werror", `-I${INCLUDE_DIR}`, ...extraCflags,
      "-c", cFile, "-o", object,
    ]);
    run("ld", [
      "-m", "elf_i386", "--no-warn-rwx-segments", "-T", LINKER_SCRIPT,
      object, LIBOS_ARCHIVE, "-o", image,
    ]);
    const nm = spawnSync("nm", [image], { encoding: "utf8" });
    const symbols = new Map<string, number>();
    for (const line of nm.stdout.split("\n")) {
      const [address, , name] = line.split(" ");
      if (name) symbols.set(name, parseInt(address, 16));
    }
    return { image: new Uint8Array(readFileSync(image)), symbols };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
