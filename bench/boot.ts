// Boot figures in Node for hello world built at -O0 and -O2. Guest
// instructions from the image's first instruction to `main` are exact counts
// from v86. Host milliseconds of a warm reboot on a reused emulator are shown
// next to a cold start that creates a new emulator for each run.
// Warm reboots are measured twice: back to back, where run() itself zeroes
// the guest RAM the last run dirtied, and after 50 ms idle, where the
// emulator has already zeroed it in the background (as between two Runs
// in the page). Cold starts instantiate v86 from the wasm module the
// process compiled once; the one-time compile is shown on its own row.
// Run: npx tsx bench/boot.ts [--runs N] [--quick]   (N is at least 20)
import { build } from "../src/builder/build";
import { formatDiagnostic } from "../src/builder/diagnostic";
import { createNodeEmulator, loadV86Wasm } from "../src/cli/node-emulator";
import { loadNodeLibrary } from "../src/cli/node-library";
import type { Emulator } from "../src/emulator";
import { findGalleryExample } from "./support/examples";
import { isQuick, positiveIntegerOptionOrExit } from "./support/options";
import { percentile } from "./support/stats";
import { printTable, times } from "./support/table";

const IDLE_BEFORE_RUN_MS = 50;
const EXPECTED_OUTPUT = "hello, world\n";

const args = process.argv.slice(2);
const quick = isQuick(args);
const runs = Math.max(20, positiveIntegerOptionOrExit("boot", args, "runs", quick ? 20 : 40));

interface Sample {
  /** From the run() call to the first COM1 byte. */
  firstOutputMs: number;
  /** From the run() call to the resolved result (the guest exited). */
  exitMs: number;
  bootInstructions: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `image` once on `emulator`. Exits the process unless the guest prints hello world and exits with status 0. */
async function timeRun(emulator: Emulator, image: Uint8Array, label: string, startMs = performance.now()): Promise<Sample> {
  let firstOutputAt: number | undefined;
  let output = "";
  const result = await emulator.run(image, {
    timeoutMs: 10_000,
    onOutput: (bytes) => {
      firstOutputAt ??= performance.now();
      output += Buffer.from(bytes).toString("utf8");
    },
  });
  const exitMs = performance.now() - startMs;
  if (result.end.reason !== "exit" || result.end.exitCode !== 0 || output !== EXPECTED_OUTPUT || !result.boot || firstOutputAt === undefined) {
    console.error(`boot: ${label}: expected exit 0 and ${JSON.stringify(EXPECTED_OUTPUT)}, got ${JSON.stringify(result.end)} and ${JSON.stringify(output)}`);
    process.exit(1);
  }
  return { firstOutputMs: firstOutputAt - startMs, exitMs, bootInstructions: result.boot.bootInstructions };
}

function buildHello(optimize: 0 | 2): Uint8Array {
  const hello = findGalleryExample("hello");
  const result = build({ files: hello.files, optimize }, library);
  if (!result.ok || !result.image) {
    console.error(`boot: hello world at -O${optimize} failed to build:\n${result.diagnostics.map((d) => formatDiagnostic(d, hello.files)).join("")}`);
    process.exit(1);
  }
  return result.image;
}

const library = await loadNodeLibrary();
const images = { 0: buildHello(0), 2: buildHello(2) };

const compileStart = performance.now();
await loadV86Wasm();
const wasmCompileMs = performance.now() - compileStart;

// Boot instructions for both levels: main is reached before any app code runs, so they should agree.
const bootCounts: Record<0 | 2, Set<number>> = { 0: new Set(), 2: new Set() };
const emulator = await createNodeEmulator();
const backToBack: Sample[] = [];
const afterIdle: Sample[] = [];
try {
  for (const level of [0, 2] as const) {
    for (let i = 0; i < 3; i++) bootCounts[level].add((await timeRun(emulator, images[level], `warm-up at -O${level}`)).bootInstructions);
  }
  for (let i = 0; i < runs; i++) {
    backToBack.push(await timeRun(emulator, images[2], `back-to-back run ${i}`));
  }
  for (let i = 0; i < runs; i++) {
    await sleep(IDLE_BEFORE_RUN_MS);
    afterIdle.push(await timeRun(emulator, images[2], `run ${i} after idle`));
  }
} finally {
  emulator.dispose();
}
for (const sample of [...backToBack, ...afterIdle]) bootCounts[2].add(sample.bootInstructions);

// Cold: a new emulator per run, disposed afterwards, so no run reuses a warm emulator.
const cold: Sample[] = [];
const createMs: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const fresh = await createNodeEmulator();
  createMs.push(performance.now() - start);
  try {
    cold.push(await timeRun(fresh, images[2], `cold run ${i}`, start));
  } finally {
    fresh.dispose();
  }
}

const p50 = (values: number[]) => percentile(values, 50);
const p95 = (values: number[]) => percentile(values, 95);
const rows: string[][] = [];
const addRow = (name: string, samples: Sample[]) => {
  const first = samples.map((s) => s.firstOutputMs);
  const exit = samples.map((s) => s.exitMs);
  rows.push([name, p50(first).toFixed(2), p95(first).toFixed(2), p50(exit).toFixed(2), p95(exit).toFixed(2)]);
};
addRow(`warm reboot, back to back (${runs} runs)`, backToBack);
addRow(`warm reboot, after ${IDLE_BEFORE_RUN_MS} ms idle (${runs} runs)`, afterIdle);
addRow(`cold: createEmulator + run (${runs} runs)`, cold);

console.log(`boot instructions to main: hello at -O0 ${[...bootCounts[0]].join(", ")}, at -O2 ${[...bootCounts[2]].join(", ")}` +
  " (one value per level means every run counted the same)");
console.log(`v86 wasm compile, once per process: ${wasmCompileMs.toFixed(1)} ms; createEmulator p50 ${p50(createMs).toFixed(2)} ms, p95 ${p95(createMs).toFixed(2)} ms\n`);
printTable(["hello world (-O2) in Node", "to first output p50 ms", "p95 ms", "to exit p50 ms", "p95 ms"], rows);
const warmExit = p50(afterIdle.map((s) => s.exitMs));
const coldExit = p50(cold.map((s) => s.exitMs));
console.log(`\ncold / warm (after idle), run() call to exit, p50: ${times(coldExit / warmExit)}; ` +
  `cold / warm (back to back): ${times(coldExit / p50(backToBack.map((s) => s.exitMs)))}`);
