// Builds and runs a C program natively with the host's gcc and glibc, so
// library OS tests can take glibc's output as the expected value.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Returns why native glibc programs cannot be built here, or undefined when they can. */
export function missingNativeCompiler(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "libos-native-"));
  try {
    writeFileSync(join(dir, "probe.c"), "#include <stdio.h>\n#include <math.h>\nint main(void) { printf(\"%g\", sqrt(4.0)); return 0; }\n");
    const result = spawnSync("gcc", [join(dir, "probe.c"), "-o", join(dir, "probe"), "-lm"], { encoding: "utf8" });
    return result.status === 0 ? undefined : "gcc with glibc headers not found";
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Compiles source with the host gcc against glibc and returns what it prints to stdout. */
export function runNative(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "libos-native-"));
  try {
    const file = join(dir, "app.c");
    writeFileSync(file, source);
    const compiled = spawnSync("gcc", ["-O0", "-w", file, "-o", join(dir, "app"), "-lm"], { encoding: "utf8" });
    if (compiled.status !== 0) throw new Error(`native gcc failed:\n${compiled.stderr}`);
    const run = spawnSync(join(dir, "app"), [], { encoding: "latin1" });
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
