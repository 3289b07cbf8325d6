// The Monaco editor: a C model for main.c, autosave to localStorage, and
// diagnostics shown as markers.
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/cpp/register";
import * as monaco from "monaco-editor/editor/editor.api";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import type { Diagnostic, Severity } from "../builder/diagnostic";

// Only the base editor worker is needed: C has no language service worker.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

const AUTOSAVE_KEY = "ukp.playground.v1.source";
const AUTOSAVE_DELAY_MS = 300;
const MARKER_OWNER = "ukp";

export interface CodeEditor {
  readonly monaco: typeof monaco;
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  readonly model: monaco.editor.ITextModel;
  readonly fileName: string;
  getSource(): string;
  showDiagnostics(diagnostics: readonly Diagnostic[]): void;
  markers(): monaco.editor.IMarker[];
  setAriaLabel(label: string): void;
  dispose(): void;
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
}

function save(text: string): void {
  try {
    localStorage.setItem(AUTOSAVE_KEY, text);
  } catch {
    // Storage is full or unavailable: the code stays in the editor but is not kept across reloads.
  }
}

function markerSeverity(severity: Severity): monaco.MarkerSeverity {
  switch (severity) {
    case "error":
      return monaco.MarkerSeverity.Error;
    case "warning":
      return monaco.MarkerSeverity.Warning;
    case "note":
      return monaco.MarkerSeverity.Info;
  }
}

function toMarker(d: Diagnostic, model: monaco.editor.ITextModel): monaco.editor.IMarkerData {
  const line = Math.min(d.line, model.getLineCount());
  const related = (d.notes ?? [])
    .filter((note) => note.line > 0 && note.file === d.file)
    .map((note) => ({
      resource: model.uri,
      message: note.message,
      startLineNumber: note.line,
      startColumn: note.column,
      endLineNumber: note.line,
      endColumn: note.column + Math.max(1, note.length),
    }));
  return {
    severity: markerSeverity(d.severity),
    message: d.message,
    source: d.file,
    startLineNumber: line,
    startColumn: d.column,
    endLineNumber: line,
    endColumn: d.column + Math.max(1, d.length),
    relatedInformation: related,
  };
}

/**
 * Creates the editor in `container` with the autosaved source, or
 * `defaultSource` on a first visit, and calls `onRun` on Ctrl/Cmd+Enter.
 */
export function createCodeEditor(
  container: HTMLElement,
  fileName: string,
  defaultSource: string,
  onRun: () => void,
): CodeEditor {
  const model = monaco.editor.createModel(readSaved() ?? defaultSource, "c", monaco.Uri.file(`/${fileName}`));
  const editor = monaco.editor.create(container, {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    // Monaco's default line height for 14 px clips the underscore of
    // DejaVu Sans Mono, the monospace font of Debian's Chromium.
    lineHeight: 21,
    scrollBeyondLastLine: false,
    tabSize: 4,
    insertSpaces: true,
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, onRun);

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const changeListener = model.onDidChangeContent(() => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => save(model.getValue()), AUTOSAVE_DELAY_MS);
  });

  return {
    monaco,
    editor,
    model,
    fileName,
    getSource: () => model.getValue(),
    showDiagnostics(diagnostics) {
      const own = diagnostics.filter((d) => d.file === fileName && d.line > 0);
      monaco.editor.setModelMarkers(
        model,
        MARKER_OWNER,
        own.map((d) => toMarker(d, model)),
      );
    },
    markers: () => monaco.editor.getModelMarkers({ owner: MARKER_OWNER, resource: model.uri }),
    setAriaLabel(label) {
      editor.updateOptions({ ariaLabel: label });
    },
    dispose() {
      clearTimeout(saveTimer);
      save(model.getValue());
      changeListener.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
