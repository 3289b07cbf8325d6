// The Monaco editor: one model per workspace file, switched in one editor
// view, with diagnostics and fault locations shown as markers.
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/cpp/register";
import * as monaco from "monaco-editor/editor/editor.api";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import type { Diagnostic, Severity } from "../builder/diagnostic";

// Only the base editor worker is needed: C has no language service worker.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

const MARKER_OWNER = "ukp";
const FAULT_MARKER_OWNER = "ukp-fault";

export interface CodeEditor {
  readonly monaco: typeof monaco;
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  /** The model of the open file. */
  readonly model: monaco.editor.ITextModel;
  readonly activeFile: string;
  /** The text of every file, by name. */
  files(): Record<string, string>;
  /** Replaces all files and opens `active`. */
  setFiles(files: Record<string, string>, active: string): void;
  openFile(name: string): void;
  addFile(name: string, text: string): void;
  renameFile(from: string, to: string): void;
  deleteFile(name: string): void;
  /** Calls `listener` after every edit of any file and after every file operation. */
  onChange(listener: () => void): void;
  /** Calls `listener` with the open file and the 1-based line when the cursor moves. */
  onCursorLine(listener: (file: string, line: number) => void): void;
  showDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Marks the source line of a guest fault, or clears the mark when `fault` is undefined. */
  showFault(fault: { file: string; line: number; column?: number; message: string } | undefined): void;
  markers(): monaco.editor.IMarker[];
  /** Opens `file`, puts the cursor on `line` and highlights the lines until `endLine`. */
  revealLines(file: string, line: number, endLine?: number): void;
  setReadOnly(readOnly: boolean): void;
  setTheme(theme: "light" | "dark"): void;
  setAriaLabel(label: string): void;
  dispose(): void;
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
    startColumn: Math.max(1, d.column),
    endLineNumber: line,
    endColumn: d.column > 0 ? d.column + Math.max(1, d.length) : model.getLineMaxColumn(line),
    relatedInformation: related,
  };
}

function languageOf(name: string): string {
  return name.endsWith(".s") ? "plaintext" : "c";
}

/** Creates the editor in `container` with `files` open at `active`, and calls `onRun` on Ctrl/Cmd+Enter. */
export function createCodeEditor(
  container: HTMLElement,
  files: Record<string, string>,
  active: string,
  onRun: () => void,
): CodeEditor {
  const models = new Map<string, monaco.editor.ITextModel>();
  const changeListeners: (() => void)[] = [];
  const cursorListeners: ((file: string, line: number) => void)[] = [];
  let activeFile = active;
  let highlight: monaco.editor.IEditorDecorationsCollection | undefined;

  const notifyChange = () => {
    for (const listener of changeListeners) listener();
  };
  const createModel = (name: string, text: string) => {
    const model = monaco.editor.createModel(text, languageOf(name), monaco.Uri.file(`/${name}`));
    model.onDidChangeContent(notifyChange);
    models.set(name, model);
    return model;
  };
  const requireModel = (name: string) => {
    const model = models.get(name);
    if (!model) throw new Error(`internal error: no editor model for ${name}`);
    return model;
  };

  for (const [name, text] of Object.entries(files)) createModel(name, text);
  const editor = monaco.editor.create(container, {
    model: requireModel(activeFile),
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    // Monaco's default line height for 14 px clips the underscore of
    // DejaVu Sans Mono, the monospace font of Debian's Chromium.
    lineHeight: 21,
    scrollBeyondLastLine: false,
    tabSize: 4,
    insertSpaces: true,
    // With Monaco 0.57's EditContext input, keys typed through playwright in
    // Debian's Chromium never reached the model; the textarea input works.
    editContext: false,
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, onRun);
  editor.onDidChangeCursorPosition((event) => {
    for (const listener of cursorListeners) listener(activeFile, event.position.lineNumber);
  });

  const open = (name: string) => {
    activeFile = name;
    editor.setModel(requireModel(name));
  };

  return {
    monaco,
    editor,
    get model() {
      return requireModel(activeFile);
    },
    get activeFile() {
      return activeFile;
    },
    files: () => Object.fromEntries([...models].map(([name, model]) => [name, model.getValue()])),
    setFiles(next, nextActive) {
      editor.setModel(null);
      for (const model of models.values()) model.dispose();
      models.clear();
      for (const [name, text] of Object.entries(next)) createModel(name, text);
      open(nextActive);
      notifyChange();
    },
    openFile(name) {
      open(name);
      notifyChange();
    },
    addFile(name, text) {
      if (models.has(name)) throw new Error(`internal error: ${name} already exists`);
      createModel(name, text);
      open(name);
      notifyChange();
    },
    renameFile(from, to) {
      const old = requireModel(from);
      const text = old.getValue();
      models.delete(from);
      createModel(to, text);
      if (activeFile === from) open(to);
      old.dispose();
      notifyChange();
    },
    deleteFile(name) {
      const model = requireModel(name);
      models.delete(name);
      if (activeFile === name) open([...models.keys()][0]);
      model.dispose();
      notifyChange();
    },
    onChange: (listener) => changeListeners.push(listener),
    onCursorLine: (listener) => cursorListeners.push(listener),
    showDiagnostics(diagnostics) {
      for (const [name, model] of models) {
        const own = diagnostics.filter((d) => d.file === name && d.line > 0);
        monaco.editor.setModelMarkers(
          model,
          MARKER_OWNER,
          own.map((d) => toMarker(d, model)),
        );
      }
    },
    showFault(fault) {
      for (const [name, model] of models) {
        const markers: monaco.editor.IMarkerData[] = [];
        if (fault && fault.file === name) {
          const line = Math.min(Math.max(1, fault.line), model.getLineCount());
          markers.push({
            severity: monaco.MarkerSeverity.Error,
            message: fault.message,
            source: "guest",
            startLineNumber: line,
            startColumn: fault.column ?? 1,
            endLineNumber: line,
            endColumn: model.getLineMaxColumn(line),
          });
        }
        monaco.editor.setModelMarkers(model, FAULT_MARKER_OWNER, markers);
      }
    },
    markers: () => [
      ...monaco.editor.getModelMarkers({ owner: MARKER_OWNER }),
      ...monaco.editor.getModelMarkers({ owner: FAULT_MARKER_OWNER }),
    ],
    revealLines(file, line, endLine = line) {
      if (!models.has(file)) return;
      if (file !== activeFile) {
        open(file);
        notifyChange();
      }
      const model = requireModel(file);
      const first = Math.min(Math.max(1, line), model.getLineCount());
      const last = Math.min(Math.max(first, endLine), model.getLineCount());
      editor.revealLinesInCenterIfOutsideViewport(first, last);
      editor.setPosition({ lineNumber: first, column: 1 });
      highlight?.clear();
      highlight = editor.createDecorationsCollection([
        { range: new monaco.Range(first, 1, last, 1), options: { isWholeLine: true, className: "linked-line" } },
      ]);
    },
    setReadOnly: (readOnly) => editor.updateOptions({ readOnly }),
    setTheme: (theme) => monaco.editor.setTheme(theme === "dark" ? "vs-dark" : "vs"),
    setAriaLabel(label) {
      editor.updateOptions({ ariaLabel: label });
    },
    dispose() {
      editor.dispose();
      for (const model of models.values()) model.dispose();
    },
  };
}
