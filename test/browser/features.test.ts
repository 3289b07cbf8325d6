// The playground's product features in Chromium: share links, autosave,
// several files, the views, the examples gallery, the CSP, build
// supervision, input latency under a busy guest, themes, layout and the
// Korean UI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../../src/editor/examples";
import { encodeShareLink } from "../../src/editor/share/link-codec";
import { TOOLCHAIN_VERSION } from "../../src/editor/workspace";
import { cachedSite, CHROMIUM_PATH, chromiumAvailable, launchChromium, PlaygroundPage, serveDirectory, type BrowserSession, type StaticServer } from "./driver";

const available = chromiumAvailable();
if (!available) console.log(`browser feature tests skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);

/** xorshift32, so the 50 KB program is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

/** Returns a valid C program of about `bytes` characters with Korean comments and strings that do not compress well. */
function largeProgram(bytes: number): string {
  const next = random(7);
  const words = ["유니커널", "커널", "부팅", "αβγ", "naïve", "🙂", "main", "value", "한글", "テスト"];
  let body = "";
  let i = 0;
  while (body.length < bytes) {
    const word = () => words[Math.floor(next() * words.length)];
    body += `/* ${word()} ${Math.floor(next() * 1e9)} ${word()} */ int v${i} = ${Math.floor(next() * 100000)};\n`;
    i++;
  }
  return `#include <stdio.h>\n${body}int main(void) {\n    printf("large %d\\n", v0 > -1);\n    return 0;\n}\n`;
}

const SPINNING = `#include <stdio.h>

int main(void) {
    puts("spinning");
    while (1) {
    }
    return 0;
}
`;

describe("playground features", () => {
  let server: StaticServer | undefined;
  let browser: BrowserSession | undefined;
  let playground: PlaygroundPage | undefined;

  beforeAll(async () => {
    if (!available) return;
    server = await serveDirectory(await cachedSite());
    browser = await launchChromium();
    await browser.context.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = violations;
      document.addEventListener("securitypolicyviolation", (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    playground = await PlaygroundPage.open(browser.context, server.url);
  }, 300_000);

  afterAll(async () => {
    await playground?.close();
    await browser?.close();
    await server?.close();
  });

  const page = () => playground!.page;
  const workspace = () => page().evaluate(() => window.__playground!.workspace());
  const setFiles = (files: Record<string, string>, active = "main.c") =>
    page().evaluate(
      ({ files, active }) => {
        const current = window.__playground!.workspace();
        window.__playground!.setWorkspace({ ...current, files, active });
      },
      { files, active },
    );

  it.skipIf(!available)("share link round trips 50 KB", async () => {
    const source = largeProgram(50_000);
    const files = { "main.c": source, "note.h": "/* 한국어 주석 — ünïcödé 🙂 */\n" };
    await setFiles(files, "note.h");
    await page().getByTestId("share").click();
    const url = await page().getByTestId("share-url").inputValue();
    console.log(`share link of a ${source.length}-character program: ${url.length} characters`);
    expect(url).toMatch(/#s2\.[A-Za-z0-9_-]+$/);

    const opened = await PlaygroundPage.open(browser!.context, server!.url, `en${url.slice(url.indexOf("#"))}`);
    try {
      const restored = await opened.page.evaluate(() => window.__playground!.workspace());
      expect(restored.files).toEqual(files);
      expect(restored.active).toBe("note.h");
      expect(await opened.page.evaluate(() => window.__playground!.noticeKey())).toMatch(/^linkOpened/);
      expect(await opened.page.evaluate(() => location.hash)).toBe("");
      const outcome = await opened.run();
      expect(outcome.consoleLines).toEqual(["large 1"]);
    } finally {
      await opened.close();
    }
  });

  it.skipIf(!available)("link from another version says so", async () => {
    const old = encodeShareLink({
      files: { "main.c": "int main(void) { return 0; }\n" },
      active: "main.c",
      options: { timeoutMs: 0 },
      libos: "0.0.1",
      toolchain: "0.0.1",
    });
    const opened = await PlaygroundPage.open(browser!.context, server!.url, `en#${old}`);
    try {
      const libos = await opened.page.evaluate(() => window.__playground!.workspace().libos);
      expect(await opened.page.locator("#notice-text").textContent()).toBe(
        `This link was made with toolchain 0.0.1 and library OS 0.0.1; this page has toolchain ${TOOLCHAIN_VERSION} and library OS ${libos}, so it may build differently.`,
      );
    } finally {
      await opened.close();
    }
  });

  it.skipIf(!available)("corrupted link keeps current work", async () => {
    const mine = { "main.c": "int main(void) { return 5; }\n" };
    await setFiles(mine);
    await page().waitForTimeout(100);
    const good = await page().evaluate(() => {
      document.getElementById("share")!.click();
      return (document.getElementById("share-url") as HTMLInputElement).value;
    });
    const hash = good.slice(good.indexOf("#"));
    const cases: [string, RegExp][] = [
      [hash.slice(0, hash.length - 7), /^This link is broken or cut off \(.*\)\. Copy the whole link and try again; your current code is kept\.$/],
      ["#s9.AAAA", /^This link was made by a newer playground \(link version 9, this page reads up to version 2\)\. Your current code is kept\.$/],
      ["#s1.<script>alert(1)</script>", /^This link is broken or cut off \(the link contains characters outside base64url or is cut off\)\./],
    ];
    for (const [fragment, message] of cases) {
      // Same tab: the page restores this tab's autosave, then reads the bad fragment.
      await page().goto("about:blank");
      await page().goto(`${server!.url}?lang=en${fragment}`);
      await page().waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state === "ready");
      expect(await page().locator("#notice-text").textContent()).toMatch(message);
      expect((await workspace()).files).toEqual(mine);
      expect(await page().evaluate(() => document.querySelectorAll("script:not([src])").length)).toBe(0);
    }
  });

  it.skipIf(!available)("autosave restores files and open file", async () => {
    const files = { "main.c": '#include "answer.h"\nint main(void) { return ANSWER; }\n', "answer.h": "#define ANSWER 42\n// 저장 ✓\n" };
    await setFiles(files, "answer.h");
    await page().reload();
    await page().waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state === "ready");
    const restored = await workspace();
    expect(restored.files).toEqual(files);
    expect(restored.active).toBe("answer.h");
    expect(await page().locator('[data-testid="files"] [role="tab"][aria-selected="true"]').textContent()).toBe("answer.h");
    const outcome = await playground!.run();
    expect(outcome.status).toMatch(/exited with code 42$/);
  });

  it.skipIf(!available)("multi-file build through the UI", async () => {
    await setFiles({ "main.c": '#include <stdio.h>\n#include "util.h"\nint main(void) {\n    printf("twice %d\\n", twice(21));\n    return 0;\n}\n' });
    await page().getByTestId("add-file").click();
    await page().getByTestId("file-name").fill("util.h");
    await page().keyboard.press("Enter");
    await page().evaluate(() => window.__playground!.model.setValue("int twice(int x);\n"));
    await page().getByTestId("add-file").click();
    await page().getByTestId("file-name").fill("bad/name.c");
    await page().keyboard.press("Enter");
    expect(await page().locator("#notice-text").textContent()).toContain('Invalid file name: "bad/name.c" is not a valid file name');
    await page().getByTestId("file-name").fill("util.c");
    await page().keyboard.press("Enter");
    await page().evaluate(() => window.__playground!.model.setValue('#include "util.h"\nint twice(int x) { return 2 * x; }\n'));
    expect(Object.keys((await workspace()).files).sort()).toEqual(["main.c", "util.c", "util.h"]);

    const outcome = await playground!.run();
    expect(outcome.consoleLines).toEqual(["twice 42"]);

    await page().getByTestId("rename-file").click();
    await page().getByTestId("file-name").fill("helpers.c");
    await page().keyboard.press("Enter");
    await page().getByTestId("delete-file").click();
    expect(Object.keys((await workspace()).files).sort()).toEqual(["main.c", "util.h"]);
    await page().getByTestId("notice-action").click();
    expect(Object.keys((await workspace()).files).sort()).toEqual(["helpers.c", "main.c", "util.h"]);
  });

  it.skipIf(!available)("example menu keeps a backup", async () => {
    const mine = { "main.c": "int main(void) { return 9; } /* mine */\n" };
    await setFiles(mine);
    await page().getByTestId("examples").selectOption("hello");
    expect(await page().locator("#notice-text").textContent()).toBe("Loaded the example. Your previous code is kept as a backup.");
    await page().reload();
    await page().waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state === "ready");
    expect(Object.keys((await workspace()).files)).toEqual(["main.c"]);
    expect((await workspace()).files["main.c"]).toContain("hello, world");
    await page().getByTestId("examples").selectOption("backup");
    expect((await workspace()).files).toEqual(mine);
    await page().getByTestId("notice-action").click();
    expect((await workspace()).files["main.c"]).toContain("hello, world");
  });

  it.skipIf(!available)("long-line error stays readable", async () => {
    const line = `int x = ${"1 + ".repeat(20_000)}1 +;`;
    await setFiles({ "main.c": `${line}\nint main(void) { return 0; }\n` });
    const outcome = await playground!.run();
    expect(outcome.consoleLines[0]).toMatch(/^main\.c:1:\d+: error: /);
    expect(outcome.consoleLines.length).toBeLessThan(10);
  });

  it.skipIf(!available)("listing maps source lines both ways", async () => {
    await setFiles({ "main.c": '#include <stdio.h>\nint square(int x) {\n    return x * x;\n}\nint main(void) {\n    printf("%d\\n", square(7));\n    return 0;\n}\n' });
    await playground!.run();
    await page().evaluate(() => window.__playground!.showView("listing"));
    await page().evaluate(() => window.__playground!.editor.setPosition({ lineNumber: 3, column: 5 }));
    const highlighted = await page().evaluate(() => window.__playground!.listing.highlightedLines());
    expect(highlighted.length).toBeGreaterThan(0);
    for (const line of highlighted) {
      expect(await page().evaluate((l) => window.__playground!.listing.sourceOfLine(l), line)).toEqual({ file: "main.c", line: 3 });
    }
    const printfLine = await page().evaluate(() => {
      for (let line = 1; line < 500; line++) {
        const source = window.__playground!.listing.sourceOfLine(line);
        if (source?.line === 6) return line;
      }
      return 0;
    });
    expect(printfLine).toBeGreaterThan(0);
    await page().evaluate((line) => window.__playground!.listing.selectLine(line), printfLine);
    expect(await page().evaluate(() => window.__playground!.editor.getPosition()?.lineNumber)).toBe(6);
  });

  it.skipIf(!available)("link map shows sizes and diff", async () => {
    await setFiles({ "main.c": '#include <stdio.h>\nint main(void) { printf("%d\\n", 1); return 0; }\n' });
    await playground!.run();
    await setFiles({ "main.c": '#include <stdio.h>\nint main(void) { puts("1"); return 0; }\n' });
    await playground!.run();
    await page().evaluate(() => window.__playground!.showView("linkmap"));
    const rows = await page().$$eval('[data-testid="size-chart"] .size-row', (items) =>
      items.map((item) => ({ component: (item as HTMLElement).dataset.component, bytes: Number((item as HTMLElement).dataset.bytes), delta: item.querySelector<HTMLElement>(".size-delta")?.dataset.delta })),
    );
    console.log(`link map components: ${JSON.stringify(rows)}`);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.some((row) => row.component === "app")).toBe(true);
    expect(rows.reduce((sum, row) => sum + Number(row.delta ?? 0), 0)).toBeLessThan(0);
    const members = await page().$$eval('[data-testid="pulled-members"] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ""));
    expect(members.some((text) => text.includes("puts"))).toBe(true);
    const changed = await page().$$eval('[data-testid="changed-symbols"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(changed.find((cells) => cells[0] === "puts")?.[2]).toBe("–");
    expect(changed.find((cells) => cells[0] === "libos_format")?.[3]).toBe("–");
  });

  it.skipIf(!available)("timeline records each run", async () => {
    await setFiles({ "main.c": '#include <stdio.h>\nint main(void) { puts("t"); return 0; }\n' });
    const before = (await page().evaluate(() => window.__playground!.timeline())).length;
    await playground!.run();
    const runs = await page().evaluate(() => window.__playground!.timeline());
    expect(runs.length).toBe(Math.min(10, before + 1));
    const t = runs[0];
    expect(t.compileMs).toBeGreaterThan(0);
    expect(t.builtMs).toBeGreaterThanOrEqual(t.compileMs + t.linkMs);
    expect(t.entryMs!).toBeGreaterThanOrEqual(t.builtMs);
    expect(t.mainMs!).toBeGreaterThanOrEqual(t.entryMs!);
    expect(t.firstOutputMs!).toBeGreaterThanOrEqual(t.mainMs!);
    expect(t.exitMs!).toBeGreaterThanOrEqual(t.firstOutputMs!);
    await page().evaluate(() => window.__playground!.showView("timeline"));
    expect(await page().locator('[data-testid="timeline-chart"] .timeline-row').count()).toBe(7);
  });

  it.skipIf(!available)("every example prints what it promises", async () => {
    // Each example is checked in turn and its failures collected, so one broken example does not hide the others.
    const failures: string[] = [];
    for (const example of EXAMPLES) {
      await page().getByTestId("examples").selectOption(example.id);
      expect((await workspace()).files).toEqual(example.files);
      if (example.input !== undefined) {
        await playground!.start();
        await page().waitForFunction(() => (document.querySelector('[data-testid="console"] .xterm-rows')?.textContent ?? "").trim().length > 0);
        await playground!.typeIntoConsole(example.input);
      }
      const outcome = example.input !== undefined ? await waitForEnd() : await playground!.run();
      const shown = JSON.stringify(outcome.consoleLines);
      example.expect.forEach((pattern, index) => {
        if (!pattern.test(outcome.consoleLines[index] ?? "")) failures.push(`${example.id} line ${index + 1} does not match ${pattern}: ${shown}`);
      });
      const exit = example.exit === "panic" ? /guest panicked|emulator crashed/ : new RegExp(`exited with code ${example.exit}$`);
      if (!exit.test(outcome.status)) failures.push(`${example.id} status "${outcome.status}" does not match ${exit}`);
      if (example.id === "vga-art") {
        await page().evaluate(() => window.__playground!.showView("vga"));
        expect(await page().getByTestId("vga").textContent()).toContain("UNIKERNEL");
        expect(await page().locator('[data-testid="vga"] span.vga-fg-14.vga-bg-1').first().textContent()).toMatch(/^=+$/);
        const layout = await page().getByTestId("vga").evaluate((screen) => {
          const rows = [...screen.querySelectorAll<HTMLElement>(".vga-row")];
          return {
            rows: rows.length,
            fits: screen.scrollWidth <= screen.clientWidth,
            gaps: rows.slice(1).filter((row, i) => Math.abs(row.getBoundingClientRect().top - rows[i].getBoundingClientRect().bottom) > 0.01).length,
          };
        });
        expect(layout).toEqual({ rows: 25, fits: true, gaps: 0 });
        await page().evaluate(() => window.__playground!.showView("console"));
      }
      if (example.id === "null-pointer") {
        const markers = await playground!.markers();
        expect(markers.length).toBe(1);
        expect(markers[0].startLineNumber).toBe(12);
        expect(markers[0].message).toMatch(/^page fault at 0x[0-9a-f]+ in main \(main\.c:12:\d+\)$/);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  async function waitForEnd() {
    await page().waitForFunction(() => {
      const state = document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state;
      return state === "done" || state === "error";
    });
    return {
      consoleLines: await playground!.consoleLines(),
      status: await playground!.statusText(),
    };
  }

  it.skipIf(!available)("build past its budget restarts the worker", async () => {
    await setFiles({ "main.c": largeProgram(200_000) });
    await page().evaluate(() => window.__playground!.setBuildBudget(5));
    const outcome = await playground!.run();
    expect(outcome.state).toBe("error");
    expect(outcome.status).toBe("-O2 build · The build took longer than 0.005 s and was cancelled; the build worker was restarted. Your code is kept.");
    expect((await workspace()).files["main.c"].length).toBeGreaterThan(20_000);
    await page().evaluate(() => window.__playground!.setBuildBudget(20_000));
    const again = await playground!.run();
    expect(again.consoleLines).toEqual(["large 1"]);
  });

  it.skipIf(!available)("fault report shows the call chain", async () => {
    await setFiles({
      "main.c": "#include <stdio.h>\nstatic void store(int *p) {\n    *p = 7;\n}\nint main(void) {\n    store(0);\n    return 0;\n}\n",
    });
    // At -O2 `store` is inlined into main; -O0 keeps the call chain the test reads.
    await page().getByTestId("optimize").selectOption("0");
    const outcome = await playground!.run();
    console.log(`fault report: ${JSON.stringify(outcome.consoleLines)}`);
    expect(outcome.status).toMatch(/guest panicked/);
    const report = outcome.consoleLines.findIndex((line) => /^page fault at 0x[0-9a-f]+ in store \(main\.c:3:\d+\)$/.test(line));
    expect(report).toBeGreaterThanOrEqual(0);
    expect(outcome.consoleLines.slice(report + 1).some((line) => /^ {2}called from 0x[0-9a-f]+ main \(main\.c:6:\d+\)$/.test(line))).toBe(true);
    const markers = await playground!.markers();
    expect(markers.map((m) => m.startLineNumber)).toEqual([3]);
    await page().getByTestId("optimize").selectOption("2");
  });

  it.skipIf(!available)("autosave survives worker loss, a fault and reload", async () => {
    const kept = { "main.c": "#include <stdio.h>\nint main(void) {\n    int *p = 0;\n    *p = 1; /* 한글 */\n    return 0;\n}\n" };
    await setFiles({ "main.c": largeProgram(200_000) });
    await page().evaluate(() => window.__playground!.setBuildBudget(5));
    expect((await playground!.run()).status).toMatch(/^-O2 build · The build took longer than 0\.005 s/);
    await page().evaluate(() => window.__playground!.setBuildBudget(20_000));
    // A wild jump ends in a library OS panic or, where the address is mapped oddly, in v86's own RuntimeError.
    await setFiles({ "main.c": "int main(void) {\n    ((void (*)(void))0xdeadbeef)();\n    return 0;\n}\n" });
    const wild = await playground!.run();
    console.log(`wild jump: ${wild.status}`);
    expect(wild.status).toMatch(/emulator crashed|guest panicked/);
    await setFiles(kept);
    const faulted = await playground!.run();
    expect(faulted.status).toMatch(/guest panicked/);
    expect(faulted.consoleLines.some((line) => /^page fault at 0x[0-9a-f]+ in main \(main\.c:4:\d+\)$/.test(line))).toBe(true);
    await page().reload();
    await page().waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state === "ready");
    expect((await workspace()).files).toEqual(kept);
  });

  it.skipIf(!available)("page stays responsive while the guest spins", async () => {
    await setFiles({ "main.c": SPINNING });
    await playground!.start();
    await playground!.waitForConsoleLine("spinning");
    await page().evaluate(() => {
      const latencies: number[] = [];
      (window as unknown as { __latencies: number[] }).__latencies = latencies;
      document.addEventListener(
        "keydown",
        (event) => {
          const pressed = event.timeStamp;
          requestAnimationFrame(() => setTimeout(() => latencies.push(performance.now() - pressed), 0));
        },
        true,
      );
    });
    await page().locator('[data-testid="editor"] .monaco-editor textarea').focus();
    await page().keyboard.press("Control+End");
    for (let i = 0; i < 20; i++) await page().keyboard.type("x", { delay: 30 });
    await page().waitForTimeout(200);
    const latencies = await page().evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)];
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
    console.log(`input latency while the guest spins: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${latencies.length} keys`);
    expect(await playground!.statusState()).toBe("running");
    const typed = (await workspace()).files["main.c"];
    expect(typed.replace(/\s+$/, "").endsWith("x".repeat(20)), JSON.stringify(typed.slice(-40))).toBe(true);
    // Control, End and the twenty keys.
    expect(latencies.length).toBe(22);
    // A frozen page would take seconds; one v86 time slice is a few milliseconds.
    expect(p95).toBeLessThan(500);
    const stopped = await playground!.stop();
    expect(stopped.status).toMatch(/stopped$/);
  });

  it.skipIf(!available)("time limit ends a spinning guest", async () => {
    await setFiles({ "main.c": SPINNING });
    await page().getByTestId("time-limit").fill("1");
    await page().getByTestId("time-limit").dispatchEvent("change");
    expect((await workspace()).options.timeoutMs).toBe(1000);
    const outcome = await playground!.run();
    expect(outcome.consoleLines).toEqual(["spinning"]);
    expect(outcome.status).toMatch(/· timed out$/);

    await page().getByTestId("time-limit").fill("-3");
    await page().getByTestId("time-limit").dispatchEvent("change");
    expect(await page().locator("#notice-text").textContent()).toBe("The time limit must be a whole number of seconds from 0 to 3600; empty means no limit.");
    expect(await page().getByTestId("time-limit").inputValue()).toBe("1");
    await page().getByTestId("time-limit").fill("");
    await page().getByTestId("time-limit").dispatchEvent("change");
    expect((await workspace()).options.timeoutMs).toBe(0);
  });

  it.skipIf(!available)("no CSP violations", async () => {
    const violations = await page().evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect(violations).toEqual([]);
    const policy = await page().locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(policy).toContain("worker-src 'self' blob:");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(await page().evaluate(() => document.querySelectorAll("script:not([src])").length)).toBe(0);
  });

  it.skipIf(!available)("shortcut, theme and other tabs", async () => {
    await page().getByTestId("share-url").evaluate((input: HTMLInputElement) => (input.value = ""));
    await page().locator('[data-testid="editor"] .monaco-editor textarea').focus();
    await page().keyboard.press("Control+s");
    expect(await page().getByTestId("share-url").inputValue()).toMatch(/#s2\./);

    await page().getByTestId("screen-reader").click();
    expect(await page().getByTestId("screen-reader").getAttribute("aria-pressed")).toBe("true");
    expect(await page().locator('[data-testid="console"] .xterm-accessibility').count()).toBe(1);

    await page().getByTestId("theme").click();
    const theme = await page().evaluate(() => document.documentElement.dataset.theme);
    await page().getByTestId("theme").click();
    expect(await page().evaluate(() => document.documentElement.dataset.theme)).not.toBe(theme);
    expect(await page().getByTestId("theme").getAttribute("aria-pressed")).toBe(String(theme === "light"));

    const other = await PlaygroundPage.open(browser!.context, server!.url);
    try {
      await other.setSource("int main(void) { return 1; }\n");
      await page().waitForFunction(() => window.__playground!.noticeKey() === "otherTabEditing");
      expect(await page().locator("#notice-text").textContent()).toContain("Each tab autosaves its own copy");
      expect((await workspace()).files["main.c"]).not.toBe("int main(void) { return 1; }\n");
    } finally {
      await other.close();
    }
  });

  it.skipIf(!available)("works at tablet width in Korean", async () => {
    const tablet = await browser!.context.newPage();
    try {
      await tablet.setViewportSize({ width: 768, height: 1024 });
      await tablet.goto(`${server!.url}?lang=ko`);
      await tablet.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state === "ready");
      expect(await tablet.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
      const editorBox = await tablet.getByTestId("editor").boundingBox();
      const consoleBox = await tablet.getByTestId("console").boundingBox();
      expect(editorBox!.width).toBeGreaterThan(600);
      expect(consoleBox!.height).toBeGreaterThan(150);
      expect(await tablet.getByTestId("share").textContent()).toContain("링크 복사");
      expect(await tablet.getByTestId("view-linkmap").textContent()).toBe("링크 맵");
      expect(await tablet.getByTestId("add-file").textContent()).toBe("새 파일");
      expect(await tablet.getByTestId("tutorials-link").textContent()).toBe("튜토리얼");
      await tablet.getByTestId("add-file").click();
      await tablet.getByTestId("file-name").fill("a b.c");
      await tablet.keyboard.press("Enter");
      expect(await tablet.locator("#notice-text").textContent()).toMatch(/^파일 이름이 올바르지 않습니다: /);
    } finally {
      await tablet.close();
    }
  });
});
