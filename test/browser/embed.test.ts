// The embed page in a sandboxed iframe on another origin, its postMessage
// API and hostile messages, the <unikernel-playground> element in a host
// page, and each tutorial lesson's check.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeShareLink } from "../../src/editor/share/link-codec";
import { TOOLCHAIN_VERSION } from "../../src/editor/workspace";
import { cachedSite, CHROMIUM_PATH, chromiumAvailable, launchChromium, serveDirectory, type BrowserSession, type StaticServer } from "./driver";

const available = chromiumAvailable();
if (!available) console.log(`embed tests skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);

const EMBEDDED = `#include <stdio.h>

int main(void) {
    printf("from the widget\\n");
    return 3;
}
`;

/** Solutions that pass each tutorial's check. */
const SOLUTIONS: Record<string, string> = {
  what: '#include <stdio.h>\nint main(void) { printf("my first unikernel\\n"); return 0; }\n',
  "address-space": '#include <stdio.h>\nint main(void) {\n    printf("main at %p\\n", (void *)main);\n    printf("printf at %p\\n", (void *)printf);\n    return 0;\n}\n',
  size: '#include <stdio.h>\nint main(void) { puts("small"); return 0; }\n',
  "boot-time": '#include <stdio.h>\nint main(void) { puts("booted"); return 0; }\n',
  drivers:
    '#include <stdio.h>\n#include <unikernel.h>\nint main(void) {\n    int bcd, s;\n    do { outb(0x00, 0x70); bcd = inb(0x71); s = (bcd >> 4) * 10 + (bcd & 15); } while (s == 0);\n    printf("seconds: %d\\n", s);\n    return 0;\n}\n',
  "attack-surface": '#include <stdio.h>\nint main(void) { int *p = 0; *p = 1; return 0; }\n',
};

interface HostEvent {
  source: string;
  type: string;
  id?: string;
  text?: string;
  message?: string;
  end?: { reason: string; exitCode?: number };
  report?: { imageBytes?: number };
}

describe("embedding", () => {
  let site: StaticServer | undefined;
  let host: StaticServer | undefined;
  let hostDir = "";
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    if (!available) return;
    site = await serveDirectory(await cachedSite());
    hostDir = mkdtempSync(join(tmpdir(), "ukp-host-"));
    const link = encodeShareLink({ files: { "main.c": EMBEDDED }, active: "main.c", options: { timeoutMs: 0 }, libos: "", toolchain: TOOLCHAIN_VERSION });
    // The host page is on another origin (another port) and records every message from the widget.
    writeFileSync(
      join(hostDir, "iframe.html"),
      `<!doctype html><meta charset="utf-8"><body>
<iframe id="widget" sandbox="allow-scripts allow-same-origin" style="width:900px;height:500px"
  src="${site.url}embed.html?id=w1&autorun=1&panes=editor,console,timeline&theme=dark#${link}"></iframe>
<script>
window.events = [];
addEventListener("message", (event) => window.events.push(event.data));
</script></body>`,
    );
    writeFileSync(
      join(hostDir, "element.html"),
      `<!doctype html><meta charset="utf-8"><body>
<unikernel-playground id="element" autorun readonly height="360" src="${site.url}embed.html">
  <script type="text/plain" data-file="main.c">
    #include <stdio.h>
    #include "greeting.h"
    int main(void) {
        printf("%s\\n", GREETING);
        return 0;
    }
  </script>
  <script type="text/plain" data-file="greeting.h">
    #define GREETING "from the element"
  </script>
</unikernel-playground>
<script>
window.elementEvents = [];
document.getElementById("element").addEventListener("ukp-exit", (event) => window.elementEvents.push(event.detail));
</script>
<script type="module" src="${site.url}widget.js"></script>
</body>`,
    );
    host = await serveDirectory(hostDir, { subpath: "/host/" });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await site?.close();
    if (hostDir) rmSync(hostDir, { recursive: true, force: true });
  });

  const events = (page: Page) => page.evaluate(() => (window as unknown as { events: HostEvent[] }).events);
  const waitForEvent = (page: Page, type: string, count = 1) =>
    page.waitForFunction(
      ({ type, count }) => (window as unknown as { events: HostEvent[] }).events.filter((e) => e.type === type).length >= count,
      { type, count },
      { timeout: 60_000 },
    );

  it.skipIf(!available)("iframe autoruns and posts events", async () => {
    const page = await browser!.context.newPage();
    try {
      await page.goto(`${host!.url}iframe.html`);
      await waitForEvent(page, "exit");
      await waitForEvent(page, "metrics");
      const received = await events(page);
      expect(received.find((e) => e.type === "ready")).toMatchObject({ source: "ukp-embed", id: "w1" });
      expect(received.filter((e) => e.type === "output").map((e) => e.text).join("")).toBe("from the widget\n");
      expect(received.find((e) => e.type === "exit")?.end).toEqual({ reason: "exit", exitCode: 3 });
      expect(received.find((e) => e.type === "metrics")?.report?.imageBytes).toBeGreaterThan(1000);

      const frame = page.frame({ url: /embed\.html/ })!;
      expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
      expect(await frame.locator('[data-testid="view-listing"]').isHidden()).toBe(true);
      expect(await frame.locator('[data-testid="view-timeline"]').isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it.skipIf(!available)("postMessage API and hostile messages", async () => {
    const page = await browser!.context.newPage();
    try {
      await page.goto(`${host!.url}iframe.html`);
      await waitForEvent(page, "exit");
      const post = (message: unknown) =>
        page.evaluate((m) => (document.getElementById("widget") as HTMLIFrameElement).contentWindow!.postMessage(m, "*"), message);

      await post({ source: "ukp-host", type: "eval", code: "parent.pwned = 1" });
      await post({ source: "ukp-host", type: "setFiles", files: { "../etc.c": "x" } });
      const hostile = '<img src=x onerror="parent.pwned=2">\n#include <stdio.h>\nint main(void) { puts("</script><b>x</b>"); return 0; }\n';
      await post({ source: "ukp-host", type: "setFiles", files: { "main.c": hostile } });
      await post({ source: "ukp-host", type: "run" });
      await waitForEvent(page, "build", 2);
      await waitForEvent(page, "metrics", 2);

      const received = await events(page);
      const errors = received.filter((e) => e.type === "error").map((e) => e.message);
      expect(errors).toEqual([
        'unknown command type "eval": expected run, stop or setFiles',
        'setFiles rejected: "../etc.c" is not a valid file name: use letters, digits, "_", "-" and ".", ending in .c, .h or .s',
      ]);
      const frame = page.frame({ url: /embed\.html/ })!;
      expect(await frame.evaluate(() => window.__playground!.workspace().files["main.c"])).toBe(hostile);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await frame.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await frame.locator("img").count()).toBe(0);
      // The stray first line is a compile error, shown as text in the console.
      const build = received.filter((e) => e.type === "build")[1] as unknown as { ok: boolean; diagnostics: string[] };
      expect(build.ok).toBe(false);
      expect(build.diagnostics[0]).toMatch(/^main\.c:1:1: error: /);

      await post({ source: "ukp-host", type: "setFiles", files: { "main.c": EMBEDDED } });
      await post({ source: "ukp-host", type: "run" });
      await waitForEvent(page, "exit", 2);
      expect((await events(page)).filter((e) => e.type === "exit")[1].end).toEqual({ reason: "exit", exitCode: 3 });
    } finally {
      await page.close();
    }
  });

  it.skipIf(!available)("custom element runs inline files", async () => {
    const page = await browser!.context.newPage();
    try {
      await page.goto(`${host!.url}element.html`);
      await page.waitForFunction(() => (window as unknown as { elementEvents: unknown[] }).elementEvents.length > 0, undefined, { timeout: 60_000 });
      const element = page.locator("unikernel-playground");
      expect(await element.evaluate((e) => (e as HTMLElement & { output: string }).output)).toBe("from the element\n");
      expect(await page.evaluate(() => (window as unknown as { elementEvents: { end: unknown }[] }).elementEvents[0].end)).toEqual({
        reason: "exit",
        exitCode: 0,
      });
      expect(await element.locator("iframe").getAttribute("sandbox")).toBe("allow-scripts allow-same-origin");
      const frame = page.frame({ url: /embed\.html/ })!;
      expect(await frame.evaluate(() => window.__playground!.editor.getOption(window.__playground!.monaco.editor.EditorOption.readOnly))).toBe(true);
      expect(await frame.locator('[data-testid="add-file"]').isDisabled()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it.skipIf(!available)("tutorial checks pass with solutions", async () => {
    const page = await browser!.context.newPage();
    try {
      await page.goto(`${site!.url}tutorials.html?lang=ko`);
      const ids = Object.keys(SOLUTIONS);
      expect(await page.locator("section.lesson").count()).toBe(ids.length);
      expect(await page.locator("h1").textContent()).toBe("유니커널 튜토리얼");
      for (const id of ids) {
        const widget = page.getByTestId(`widget-${id}`);
        const result = page.getByTestId(`result-${id}`);
        await page.locator(`[data-testid="widget-${id}"][data-ready="true"]`).waitFor({ timeout: 60_000 });
        // The starter code does not pass.
        await widget.evaluate((e) => (e as HTMLElement & { run(): void }).run());
        await page.waitForFunction((id) => document.querySelector(`[data-testid="result-${id}"]`)?.hasAttribute("data-passed"), id, { timeout: 60_000 });
        expect(await result.getAttribute("data-passed"), `${id} starter`).toBe("false");
        await widget.evaluate((e, source) => (e as HTMLElement & { setFiles(f: Record<string, string>): void }).setFiles({ "main.c": source }), SOLUTIONS[id]);
        await widget.evaluate((e) => (e as HTMLElement & { run(): void }).run());
        await page.waitForFunction((id) => document.querySelector(`[data-testid="result-${id}"]`)?.getAttribute("data-passed") === "true", id, {
          timeout: 60_000,
        });
        expect(await result.textContent()).toBe("완료: 실행이 과제를 해냈습니다.");
      }
    } finally {
      await page.close();
    }
  }, 180_000);
});
