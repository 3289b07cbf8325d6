// Options of the embed page, read from its query string:
// `readonly=1`, `autorun=1`, `height=PIXELS`, `theme=light|dark`,
// `panes=editor,console,vga,listing,linkmap,timeline`, `optimize=0|1|2`,
// `lang=en|ko` (read by the i18n module) and `id=TEXT`, echoed in every
// message to the host.
import type { OptimizeLevel } from "../../builder/cc";
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
  /** The level from `optimize`, which replaces the link's; undefined when absent or invalid. */
  optimize?: OptimizeLevel;
  /** The `optimize` value as given when it is not a level, for the error message. */
  invalidOptimize?: string;
}

/** The `optimize` spellings the embed page accepts: the level, or the compiler flag. */
const OPTIMIZE_VALUES = new Map<string, OptimizeLevel>([
  ["0", 0],
  ["1", 1],
  ["2", 2],
  ["-O0", 0],
  ["-O1", 1],
  ["-O2", 2],
]);

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
  const optimizeText = params.get("optimize");
  const optimize = optimizeText === null ? undefined : OPTIMIZE_VALUES.get(optimizeText.trim());
  return {
    readOnly: flag(params.get("readonly")),
    autorun: flag(params.get("autorun")),
    height: Number.isFinite(height) && height >= MIN_HEIGHT && height <= MAX_HEIGHT ? Math.round(height) : undefined,
    theme: isTheme(theme) ? theme : undefined,
    views,
    showEditor: panes.includes("editor"),
    id: (params.get("id") ?? "").slice(0, 100),
    optimize,
    invalidOptimize: optimizeText !== null && optimize === undefined ? optimizeText.slice(0, 40) : undefined,
  };
}
