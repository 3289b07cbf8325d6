// The optimisation level in Chromium. The toolbar selector works by
// keyboard, and a run at -O0 names its level in the status line and the
// Assembly view. Share links and the per-tab autosave keep the level, and
// the embed page and the widget take it as `optimize`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../../src/editor/examples";
import { decodeShareLink } from "../../src/editor/share/link-codec";
import { cachedSite, CHROMIUM_PATH, chromiumAvailable, launchChromium, PlaygroundPage, serveDirectory, type BrowserSession, type StaticServer } from "./driver";

const available = chromiumAvailable();
if (!available) console.log(`optimisation level browser tests skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);

const PROGRAM = `#include <stdio.h>

static int triangle(int n) {
    int sum = 0;
    for (int i = 1; i <= n; i++)
        sum += i;
    return sum;
}

int main(void) {
    printf("triangle %d\\n", triangle(20));
    return 4;
}
`;

/** Waits until the Assembly view's header names a build at `level` (such as "-O0"), and returns the header text. */
async function listingHeader(page: Page, level: string): Promise<string> {
  const header = page.getByTestId("listing-level");
  await page.locator(`[data-testid="listing-level"][data-level="${level}"]`).waitFor({ state: "attached", timeout: 30_000 });
  return (await header.textContent()) ?? "";
}

describe("optimisation level", () => {
  let server: StaticServer | undefined;
  let host: StaticServer | undefined;
  let hostDir = "";
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    if (!available) return;
    server = await serveDirectory(await cachedSite());
    hostDir = mkdtempSync(join(tmpdir(), "ukp-optimize-host-"));
    host = await serveDirectory(hostDir, { subpath: "/host/" });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
    if (hostDir) rmSync(hostDir, { recursive: true, force: true });
  });

  it.skipIf(!available)("page runs at -O0 and shares it", async () => {
    const playground = await PlaygroundPage.open(browser!.context, server!.url);
    const page = playground.page;
    try {
      await playground.setSource(PROGRAM);
      const select = page.getByRole("combobox", { name: "Optimisation" });
      expect(await select.inputValue()).toBe("2");
      expect(await page.locator("label", { has: select }).getAttribute("title")).toMatch(/^Compiler optimisation level, as gcc's -O flags\. -O0 /);
      expect(await page.getByTestId("listing-level").textContent()).toBe("Run the program to see its assembly. The next build uses -O2.");

      // Keyboard only: the select takes focus and the arrow keys change the level.
      await select.focus();
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("ArrowUp");
      expect(await select.inputValue()).toBe("0");
      expect(await page.evaluate(() => window.__playground!.workspace().options.optimize)).toBe(0);

      const outcome = await playground.run();
      expect(outcome.consoleLines).toEqual(["triangle 210"]);
      expect(outcome.status).toMatch(/^-O0 build · compile /);
      expect(outcome.status).toMatch(/ · exited with code 4$/);
      await page.getByTestId("view-listing").click();
      expect(await listingHeader(page, "-O0")).toBe("Assembly of the -O0 build");
      const unoptimisedListing = await page.evaluate(() => window.__playground!.listing.text());
      expect(unoptimisedListing).toMatch(/^triangle:$/m);
      // -O0 evaluates `sum += i` on the stack, as gcc -O0 does.
      expect(unoptimisedListing).toMatch(/^\tpushl\t%eax$/m);

      await page.getByTestId("share").click();
      const url = await page.getByTestId("share-url").inputValue();
      expect(url).toMatch(/#s2\.[A-Za-z0-9_-]+$/);
      const decoded = decodeShareLink(url.slice(url.indexOf("#")));
      if (!decoded.ok) throw new Error(`the shared link does not decode: ${decoded.detail}`);
      expect(decoded.workspace.options.optimize).toBe(0);

      const opened = await PlaygroundPage.open(browser!.context, server!.url, `en${url.slice(url.indexOf("#"))}`);
      try {
        expect(await opened.page.getByTestId("optimize").inputValue()).toBe("0");
        const fromLink = await opened.run();
        expect(fromLink.consoleLines).toEqual(["triangle 210"]);
        expect(fromLink.status).toMatch(/^-O0 build · /);
      } finally {
        await opened.close();
      }

      // The per-tab autosave keeps the level across a reload.
      await page.reload();
      await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId("optimize").inputValue()).toBe("0");

      await page.getByTestId("optimize").selectOption("2");
      await page.getByTestId("view-listing").click();
      await playground.run();
      await page.getByTestId("optimize").selectOption("1");
      expect(await listingHeader(page, "-O2")).toBe("Assembly of the -O2 build. Run again to see the -O1 build.");
      const optimised = await playground.run();
      expect(optimised.consoleLines).toEqual(["triangle 210"]);
      expect(optimised.status).toMatch(/^-O1 build · compile /);
      expect(await listingHeader(page, "-O1")).toBe("Assembly of the -O1 build");
      const optimisedListing = await page.evaluate(() => window.__playground!.listing.text());
      expect(optimisedListing).toMatch(/^triangle:$/m);
      expect(optimisedListing).not.toMatch(/^\tpushl\t%eax$/m);

      // Loading an example replaces the files but keeps the reader's level.
      await page.getByTestId("examples").selectOption(EXAMPLES[0].id);
      expect(await page.evaluate(() => window.__playground!.workspace().files["main.c"])).toBe(EXAMPLES[0].files["main.c"]);
      expect(await page.getByTestId("optimize").inputValue()).toBe("1");
      expect(playground.errors).toEqual([]);
    } finally {
      await playground.close();
    }
  });

  it.skipIf(!available)("selector is labelled in Korean", async () => {
    const playground = await PlaygroundPage.open(browser!.context, server!.url, "ko");
    try {
      // The level itself comes from the autosave that the test above left in this browser context.
      const select = playground.page.getByRole("combobox", { name: "최적화" });
      expect(await playground.page.locator("label", { has: select }).getAttribute("title")).toMatch(/^컴파일러 최적화 수준입니다/);
      expect(await select.locator("option").allTextContents()).toEqual(["-O0 · 없음", "-O1 · 기본", "-O2 · 전체 (기본값)"]);
    } finally {
      await playground.close();
    }
  });

  it.skipIf(!available)("embed page takes optimize", async () => {
    const page = await browser!.context.newPage();
    try {
      await page.goto(`${server!.url}embed.html?lang=en&optimize=0&autorun=1&panes=editor,console,listing`);
      await page.locator('[data-testid="status"][data-state="done"]').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId("status").textContent()).toMatch(/^-O0 build · compile .* · exited with code 0$/);
      await page.getByTestId("view-listing").click();
      expect(await listingHeader(page, "-O0")).toBe("Assembly of the -O0 build");
      const href = (await page.getByTestId("open-playground").getAttribute("href"))!;
      expect(href).toMatch(/index\.html#s2\./);
      const decoded = decodeShareLink(href.slice(href.indexOf("#")));
      if (!decoded.ok) throw new Error(`the widget's link does not decode: ${decoded.detail}`);
      expect(decoded.workspace.options.optimize).toBe(0);

      await page.goto(`${server!.url}embed.html?lang=en&optimize=3&autorun=1`);
      await page.locator('[data-testid="status"][data-state="done"]').waitFor({ timeout: 60_000 });
      expect(await page.locator("#notice-text").textContent()).toBe(
        'Invalid optimisation level "3": the widget accepts 0, 1 or 2 (-O0, -O1, -O2), so it builds at the link\'s level or -O2.',
      );
      expect(await page.getByTestId("status").textContent()).toMatch(/^-O2 build · /);
    } finally {
      await page.close();
    }
  });

  it.skipIf(!available)("widget forwards optimize", async () => {
    writeFileSync(
      join(hostDir, "element.html"),
      `<!doctype html><meta charset="utf-8"><body>
<unikernel-playground id="element" autorun optimize="0" panes="editor,console" src="${server!.url}embed.html?lang=en">
  <script type="text/plain" data-file="main.c">
    #include <stdio.h>
    int main(void) { puts("optimize attribute"); return 0; }
  </script>
</unikernel-playground>
<script>
window.builds = [];
document.getElementById("element").addEventListener("ukp-build", (event) => window.builds.push(event.detail));
</script>
<script type="module" src="${server!.url}widget.js"></script>
</body>`,
    );
    const page = await browser!.context.newPage();
    try {
      await page.goto(`${host!.url}element.html`);
      await page.waitForFunction(() => (window as unknown as { builds: unknown[] }).builds.length > 0, undefined, { timeout: 60_000 });
      const builds = await page.evaluate(() => (window as unknown as { builds: { ok: boolean; optimize: number }[] }).builds);
      expect(builds[0].ok).toBe(true);
      expect(builds[0].optimize).toBe(0);
      expect(await page.locator("unikernel-playground iframe").getAttribute("src")).toMatch(/[?&]optimize=0(&|#)/);
    } finally {
      await page.close();
    }
  });
});
