// First figures for hello world: compile and link time against the native
// gcc and ld processes on the same input in the same run, image bytes, guest
// instructions from the first instruction to `main`, and Run-to-first-output
// in Chromium. Run: npx tsx bench/hello.ts [--runs N] [--no-browser] [--quick]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { build } from "../src/builder/build";
import { createNodeEmulator } from "../src/cli/node-emulator";
import { IMAGES_DIRECTORY, loadNodeLibrary } from "../src/cli/node-library";
import { gccUnavailableReason } from "./support/gcc";
import { isQuick, positiveIntegerOptionOrExit } from "./support/options";
import { median, percentile } from "./support/stats";

const HELLO = `#include <stdio.h>

int main(void) {
    printf("hello, world\\n");
    return 0;
}
`;

const args = process.argv.slice(2);
const runs = positiveIntegerOptionOrExit("hello", args, "runs", isQuick(args) ? 10 : 30);
const withBrowser = !args.includes("--no-browser");

function timeProcess(command: string, argv: string[], cwd: string): number {
  const start = performance.now();
  execFileSync(command, argv, { cwd, stdio: "ignore" });
  return performance.now() - start;
}

const library = await loadNodeLibrary();
const request = { files: { "main.c": HELLO } };

// Warm up the JIT the way a page does after its first Run.
for (let i = 0; i < 5; i++) build(request, library);
const compileMs: number[] = [];
const linkMs: number[] = [];
let image: Uint8Array | undefined;
for (let i = 0; i < runs; i++) {
  const result = build(request, library);
  if (!result.ok || !result.image) throw new Error("hello world failed to build");
  compileMs.push(result.timings.compileMs);
  linkMs.push(result.timings.linkMs);
  image = result.image;
}

const emulator = await createNodeEmulator();
const boots: number[] = [];
const firstOutput: number[] = [];
for (let i = 0; i < Math.min(runs, 10); i++) {
  const run = await emulator.run(image!, { timeoutMs: 10_000 });
  if (run.end.reason !== "exit" || !run.boot) throw new Error(`hello world did not exit: ${JSON.stringify(run.end)}`);
  boots.push(run.boot.bootInstructions);
  if (run.firstOutputMs !== undefined) firstOutput.push(run.firstOutputMs);
}
emulator.dispose();

const rows: string[][] = [
  ["compile (preprocess, compile, assemble) ms at the default -O2, median", median(compileMs).toFixed(2)],
  ["link ms, median", median(linkMs).toFixed(2)],
  ["image bytes", String(image!.length)],
  ["boot instructions to main (identical every run)", [...new Set(boots)].join(", ")],
  ["guest start to first output ms in Node, median", median(firstOutput).toFixed(2)],
];

const gccReason = gccUnavailableReason();
if (!gccReason) {
  const dir = mkdtempSync(join(tmpdir(), "ukp-bench-"));
  try {
    writeFileSync(join(dir, "main.c"), HELLO);
    const cflags = ["-m32", "-O0", "-ffreestanding", "-fno-pic", "-nostdinc", "-I", join(IMAGES_DIRECTORY, "..", "..", "libos", "include"), "-c", "main.c", "-o", "main.o"];
    const linkArgs = ["-m", "elf_i386", "-T", join(IMAGES_DIRECTORY, "..", "..", "libos", "link.ld"), "main.o", join(IMAGES_DIRECTORY, "libos.a"), "-o", "app.elf"];
    const gccMs: number[] = [];
    const ldMs: number[] = [];
    for (let i = 0; i < Math.min(runs, 20); i++) {
      gccMs.push(timeProcess("gcc", cflags, dir));
      ldMs.push(timeProcess("ld", linkArgs, dir));
    }
    rows.push(["gcc -m32 -O0 -c process ms, median", median(gccMs).toFixed(2)]);
    rows.push(["ld -m elf_i386 process ms, median", median(ldMs).toFixed(2)]);
    rows.push(["compile speed-up vs gcc process (gcc / ours)", (median(gccMs) / median(compileMs)).toFixed(1) + "x"]);
    rows.push(["link speed-up vs ld process (ld / ours)", (median(ldMs) / median(linkMs)).toFixed(1) + "x"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  console.log(`hello: the native reference rows are left out: ${gccReason}`);
}

if (withBrowser) {
  const driver = await import("../test/browser/driver");
  if (!driver.chromiumAvailable()) {
    console.log(`${driver.CHROMIUM_PATH} not found: the Chromium rows are left out`);
  } else {
    const server = await driver.serveDirectory(await driver.cachedSite());
    const browser = await driver.launchChromium();
    try {
      const page = await driver.PlaygroundPage.open(browser.context, server.url);
      await page.setSource(HELLO);
      await page.run();
      const pageFirstOutput: number[] = [];
      for (let i = 0; i < 20; i++) {
        const outcome = await page.run();
        if (outcome.firstOutputMs !== undefined) pageFirstOutput.push(outcome.firstOutputMs);
      }
      rows.push(["Chromium Run to first output ms, p50 (20 warm runs)", percentile(pageFirstOutput, 50).toFixed(1)]);
      rows.push(["Chromium Run to first output ms, p95 (20 warm runs)", percentile(pageFirstOutput, 95).toFixed(1)]);
    } finally {
      await browser.close();
      await server.close();
    }
  }
}

console.log("| hello world | value |\n|---|---|");
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
