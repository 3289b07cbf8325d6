// Drives the built playground in Chromium: the default program's console
// output and status line, a compile error as console text and a Monaco
// marker, Stop on a spinning guest, terminal input, and the Korean UI.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cachedSite,
  CHROMIUM_PATH,
  chromiumAvailable,
  launchChromium,
  PlaygroundPage,
  serveDirectory,
  type BrowserSession,
  type StaticServer,
} from "./driver";

const available = chromiumAvailable();
if (!available) console.log(`browser tests skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);

const DEFAULT_OUTPUT = [
  "hello from the unikernel, line 1",
  "hello from the unikernel, line 2",
  "hello from the unikernel, line 3",
];

const UNDECLARED = `#include <stdio.h>

int main(void) {
    return undefined_name;
}
`;

const SPINNING = `#include <stdio.h>

int main(void) {
    puts("spinning");
    while (1) {
    }
    return 0;
}
`;

const ECHO = `#include <stdio.h>

int main(void) {
    int c;
    puts("type a key");
    c = getchar();
    printf("got %c\\n", c);
    return c;
}
`;

describe("playground page", () => {
  let outDir = "";
  let server: StaticServer | undefined;
  let browser: BrowserSession | undefined;
  let playground: PlaygroundPage | undefined;
  let defaultSource = "";

  beforeAll(async () => {
    if (!available) return;
    outDir = await cachedSite();
    server = await serveDirectory(outDir);
    browser = await launchChromium();
    playground = await PlaygroundPage.open(browser.context, server.url);
    defaultSource = await playground.page.evaluate(() => window.__playground!.model.getValue());
  }, 300_000);

  afterAll(async () => {
    await playground?.close();
    await browser?.close();
    await server?.close();
  });

  it.skipIf(!available)("default program prints and exits", async () => {
    const outcome = await playground!.run();
    console.log(`playground: Run to first output ${outcome.firstOutputMs?.toFixed(1)} ms (status: ${outcome.status})`);

    expect(outcome.state).toBe("done");
    expect(outcome.consoleLines).toEqual(DEFAULT_OUTPUT);
    expect(outcome.status).toMatch(/\bcompile \d+(\.\d)? ms\b/);
    expect(outcome.status).toMatch(/\blink \d+(\.\d)? ms\b/);
    expect(outcome.status).toMatch(/\bimage [\d,]+ bytes\b/);
    expect(outcome.status).toMatch(/\bboot [\d,]+ instructions\b/);
    expect(outcome.status).toMatch(/\b[\d,]+(\.\d)? µs to main\b/);
    expect(outcome.status).toMatch(/\bfirst output [\d,]+(\.\d)? ms after Run\b/);
    expect(outcome.status).toMatch(/\bexited with code 0$/);
    expect(outcome.firstOutputMs).toBeGreaterThan(0);
    expect(playground!.errors).toEqual([]);
  });

  it.skipIf(!available)("second run reuses the emulator", async () => {
    const first = await playground!.run();
    const second = await playground!.run("shortcut");
    expect(second.run).toBe(first.run + 1);
    expect(second.consoleLines).toEqual(DEFAULT_OUTPUT);
    expect(second.status).toMatch(/\bexited with code 0$/);
    const bootInstructions = (outcome: typeof first) =>
      (outcome.report as { boot?: { bootInstructions: number } }).boot?.bootInstructions;
    expect(bootInstructions(second)).toBe(bootInstructions(first));
  });

  it.skipIf(!available)("compile error shows in console and markers", async () => {
    await playground!.setSource(UNDECLARED);
    const outcome = await playground!.run();

    expect(outcome.state).toBe("done");
    expect(outcome.consoleLines[0]).toMatch(/^main\.c:4:12: error: .*undefined_name/);
    expect(outcome.consoleLines[1]).toBe("    return undefined_name;");
    expect(outcome.consoleLines[2]).toMatch(/^ {11}\^~*$/);
    expect(outcome.status).toMatch(/build failed: 1 error\(s\)/);

    const markers = await playground!.markers();
    expect(markers.length).toBe(1);
    expect(markers[0].severity).toBe(8);
    expect(markers[0].startLineNumber).toBe(4);
    expect(markers[0].startColumn).toBe(12);
    expect(markers[0].message).toContain("undefined_name");
    // The failed build left the user's code alone.
    expect(await playground!.page.evaluate(() => window.__playground!.model.getValue())).toBe(UNDECLARED);
  });

  it.skipIf(!available)("stop ends a spinning guest", async () => {
    await playground!.setSource(SPINNING);
    await playground!.start();
    await playground!.waitForConsoleLine("spinning");
    expect(await playground!.statusState()).toBe("running");

    const stopped = await playground!.stop();
    expect(stopped.status).toMatch(/\bstopped$/);
    expect(stopped.consoleLines).toEqual(["spinning"]);

    await playground!.setSource(defaultSource);
    const after = await playground!.run();
    expect(after.consoleLines).toEqual(DEFAULT_OUTPUT);
    expect(after.status).toMatch(/\bexited with code 0$/);
  });

  it.skipIf(!available)("new run replaces a spinning guest", async () => {
    await playground!.setSource(SPINNING);
    await playground!.start();
    await playground!.waitForConsoleLine("spinning");

    await playground!.setSource(defaultSource);
    const outcome = await playground!.run();
    expect(outcome.consoleLines).toEqual(DEFAULT_OUTPUT);
    expect(outcome.status).toMatch(/\bexited with code 0$/);
  });

  it.skipIf(!available)("terminal input reaches COM1", async () => {
    await playground!.setSource(ECHO);
    await playground!.start();
    await playground!.waitForConsoleLine("type a key");
    await playground!.typeIntoConsole("x");
    await playground!.page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state === "done");

    expect(await playground!.consoleLines()).toEqual(["type a key", "got x"]);
    expect(await playground!.statusText()).toMatch(/\bexited with code 120$/);
  });

  it.skipIf(!available)("autosave keeps code across reload", async () => {
    const edited = "int main(void) {\n    return 7;\n}\n";
    await playground!.setSource(edited);
    // The editor saves 300 ms after the last change.
    await playground!.page.waitForTimeout(600);
    await playground!.page.reload();
    await playground!.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state === "ready",
    );
    expect(await playground!.page.evaluate(() => window.__playground!.model.getValue())).toBe(edited);

    const outcome = await playground!.run();
    expect(outcome.consoleLines).toEqual([]);
    expect(outcome.status).toMatch(/\bexited with code 7$/);
  });

  it.skipIf(!available)("load failures show in status", async () => {
    const workerScript = readdirSync(join(outDir, "assets")).find((name) => /^worker.*\.js$/.test(name));
    expect(workerScript).toBeDefined();
    const cases = [
      { missing: "/images/libos.json", status: /^The library OS failed to load: .*libos\.json.*404.*\. Reload the page to try again\.$/ },
      { missing: `/assets/${workerScript}`, status: /^The library OS failed to load: the worker script failed to load or crashed\. Reload/ },
      { missing: ".wasm", status: /^The emulator failed to load: fetching .*\.wasm failed: HTTP 404\. Reload the page to try again\.$/ },
    ];
    for (const failure of cases) {
      const broken = await serveDirectory(outDir, { missingSuffixes: [failure.missing] });
      const page = await PlaygroundPage.open(browser!.context, broken.url, "en", { allowError: true });
      try {
        console.log(`missing ${failure.missing}: ${await page.statusText()}`);
        expect(await page.statusState()).toBe("error");
        expect(await page.statusText()).toMatch(failure.status);
        expect(await page.page.getByTestId("run").isDisabled()).toBe(true);
      } finally {
        await page.close();
        await broken.close();
      }
    }
  });

  it.skipIf(!available)("korean UI from lang parameter", async () => {
    const korean = await PlaygroundPage.open(browser!.context, server!.url, "ko");
    try {
      expect(await korean.page.getByTestId("run").textContent()).toContain("실행");
      expect(await korean.page.getByTestId("stop").textContent()).toContain("중지");
      expect(await korean.statusText()).toBe("준비되었습니다. 실행 버튼이나 Ctrl+Enter를 누르세요.");
      expect(await korean.page.evaluate(() => document.documentElement.lang)).toBe("ko");

      await korean.page.getByTestId("language").selectOption("en");
      expect(await korean.page.getByTestId("run").textContent()).toContain("Run");
      expect(await korean.statusText()).toBe("Ready. Press Run or Ctrl+Enter.");
    } finally {
      await korean.close();
    }
  });
});
