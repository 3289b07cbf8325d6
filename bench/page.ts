// Page benchmarks in Chromium: cold load to first output (a fresh browser
// context per run, so nothing is cached) for the playground page (Run
// clicked as soon as it is ready) and for embed.html?autorun=1, and warm
// edit-to-first-output on a loaded page (replace the source, Run, first
// guest byte) at -O2 and -O0, as p50 and p95.
// Run: npx tsx bench/page.ts [--runs N] [--quick]   (N is at least 20; --quick
// cuts the cold loads, 2 to 3 s each here, to 5 and keeps 20 warm runs)
import { chromium } from "playwright-core";
import type { OptimizeLevel } from "../src/builder/cc";
import { encodeShareLink } from "../src/editor/share/link-codec";
import { TOOLCHAIN_VERSION } from "../src/editor/workspace";
import { cachedSite, CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable, PlaygroundPage, serveDirectory } from "../test/browser/driver";
import { isQuick, positiveIntegerOptionOrExit } from "./support/options";
import { percentile } from "./support/stats";

const args = process.argv.slice(2);
const runs = Math.max(20, positiveIntegerOptionOrExit("page", args, "runs", 20));
const coldRuns = isQuick(args) ? 5 : runs;
/** Warm runs at the page's default level first, then at -O0. */
const WARM_LEVELS = [2, 0] as const;

const hello = (n: number) => `#include <stdio.h>

int main(void) {
    printf("hello, world %d\\n", ${n});
    return 0;
}
`;

if (!chromiumAvailable()) {
  console.log(`page: ${CHROMIUM_PATH} not found: nothing to measure`);
  process.exit(0);
}

const server = await serveDirectory(await cachedSite());
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const rows: [string, string][] = [];
try {
  const readyMs: number[] = [];
  const pageFirstOutputMs: number[] = [];
  const embedFirstOutputMs: number[] = [];
  const link = encodeShareLink({ files: { "main.c": hello(0) }, active: "main.c", options: { timeoutMs: 0 }, libos: "", toolchain: TOOLCHAIN_VERSION });

  for (let i = 0; i < coldRuns; i++) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}?lang=en#${link}`);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state === "ready", undefined, { timeout: 60_000 });
    readyMs.push(await page.evaluate(() => performance.now()));
    await page.evaluate(() => window.__playground!.run());
    pageFirstOutputMs.push(await page.evaluate(() => window.__playground!.lastReport()!.firstOutputAtMs!));

    const embed = await context.newPage();
    await embed.goto(`${server.url}embed.html?autorun=1#${link}`);
    await embed.waitForFunction(() => window.__playground?.lastReport()?.firstOutputAtMs !== undefined, undefined, { timeout: 60_000 });
    embedFirstOutputMs.push(await embed.evaluate(() => window.__playground!.lastReport()!.firstOutputAtMs!));
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const warmDriver = await PlaygroundPage.open(context, server.url);
  const warmMs: Record<OptimizeLevel, number[]> = { 0: [], 1: [], 2: [] };
  for (const level of WARM_LEVELS) {
    // The page's -O selector does the same: it replaces the workspace options.
    await warmDriver.page.evaluate((optimize) => {
      const playground = window.__playground!;
      const workspace = playground.workspace();
      playground.setWorkspace({ ...workspace, options: { ...workspace.options, optimize } });
    }, level);
    await warmDriver.setSource(hello(1));
    await warmDriver.run();
    for (let i = 0; i < runs; i++) {
      await warmDriver.setSource(hello(i + 2));
      const outcome = await warmDriver.run();
      if (outcome.consoleLines[0] !== `hello, world ${i + 2}`) throw new Error(`run ${i} at -O${level}: unexpected output ${JSON.stringify(outcome.consoleLines)}`);
      if (!outcome.status.startsWith(`-O${level} `)) throw new Error(`run ${i}: expected a -O${level} build, the status line reads ${JSON.stringify(outcome.status)}`);
      warmMs[level].push(outcome.firstOutputMs!);
    }
  }
  await context.close();

  const add = (name: string, values: number[]) => {
    rows.push([`${name}, p50`, percentile(values, 50).toFixed(1)]);
    rows.push([`${name}, p95`, percentile(values, 95).toFixed(1)]);
  };
  add(`cold load to Run enabled ms (index.html, ${coldRuns} fresh contexts)`, readyMs);
  add(`cold load to first output ms (index.html, Run on ready)`, pageFirstOutputMs);
  add(`cold load to first output ms (embed.html?autorun=1)`, embedFirstOutputMs);
  for (const level of WARM_LEVELS) add(`warm edit to first output ms (hello world at -O${level}, ${runs} runs)`, warmMs[level]);
} finally {
  await browser.close();
  await server.close();
}

console.log("| page | value |\n|---|---|");
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
