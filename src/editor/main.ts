// The playground page's entry point. It loads the editor, the emulator and
// the library OS in parallel, showing progress on the status line, and
// enables Run once all three are ready. The heavy modules are imported
// dynamically so that the status line is up before they arrive.
import "./style.css";
import { createBuilderClient, type BuilderClient } from "./builder-client";
import {
  currentLanguage,
  initLanguage,
  onLanguageChange,
  setLanguage,
  translate,
  translateDocument,
  type Language,
} from "./i18n";
import { StatusLine } from "./status-line";
import type { PlaygroundHandle } from "./playground-handle";

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`internal error: index.html has no element #${id}`);
  return found as T;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const runButton = element<HTMLButtonElement>("run");
const stopButton = element<HTMLButtonElement>("stop");
const languageSelect = element<HTMLSelectElement>("language");
const status = new StatusLine(element("status"), element<HTMLProgressElement>("progress"));

/** The library OS files, next to index.html under `images/`, as an absolute URL. */
const imagesUrl = new URL("images/", document.baseURI).href;

let builder: Promise<BuilderClient> | undefined;
let loadedSteps = 0;

/** Returns the builder with its library loaded, starting a new worker when there is none. */
function requireBuilder(): Promise<BuilderClient> {
  if (builder === undefined) {
    const client = createBuilderClient();
    builder = client.loadLibrary(imagesUrl).then(() => client);
    builder.catch(() => client.dispose());
  }
  return builder;
}

function discardBuilder(): void {
  const old = builder;
  builder = undefined;
  void old?.then((client) => client.dispose()).catch(() => {});
}

async function loadStep<T>(load: () => Promise<T>, failureKey: Parameters<typeof status.error>[0]): Promise<T> {
  try {
    const value = await load();
    loadedSteps++;
    if (status.isLoading) status.loading(loadingMessage(), loadedSteps);
    return value;
  } catch (error) {
    status.error(failureKey, errorMessage(error));
    throw error;
  }
}

const pending = { editor: true, emulator: true, library: true };

function loadingMessage(): "loadingEditor" | "loadingEmulator" | "loadingLibrary" {
  if (pending.editor) return "loadingEditor";
  if (pending.emulator) return "loadingEmulator";
  return "loadingLibrary";
}

function applyLanguage(language: Language): void {
  translateDocument(document);
  languageSelect.value = language;
  status.render();
}

async function start(): Promise<void> {
  applyLanguage(initLanguage());
  languageSelect.addEventListener("change", () => setLanguage(languageSelect.value as Language));
  status.loading(loadingMessage(), 0);

  const editorParts = loadStep(async () => {
    const [{ createCodeEditor }, { createSerialConsole }, { DEFAULT_FILE_NAME, DEFAULT_PROGRAM }] = await Promise.all([
      import("./code-editor"),
      import("./serial-console"),
      import("./default-program"),
    ]);
    let runRequested = () => {};
    const codeEditor = createCodeEditor(element("editor"), DEFAULT_FILE_NAME, DEFAULT_PROGRAM, () => runRequested());
    let sendInput = (_data: string) => {};
    const serialConsole = createSerialConsole(
      element("console"),
      (data) => sendInput(data),
      () => runRequested(),
    );
    pending.editor = false;
    return {
      codeEditor,
      serialConsole,
      connect(run: () => void, input: (data: string) => void) {
        runRequested = run;
        sendInput = input;
      },
    };
  }, "editorFailed");
  const emulator = loadStep(async () => {
    const { loadEmulator } = await import("./emulator-loader");
    const loaded = await loadEmulator();
    pending.emulator = false;
    return loaded;
  }, "emulatorFailed");
  const library = loadStep(async () => {
    await requireBuilder();
    pending.library = false;
  }, "libraryFailed");

  const [parts, guest] = await Promise.all([editorParts, emulator, library]);
  const { RunController } = await import("./run-controller");
  const controller = new RunController({
    codeEditor: parts.codeEditor,
    serialConsole: parts.serialConsole,
    status,
    emulator: guest,
    builder: requireBuilder,
    discardBuilder,
    onActivityChange(active) {
      stopButton.disabled = !active;
    },
  });

  const run = () => {
    void controller.run().catch((error: unknown) => status.error("runFailed", errorMessage(error)));
  };
  parts.connect(run, (data) => {
    if (guest.running) guest.sendInput(data);
  });
  runButton.addEventListener("click", run);
  stopButton.addEventListener("click", () => controller.stop());
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      run();
    }
  });

  const updateAriaLabels = () => {
    parts.codeEditor.setAriaLabel(translate("editorLabel"));
    parts.serialConsole.setAriaLabel(translate("consoleLabel"));
  };
  updateAriaLabels();
  onLanguageChange((language) => {
    applyLanguage(language);
    updateAriaLabels();
  });

  const handle: PlaygroundHandle = {
    monaco: parts.codeEditor.monaco,
    editor: parts.codeEditor.editor,
    model: parts.codeEditor.model,
    run: () => controller.run(),
    stop: () => controller.stop(),
    consoleLines: () => parts.serialConsole.bufferLines(),
    markers: () => parts.codeEditor.markers(),
    lastReport: () => controller.lastReport,
    language: currentLanguage,
  };
  window.__playground = handle;

  runButton.disabled = false;
  status.ready();
}

start().catch((error: unknown) => {
  // Each failed step has already put its own message on the status line.
  console.error("playground failed to start:", error);
});
