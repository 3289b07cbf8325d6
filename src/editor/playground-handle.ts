// `window.__playground`: the page's handle for browser tests, benchmarks and
// tutorial scripts. It is set once Run is enabled.
import type * as monaco from "monaco-editor/editor/editor.api";
import type { RunReport } from "./status-line";
import type { Language } from "./i18n";

export interface PlaygroundHandle {
  monaco: typeof monaco;
  editor: monaco.editor.IStandaloneCodeEditor;
  /** The model of main.c, whose `setValue(text)` replaces the source. */
  model: monaco.editor.ITextModel;
  /** Builds and boots the source, and resolves when the run ends or a newer Run supersedes it. */
  run(): Promise<void>;
  stop(): void;
  /** The terminal's text from xterm's buffer, one string per line. */
  consoleLines(): string[];
  markers(): monaco.editor.IMarker[];
  /** The latest Run's report, in which `firstOutputMs` counts from the start of the Run. */
  lastReport(): RunReport | undefined;
  language(): Language;
}

declare global {
  interface Window {
    __playground?: PlaygroundHandle;
  }
}
