// Boots gcc-built images in QEMU, the second multiboot loader the image
// contract names, including a command line for argv.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { buildImage, missingToolchain } from "./gcc-image";

const QEMU = "qemu-system-i386";
const qemuMissing = spawnSync(QEMU, ["--version"]).status !== 0 ? `${QEMU} not found` : undefined;
const missing = missingToolchain() ?? qemuMissing;
if (missing) console.log(`libos QEMU tests skipped: ${missing}`);

interface QemuRun {
  output: string;
  /** QEMU's isa-debug-exit status: (guest code << 1) | 1. */
  status: number | null;
}

function bootInQemu(image: Uint8Array, append?: string): QemuRun {
  const dir = mkdtempSync(join(tmpdir(), "libos-qemu-"));
  try {
    const file = join(dir, "app.elf");
    writeFileSync(file, image);
    const args = ["-kernel", file, "-serial", "stdio", "-display", "none", "-monitor", "none", "-no-reboot",
      "-device", "isa-debug-exit,iobase=0x501,iosize=1"];
    if (append !== undefined) args.push("-append", append);
    const result = spawnSync(QEMU, args, { encoding: "latin1", timeout: 20_000 });
    return { output: result.stdout, status: result.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(missing !== undefined)("libos in QEMU", () => {
  it("argv from the command line", () => {
    const run = bootInQemu(
      buildImage(`#include <stdio.h>
int main(int argc, char **argv)
{
  int i;
  for (i = 0; i < argc; i++)
    printf("%d=%s|", i, i == 0 ? "name" : argv[i]);
  printf("%d\\n", argv[argc] == 0);
  return argc;
}`),
      "one  two three",
    );
    expect(run.output).toBe("0=name|1=one|2=two|3=three|1\n");
    expect(run.status).toBe((4 << 1) | 1);
  });

  it("division by zero exits 136", () => {
    const run = bootInQemu(
      buildImage(`int main(void) { volatile int zero = 0; return 7 / zero; }`),
    );
    expect(run.output).toMatch(/^panic: divide error \(vector 0, error code 0x0\) at eip 0x[0-9a-f]{8}\n/);
    expect(run.status).toBe(((136 << 1) | 1) & 0xff);
  });

  it("stack overflow exits 139", () => {
    const run = bootInQemu(
      buildImage(`int depth(int n) { volatile char pad[100]; pad[0] = n; return n < 0 ? 0 : depth(n + 1) + pad[0]; }
int main(void) { return depth(0); }`),
    );
    expect(run.output).toMatch(/^panic: stack overflow \(vector 14, error code 0x[67]\) at eip 0x[0-9a-f]{8}\n/);
    expect(run.status).toBe(((139 << 1) | 1) & 0xff);
  });

  it("null write exits 139", () => {
    const run = bootInQemu(buildImage(`int main(void) { *(volatile int *)0 = 1; return 0; }`));
    expect(run.output.split("\n").slice(0, 2)).toEqual([
      expect.stringMatching(/^panic: page fault \(vector 14, error code 0x[67]\) at eip 0x[0-9a-f]{8}$/),
      "null pointer write: page 0 is never mapped",
    ]);
    expect(run.status).toBe(((139 << 1) | 1) & 0xff);
  });

  it("sleep, callbacks and tsc", () => {
    const run = bootInQemu(
      buildImage(`#include <stdio.h>
#include <unikernel.h>
static volatile int fired;
static void tick(void) { fired++; }
int main(void)
{
  unsigned long long before = uptime_us(), after;
  timer_every(10, tick);
  sleep_ms(100);
  after = uptime_us();
  printf("%d %d %d\\n", after - before >= 100000, after - before < 1000000, fired >= 9 && fired <= 11);
  printf("%d\\n", tsc_khz() > 100000);
  return 0;
}`),
    );
    expect(run.output).toBe("1 1 1\n1\n");
    expect(run.status).toBe(1);
  });

  // QEMU's BIOS leaves the timer running on IRQ 0 at vector 8, so without
  // the PIC remap and mask this loop ends in a "double fault" panic.
  it("masked PIC keeps sti safe", () => {
    const run = bootInQemu(
      buildImage(`#include <stdio.h>
#include <unikernel.h>
int main(void)
{
  volatile int i;
  sti();
  for (i = 0; i < 100000000; i++)
    ;
  cli();
  puts("no interrupt");
  return 0;
}`),
    );
    expect(run.output).toBe("no interrupt\n");
    expect(run.status).toBe(1);
  });
});
