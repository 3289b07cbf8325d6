// Drives the playground page in Debian's Chromium through playwright-core:
// builds the site with vite, serves it on 127.0.0.1, opens the page, runs
// programs and reads the console and status line from the DOM. The browser
// test and the benchmarks share it.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { build } from "vite";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const repositoryRoot = resolve(import.meta.dirname, "..", "..");

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Runs `vite build` of the playground into `outDir`. */
export async function buildSite(outDir: string, configFile = join(repositoryRoot, "vite.config.ts")): Promise<void> {
  await build({
    root: repositoryRoot,
    configFile,
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
}

/** Files and folders whose change makes a new site build: the pages, the sources, the library OS and the config. */
const SITE_INPUTS = ["index.html", "embed.html", "tutorials.html", "vite.config.ts", "package-lock.json", "src", "public"];

function newestChange(path: string): { count: number; newest: number } {
  let info;
  try {
    info = statSync(path);
  } catch {
    return { count: 0, newest: 0 };
  }
  if (!info.isDirectory()) return { count: 1, newest: info.mtimeMs };
  let count = 0;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) {
    const child = newestChange(join(path, name));
    count += child.count;
    newest = Math.max(newest, child.newest);
  }
  return { count, newest };
}

/**
 * Returns a built site shared by all browser test files: one vite build per
 * change of the site's inputs, kept under the temp directory. Test files run
 * in parallel processes, so the first one builds while holding a lock
 * directory and the others wait for its `built` marker.
 */
export async function cachedSite(): Promise<string> {
  const hash = createHash("sha256");
  for (const input of SITE_INPUTS) hash.update(`${input}:${JSON.stringify(newestChange(join(repositoryRoot, input)))};`);
  const dir = join(tmpdir(), `ukp-site-${hash.digest("hex").slice(0, 16)}`);
  const marker = join(dir, ".built");
  const lock = `${dir}.lock`;
  for (let waited = 0; waited < 300_000; waited += 250) {
    if (existsSync(marker)) return dir;
    try {
      mkdirSync(lock);
    } catch {
      await new Promise((resume) => setTimeout(resume, 250));
      continue;
    }
    try {
      const staging = `${dir}.staging`;
      rmSync(staging, { recursive: true, force: true });
      await buildSite(staging);
      writeFileSync(join(staging, ".built"), "");
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
      return dir;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  throw new Error(`timed out waiting for another process to build ${dir}`);
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".ttf": "font/ttf",
  ".svg": "image/svg+xml",
  ".a": "application/octet-stream",
};

export interface StaticServer {
  /** The site's root URL, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The URL path the site is served under, starting and ending with `/`. */
  subpath?: string;
  /** Requests whose path ends with one of these get a 404, to test load failures. */
  missingSuffixes?: string[];
}

/**
 * Serves `dir` on 127.0.0.1 at a free port, under a subpath (default
 * `/playground/`) so that the test also proves the site works away from
 * the server root.
 */
export async function serveDirectory(dir: string, options: ServeOptions = {}): Promise<StaticServer> {
  const subpath = options.subpath ?? "/playground/";
  const missingSuffixes = options.missingSuffixes ?? [];
  const root = resolve(dir);
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    if (!pathname.startsWith(subpath) || missingSuffixes.some((suffix) => pathname.endsWith(suffix))) {
      response.writeHead(404).end("not found");
      return;
    }
    const relativePath = pathname.slice(subpath.length) || "index.html";
    const file = normalize(join(root, relativePath));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end("forbidden");
      return;
    }
    void (async () => {
      try {
        const info = await stat(file);
        const path = info.isDirectory() ? join(file, "index.html") : file;
        const body = await readFile(path);
        response.writeHead(200, {
          "content-type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream",
          "cache-control": "no-store",
          // Host pages on another origin load widget.js as a module script, which needs CORS.
          "access-control-allow-origin": "*",
        });
        response.end(body);
      } catch {
        response.writeHead(404).end("not found");
      }
    })();
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${subpath}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile directory, removed again by `close`. */
export async function launchChromium(): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), "ukp-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    // Wide enough for a console of about 95 columns, so that a diagnostic
    // line does not wrap into two DOM rows.
    viewport: { width: 1600, height: 1000 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type RunTrigger = "button" | "shortcut";

/** What one Run produced, read from the page. */
export interface RunOutcome {
  /** Console text from the DOM, one string per row, trailing blank rows removed. */
  consoleLines: string[];
  status: string;
  state: string;
  /** The page's run counter (the status line's `data-run`), one more for each Run. */
  run: number;
  /** Milliseconds from Run to the first guest output, measured in the page. */
  firstOutputMs?: number;
  report: unknown;
}

export class PlaygroundPage {
  /** Page errors and console errors, for failure messages. */
  readonly errors: string[] = [];

  private constructor(readonly page: Page) {
    page.on("pageerror", (error) => this.errors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") this.errors.push(`console: ${message.text()}`);
    });
  }

  /**
   * Opens the playground at `url` in `language` and waits until Run is
   * enabled. With `allowError`, it also returns when loading failed.
   */
  static async open(
    context: BrowserContext,
    url: string,
    language = "en",
    { timeoutMs = 60_000, allowError = false }: { timeoutMs?: number; allowError?: boolean } = {},
  ): Promise<PlaygroundPage> {
    const page = await context.newPage();
    const playground = new PlaygroundPage(page);
    await page.goto(`${url}?lang=${language}`);
    try {
      await page.waitForFunction(
        () => {
          const state = document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state;
          return state === "ready" || state === "error";
        },
        undefined,
        { timeout: timeoutMs },
      );
    } catch (error) {
      throw new Error(`the page did not become ready: ${await playground.statusText()} ${playground.errors.join("; ")}`, {
        cause: error,
      });
    }
    const state = await playground.statusState();
    if (state !== "ready" && !allowError) throw new Error(`the page failed to load: ${await playground.statusText()}`);
    return playground;
  }

  async setSource(text: string): Promise<void> {
    await this.page.evaluate((source) => window.__playground!.model.setValue(source), text);
  }

  async statusText(): Promise<string> {
    return (await this.page.getByTestId("status").textContent()) ?? "";
  }

  async statusState(): Promise<string> {
    return (await this.page.getByTestId("status").getAttribute("data-state")) ?? "";
  }

  /** Reads the terminal rows that xterm's DOM renderer draws. */
  async consoleLines(): Promise<string[]> {
    return this.page.evaluate(() => {
      const rows = document.querySelectorAll('[data-testid="console"] .xterm-rows > div');
      const lines = Array.from(rows, (row) => (row.textContent ?? "").replace(/\u00a0/g, " ").trimEnd());
      while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
      return lines;
    });
  }

  /**
   * Starts a run with the Run button, or with Ctrl+Enter in the editor when
   * `trigger` is "shortcut", and waits until that run is finished or failed.
   */
  async run(trigger: RunTrigger = "button", timeoutMs = 60_000): Promise<RunOutcome> {
    const run = await this.startRun(trigger);
    await this.waitForRun(run, ["done", "error"], timeoutMs);
    return this.outcome();
  }

  /** Starts a run and returns once its guest is running (or the run already ended). */
  async start(trigger: RunTrigger = "button", timeoutMs = 60_000): Promise<void> {
    const run = await this.startRun(trigger);
    await this.waitForRun(run, ["running", "done", "error"], timeoutMs);
  }

  /** Waits until the console shows a row equal to `line`. */
  async waitForConsoleLine(line: string, timeoutMs = 30_000): Promise<void> {
    try {
      await this.page.waitForFunction(
        (expected) =>
          Array.from(document.querySelectorAll('[data-testid="console"] .xterm-rows > div')).some(
            (row) => (row.textContent ?? "").replace(/\u00a0/g, " ").trimEnd() === expected,
          ),
        line,
        { timeout: timeoutMs },
      );
    } catch (error) {
      const consoleText = JSON.stringify(await this.consoleLines());
      throw new Error(`the console did not show "${line}" within ${timeoutMs} ms: console ${consoleText}, status "${await this.statusText()}"`, {
        cause: error,
      });
    }
  }

  /** Types `text` into the terminal, which sends it to the guest's COM1. */
  async typeIntoConsole(text: string): Promise<void> {
    await this.page.getByTestId("console").click();
    await this.page.keyboard.type(text);
  }

  /** Clicks Stop and waits for the status line to show the end of the run. */
  async stop(timeoutMs = 10_000): Promise<RunOutcome> {
    await this.page.getByTestId("stop").click();
    await this.page.waitForFunction(
      () => {
        const state = document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state;
        return state === "done" || state === "error";
      },
      undefined,
      { timeout: timeoutMs },
    );
    return this.outcome();
  }

  async markers(): Promise<{ severity: number; message: string; startLineNumber: number; startColumn: number }[]> {
    return this.page.evaluate(() =>
      window.__playground!.markers().map((m) => ({
        severity: m.severity,
        message: m.message,
        startLineNumber: m.startLineNumber,
        startColumn: m.startColumn,
      })),
    );
  }

  async close(): Promise<void> {
    await this.page.close();
  }

  private async startRun(trigger: RunTrigger): Promise<number> {
    const before = Number((await this.page.getByTestId("status").getAttribute("data-run")) ?? "0");
    if (trigger === "button") {
      await this.page.getByTestId("run").click();
    } else {
      await this.page.locator('[data-testid="editor"] .monaco-editor textarea').focus();
      await this.page.keyboard.press("Control+Enter");
    }
    return before + 1;
  }

  private async waitForRun(run: number, states: string[], timeoutMs: number): Promise<void> {
    try {
      await this.page.waitForFunction(
        ({ run, states }) => {
          const status = document.querySelector<HTMLElement>('[data-testid="status"]');
          return Number(status?.dataset.run ?? "0") >= run && states.includes(status?.dataset.state ?? "");
        },
        { run, states },
        { timeout: timeoutMs },
      );
    } catch (error) {
      throw new Error(`run ${run} did not reach ${states.join("/")}: status "${await this.statusText()}"`, { cause: error });
    }
  }

  private async outcome(): Promise<RunOutcome> {
    const report = await this.page.evaluate(() => JSON.parse(JSON.stringify(window.__playground!.lastReport() ?? null)));
    return {
      consoleLines: await this.consoleLines(),
      status: await this.statusText(),
      state: await this.statusState(),
      run: Number((await this.page.getByTestId("status").getAttribute("data-run")) ?? "0"),
      firstOutputMs: (report as { firstOutputMs?: number } | null)?.firstOutputMs,
      report,
    };
  }
}
