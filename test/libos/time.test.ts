// The PIT, sleep_ms, timer callbacks, the TSC calibration and the RTC, in
// apps built by gcc and by our own pipeline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildImage, missingToolchain } from "./gcc-image";
import { createPipelineBooter, type PipelineBooter } from "./pipeline";
import { bootInV86 } from "./v86-boot";

const missing = missingToolchain();
if (missing) console.log(`libos gcc time tests skipped: ${missing}`);

const TIMER_APP = `#include <stdio.h>
#include <unikernel.h>
static volatile int fired;
static void tick(void) { fired++; }
int main(void)
{
  unsigned long long before, after;
  unsigned int start;
  int id, count, periods;
  timer_start(1000);
  printf("hz %u\\n", timer_hz());
  before = uptime_us();
  start = timer_ticks();
  sleep_ms(30);
  after = uptime_us();
  printf("ticks %d\\n", timer_ticks() - start >= 1);
  printf("elapsed %d\\n", after - before >= 29000);
  before = uptime_us();
  id = timer_every(10, tick);
  sleep_ms(50);
  timer_cancel(id);
  after = uptime_us();
  /* Once per elapsed period: the host may stretch the sleep, so the count follows the time that passed. */
  count = fired;
  periods = (int)((after - before) / 10000);
  printf("fired %d in %d periods\\n", count, periods);
  sleep_ms(30);
  printf("cancelled %d\\n", fired == count);
  printf("khz %u\\n", tsc_khz());
  return 0;
}
`;

const GMTIME_APP = `#include <stdio.h>
#include <time.h>
int main(void)
{
  static const time_t stamps[] = { 0, 951782400, 951868800, 1700000000, -86400, 2147483647, 68169600 };
  unsigned int i;
  for (i = 0; i < sizeof stamps / sizeof stamps[0]; i++) {
    struct tm *t = gmtime(&stamps[i]);
    printf("%04d-%02d-%02d %02d:%02d:%02d w%d y%d\\n", t->tm_year + 1900, t->tm_mon + 1, t->tm_mday, t->tm_hour,
           t->tm_min, t->tm_sec, t->tm_wday, t->tm_yday);
  }
  printf("now %ld\\n", (long)time(NULL));
  return 0;
}
`;

/** Formats the stamps as the app prints them, with JavaScript's Date in UTC. */
function expectedGmtime(stamps: number[]): string {
  return stamps
    .map((s) => {
      const d = new Date(s * 1000);
      const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000);
      const pad = (n: number, w = 2) => String(n).padStart(w, "0");
      return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} w${d.getUTCDay()} y${yday}\n`;
    })
    .join("");
}

const STAMPS = [0, 951782400, 951868800, 1700000000, -86400, 2147483647, 68169600];

function checkTimerOutput(output: string): void {
  const lines = output.split("\n");
  expect([lines[0], lines[1], lines[2], lines[4]]).toEqual(["hz 1000", "ticks 1", "elapsed 1", "cancelled 1"]);
  const [fired, periods] = (/^fired (\d+) in (\d+) periods$/.exec(lines[3]) ?? []).slice(1).map(Number);
  expect(periods).toBeGreaterThanOrEqual(5);
  expect(Math.abs(fired - periods), lines[3]).toBeLessThanOrEqual(1);
  // v86's TSC counts host nanoseconds, so the calibration lands near 1,000,000 kHz.
  const khz = Number(/^khz (\d+)$/.exec(lines[5])?.[1]);
  expect(khz).toBeGreaterThan(800_000);
  // Polling the PIT from v86 adds jitter of up to a few milliseconds on a busy host.
  expect(khz).toBeLessThan(1_500_000);
}

function checkGmtimeOutput(output: string): void {
  const lines = output.split("\n");
  expect(lines.slice(0, STAMPS.length).join("\n") + "\n").toBe(expectedGmtime(STAMPS));
  const now = Number(/^now (-?\d+)$/.exec(lines[STAMPS.length])?.[1]);
  expect(Math.abs(now - Date.now() / 1000)).toBeLessThan(120);
}

describe.skipIf(missing !== undefined)("time in gcc-built apps", () => {
  it("timer, sleep and callbacks", async () => {
    const run = await bootInV86(buildImage(TIMER_APP));
    expect(run.exitCode).toBe(0);
    checkTimerOutput(run.output);
  });

  it("rtc and gmtime", async () => {
    const run = await bootInV86(buildImage(GMTIME_APP));
    expect(run.exitCode).toBe(0);
    checkGmtimeOutput(run.output);
  });

  // A browser tab pauses v86 for longer than PIT channel 2 takes to wrap (55 ms).
  it("calibration survives host pauses", async () => {
    const image = buildImage(`#include <stdio.h>
#include <unikernel.h>
int main(void) { printf("khz %u\\n", tsc_khz()); return 0; }`);
    for (const pauseAfterMainMs of [2, 5, 8]) {
      const run = await bootInV86(image, { pauseAfterMainMs, pauseMs: 120 });
      const khz = Number(/^khz (\d+)\n$/.exec(run.output)?.[1]);
      expect(khz, `pause ${pauseAfterMainMs} ms after main`).toBeGreaterThan(800_000);
      expect(khz, `pause ${pauseAfterMainMs} ms after main`).toBeLessThan(1_500_000);
    }
  });

  it("rate outside the range panics", async () => {
    const run = await bootInV86(buildImage(`#include <unikernel.h>
int main(void) { timer_start(5); return 0; }`));
    expect(run.output).toBe("panic: timer_start: rate outside 19-10000 Hz\n");
    expect(run.exitCode).toBe(134);
  });

  it("hlt in main waits for an interrupt", async () => {
    const run = await bootInV86(buildImage(`#include <stdio.h>
#include <unikernel.h>
static volatile int ticks;
static void tick(void) { ticks++; }
int main(void)
{
  timer_every(10, tick);
  while (ticks < 3)
    __asm__ volatile("hlt");
  printf("woke after %d\\n", ticks >= 3);
  return 0;
}`));
    expect(run.output).toBe("woke after 1\n");
    expect(run.exitCode).toBe(0);
  });

  it("cli then hlt halts for good", async () => {
    const run = await bootInV86(buildImage(`#include <stdio.h>
int main(void) { puts("halting"); __asm__ volatile("cli; hlt"); puts("not reached"); return 0; }`), { timeoutMs: 1500 });
    expect(run.output).toBe("halting\n");
    expect(run.timedOut).toBe(true);
  });

  it("irq number outside 0-15 panics", async () => {
    const run = await bootInV86(buildImage(`#include <unikernel.h>
static void nothing(void) {}
int main(void) { irq_set_handler(16, nothing); return 0; }`));
    expect(run.output).toBe("panic: irq_set_handler: IRQ number outside 0-15\n");
    expect(run.exitCode).toBe(134);
  });
});

describe("time with our pipeline", () => {
  let booter: PipelineBooter;
  beforeAll(async () => {
    booter = await createPipelineBooter();
  });
  afterAll(() => booter?.dispose());

  it("timer, sleep and callbacks", async () => {
    const run = await booter.run(TIMER_APP);
    expect(run.end).toEqual({ reason: "exit", exitCode: 0 });
    checkTimerOutput(run.output);
  });

  it("rtc and gmtime", async () => {
    const run = await booter.run(GMTIME_APP);
    expect(run.end).toEqual({ reason: "exit", exitCode: 0 });
    checkGmtimeOutput(run.output);
  });
});
