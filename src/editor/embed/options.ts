// Options of the embed page, read from its query string:
// `readonly=1`, `autorun=1`, `height=PIXELS`, `theme=light|dark`,
// `panes=editor,console,vga,listing,linkmap,timeline`, `lang=en|ko` (read by
// the i18n module) and `id=TEXT`, echoed in every message to the host.
import { isTheme, type Theme } from "../theme";
import { isViewName, type ViewName } from "../view-tabs";

export interface EmbedOptions {
  readOnly: boolean;
  autorun: boolean;
  /** Height of the widget in CSS pixels, or undefined to fill the frame. */
  height?: number;
  theme?: Theme;
  views: Set<ViewName>;
  showEditor: boolean;
  id: string;
}

export const MIN_HEIGHT = 200;
export const MAX_HEIGHT = 4000;
const DEFAULT_PANES = ["editor", "console"];

function flag(value: string | null): boolean {
  return value === "" || value === "1" || value === "true";
}

export function parseEmbedOptions(search: string): EmbedOptions {
  const params = new URLSearchParams(search);
  const height = Number(params.get("height"));
  const panes = (params.get("panes") ?? DEFAULT_PANES.join(",")).split(",").map((pane) => pane.trim());
  const views = new Set(panes.filter(isViewName));
  if (views.size === 0) views.add("console");
  const theme = params.get("theme");
  return {
    readOnly: flag(params.get("readonly")),
    autorun: flag(params.get("autorun")),
    height: Number.isFinite(height) && height >= MIN_HEIGHT && height <= MAX_HEIGHT ? Math.round(height) : undefined,
    theme: isTheme(theme) ? theme : undefined,
    views,
    showEditor: panes.includes("editor"),
    id: (params.get("id") ?? "").slice(0, 100),
  };
}
