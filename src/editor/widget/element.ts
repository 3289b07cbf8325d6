// `<unikernel-playground>`: a custom element for tutorial authors. It reads
// the program from its own text (or from `<script type="text/plain"
// data-file="name.c">` children for several files), and shows the embed page
// in a sandboxed iframe with the same options as attributes: readonly,
// autorun, height, theme, panes, optimize, lang. Events from the widget are
// re-dispatched on the element as `ukp-ready`, `ukp-output`, `ukp-exit`,
// `ukp-metrics`, `ukp-build` and `ukp-error` CustomEvents.
import { EMBED_SOURCE, HOST_SOURCE } from "../embed/messages";
import { encodeShareLink } from "../share/link-codec";
import { DEFAULT_OPTIONS, TOOLCHAIN_VERSION, type Workspace } from "../workspace";

const FORWARDED_ATTRIBUTES = ["readonly", "autorun", "height", "theme", "panes", "optimize", "lang"] as const;
const DEFAULT_HEIGHT = 420;
let nextId = 1;

/** Removes the indentation that all non-blank lines share, and blank lines around the text. */
export function dedent(text: string): string {
  const lines = text.replace(/^\s*\n/, "").replace(/\n\s*$/, "").split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join("\n") + "\n";
}

export class UnikernelPlayground extends HTMLElement {
  private frame: HTMLIFrameElement | undefined;
  private readonly widgetId = `ukp-widget-${nextId++}`;
  private files: Record<string, string> = {};
  /** All guest output of the latest run, for tutorial checks. */
  output = "";

  connectedCallback(): void {
    if (this.frame) return;
    this.files = this.readFiles();
    const frame = document.createElement("iframe");
    frame.title = this.getAttribute("title") ?? "Unikernel playground";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin");
    frame.setAttribute("allow", "clipboard-write");
    frame.style.width = "100%";
    frame.style.border = "1px solid #d3d7de";
    frame.style.borderRadius = "6px";
    frame.style.height = `${this.heightPixels()}px`;
    frame.src = this.frameUrl();
    this.frame = frame;
    addEventListener("message", this.onMessage);
    this.replaceChildren(frame);
  }

  disconnectedCallback(): void {
    removeEventListener("message", this.onMessage);
  }

  run(): void {
    this.output = "";
    this.send({ type: "run" });
  }

  stop(): void {
    this.send({ type: "stop" });
  }

  setFiles(files: Record<string, string>, active?: string): void {
    this.files = { ...files };
    this.send({ type: "setFiles", files, active });
  }

  private send(message: Record<string, unknown>): void {
    this.frame?.contentWindow?.postMessage({ source: HOST_SOURCE, ...message }, new URL(this.frame.src).origin);
  }

  private readonly onMessage = (event: MessageEvent): void => {
    if (!this.frame || event.source !== this.frame.contentWindow) return;
    const data = event.data as { source?: unknown; id?: unknown; type?: unknown; text?: unknown };
    if (data?.source !== EMBED_SOURCE || data.id !== this.widgetId || typeof data.type !== "string") return;
    if (data.type === "build") this.output = "";
    if (data.type === "output" && typeof data.text === "string") this.output += data.text;
    this.dispatchEvent(new CustomEvent(`ukp-${data.type}`, { detail: data }));
  };

  private readFiles(): Record<string, string> {
    // C text inside HTML needs a raw-text element, since the parser would read `<stdio.h>` as a tag.
    const scripts = [...this.querySelectorAll<HTMLScriptElement>('script[type="text/plain"]')];
    if (scripts.length > 0) {
      return Object.fromEntries(scripts.map((script) => [script.dataset.file ?? "main.c", dedent(script.textContent ?? "")]));
    }
    return { "main.c": dedent(this.textContent ?? "") };
  }

  private heightPixels(): number {
    const height = Number(this.getAttribute("height"));
    return Number.isFinite(height) && height > 0 ? height : DEFAULT_HEIGHT;
  }

  private frameUrl(): string {
    const base = this.getAttribute("src") ?? new URL("embed.html", document.baseURI).href;
    const url = new URL(base, document.baseURI);
    for (const name of FORWARDED_ATTRIBUTES) {
      const value = this.getAttribute(name);
      // A bare boolean attribute such as `autorun` means 1. An empty `optimize` stays empty, so the widget reports it as invalid.
      if (value !== null) url.searchParams.set(name, value === "" && name !== "optimize" ? "1" : value);
    }
    url.searchParams.set("height", String(this.heightPixels()));
    url.searchParams.set("id", this.widgetId);
    const names = Object.keys(this.files);
    const workspace: Workspace = {
      files: this.files,
      active: names.includes("main.c") ? "main.c" : names[0],
      options: DEFAULT_OPTIONS,
      libos: "",
      toolchain: TOOLCHAIN_VERSION,
    };
    url.hash = encodeShareLink(workspace);
    return url.href;
  }
}

if (!customElements.get("unikernel-playground")) customElements.define("unikernel-playground", UnikernelPlayground);

declare global {
  interface HTMLElementTagNameMap {
    "unikernel-playground": UnikernelPlayground;
  }
}
