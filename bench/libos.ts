// Library OS specialisation: image bytes, boot instructions to main and the
// bytes each component contributes, for three apps built with our own
// compiler and linker against public/images: hello world (puts only), a
// timer app and an app that uses every component.
// Run: npx tsx bench/libos.ts [--json FILE]
import { writeFileSync } from "node:fs";

import { build } from "../src/builder/build";
import type { LinkMap } from "../src/builder/types";
import { createNodeEmulator } from "../src/cli/node-emulator";
import { loadNodeLibrary } from "../src/cli/node-library";

const HELLO = `#include <stdio.h>
int main(void) { puts("hello, world"); return 0; }
`;

const TIMER = `#include <stdio.h>
#include <unikernel.h>
static volatile int ticks;
static void tick(void) { ticks++; }
int main(void)
{
  timer_every(10, tick);
  sleep_ms(50);
  printf("%d ticks in %u us\\n", ticks, (unsigned)uptime_us());
  return 0;
}
`;

const EVERYTHING = `#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unikernel.h>

static jmp_buf env;
static volatile int ticks;
static void tick(void) { ticks++; }
static int compare(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static void done(void) { puts("done"); }

int main(void)
{
  struct pci_device devices[8];
  struct heap_stats stats;
  char line[32], word[16];
  int values[5] = { 5, 3, 9, 1, 7 }, n, number = 0;
  time_t now = time(NULL);
  char *copy = strdup("text");

  atexit(done);
  vga_console(1);
  vga_set_color(VGA_YELLOW, VGA_BLUE);
  timer_every(5, tick);
  sleep_ms(20);
  qsort(values, 5, sizeof values[0], compare);
  n = pci_scan(devices, 8);
  sscanf("word 42", "%15s %d", word, &number);
  snprintf(line, sizeof line, "%s %d %.3f", word, number, sqrt(2.0) + pow(2.0, 0.5) + sin(1.0));
  heap_get_stats(&stats);
  assert(isdigit('4') && copy != NULL);
  if (setjmp(env) == 0)
    longjmp(env, 1);
  printf("%s %d %d %u %d %ld %s\\n", line, values[0], n, stats.used_blocks, ticks > 0, (long)(now > 0), gmtime(&now)->tm_year > 100 ? "ok" : "bad");
  free(copy);
  return heap_check() >= 0 ? 0 : 1;
}
`;

interface Measurement {
  app: string;
  imageBytes: number;
  bootInstructions: number;
  instructions: number;
  exitCode: number | undefined;
  /** File bytes (no .bss) by component, largest first. */
  components: Record<string, number>;
}

function bytesByComponent(linkMap: LinkMap): Record<string, number> {
  const totals = new Map<string, number>();
  for (const section of linkMap.sections) {
    if (section.name === ".bss") continue;
    for (const input of section.inputs) totals.set(input.component, (totals.get(input.component) ?? 0) + input.size);
  }
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jsonIndex = args.indexOf("--json");
  const library = await loadNodeLibrary();
  const emulator = await createNodeEmulator();
  const results: Measurement[] = [];
  try {
    for (const [app, source] of [["hello", HELLO], ["timer", TIMER], ["everything", EVERYTHING]] as const) {
      const built = build({ files: { "app.c": source } }, library);
      const errors = built.diagnostics.filter((d) => d.severity === "error");
      if (!built.image || !built.linkMap || errors.length > 0) {
        throw new Error(`${app} failed to build: ${errors.map((d) => `${d.file}:${d.line}: ${d.message}`).join("; ")}`);
      }
      const run = await emulator.run(built.image, { timeoutMs: 20_000 });
      results.push({
        app,
        imageBytes: built.image.length,
        bootInstructions: run.boot?.bootInstructions ?? -1,
        instructions: run.instructions,
        exitCode: run.end.reason === "exit" || run.end.reason === "panic" ? run.end.exitCode : undefined,
        components: bytesByComponent(built.linkMap),
      });
    }
  } finally {
    emulator.dispose();
  }

  console.log("app          image bytes  boot instructions  exit  bytes by component");
  for (const r of results) {
    const parts = Object.entries(r.components).map(([name, bytes]) => `${name} ${bytes}`).join(", ");
    console.log(`${r.app.padEnd(12)} ${String(r.imageBytes).padStart(11)}  ${String(r.bootInstructions).padStart(17)}  ${String(r.exitCode).padStart(4)}  ${parts}`);
  }
  const hello = results[0];
  console.log(`hello world targets: image ${hello.imageBytes} <= 8192 bytes: ${hello.imageBytes <= 8192}, ` +
    `boot ${hello.bootInstructions} <= 5000 instructions: ${hello.bootInstructions >= 0 && hello.bootInstructions <= 5000}`);
  if (jsonIndex >= 0) writeFileSync(args[jsonIndex + 1], JSON.stringify(results, null, 2) + "\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
