// `window.__playground`: the page's handle for browser tests, benchmarks and
// tutorial scripts. It is set once Run is enabled.
import type * as monaco from "monaco-editor/editor/editor.api";
import type { LinkMap } from "../builder/types";
import type { Language, MessageKey } from "./i18n";
import type { RunReport } from "./status-line";
import type { Theme } from "./theme";
import type { ViewName } from "./view-tabs";
import type { RunTimeline } from "./views/timeline-view";
import type { Workspace } from "./workspace";

export interface PlaygroundHandle {
  monaco: typeof monaco;
  editor: monaco.editor.IStandaloneCodeEditor;
  /** The model of the open file, whose `setValue(text)` replaces its text. */
  readonly model: monaco.editor.ITextModel;
  /** Builds and boots the files, and resolves when the run ends or a newer Run supersedes it. */
  run(): Promise<void>;
  stop(): void;
  /** The terminal's text from xterm's buffer, one string per line. */
  consoleLines(): string[];
  markers(): monaco.editor.IMarker[];
  /** The latest Run's report, in which `firstOutputMs` counts from the start of the Run. */
  lastReport(): RunReport | undefined;
  language(): Language;
  workspace(): Workspace;
  setWorkspace(workspace: Workspace): void;
  /** Sets how long a build may take before the worker is restarted. */
  setBuildBudget(ms: number): void;
  showView(view: ViewName): void;
  listing: {
    /** The Assembly view's text: every file's listing of the latest build. */
    text(): string;
    highlightedLines(): number[];
    sourceOfLine(line: number): { file: string; line: number } | undefined;
    selectLine(line: number): void;
  };
  /** Boot timelines of the last runs, newest first. */
  timeline(): readonly RunTimeline[];
  linkMap(): LinkMap | undefined;
  noticeKey(): MessageKey | undefined;
  setTheme(theme: Theme): void;
}

declare global {
  interface Window {
    __playground?: PlaygroundHandle;
  }
}
