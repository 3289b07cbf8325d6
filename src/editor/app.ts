// The playground shared by index.html and embed.html. It loads the editor,
// the emulator and the library OS in parallel, showing progress on the
// status line, and enables Run once all three are ready. The heavy modules
// are imported dynamically so that the status line is up before they arrive.
import "./style.css";
import type { BuildResult, LinkMap } from "../builder/types";
import type { RunEnd, RunResult } from "../emulator/types";
import { createBuilderClient, type BuilderClient } from "./builder-client";
import type { CodeEditor } from "./code-editor";
import {
  currentLanguage,
  initLanguage,
  onLanguageChange,
  setLanguage,
  translate,
  translateDocument,
  type Language,
} from "./i18n";
import { Notice } from "./notice";
import type { PlaygroundHandle } from "./playground-handle";
import type { RunController } from "./run-controller";
import type { SerialConsole } from "./serial-console";
import { StatusLine, type RunReport } from "./status-line";
import { initTheme, onThemeChange, setTheme, type Theme } from "./theme";
import { ViewTabs, type ViewName } from "./view-tabs";
import type { RunTimeline } from "./views/timeline-view";
import { optimizeLevelOf, TOOLCHAIN_VERSION, type Workspace, type WorkspaceOptions } from "./workspace";
import type { OptimizeLevel } from "../builder/cc";

/** Events the playground reports to its host (the embed API) as they happen. */
export type PlaygroundEvent =
  | { type: "ready"; libos: string; toolchain: string }
  | { type: "build"; ok: boolean; errors: number; diagnostics: string[]; optimize: OptimizeLevel }
  | { type: "output"; text: string }
  | { type: "exit"; end: RunEnd }
  | { type: "metrics"; report: RunReport; timeline?: RunTimeline };

export interface PlaygroundConfig {
  /** Picks the first workspace, and reports a rejected share link through `notice`. */
  initialWorkspace(notice: Notice): Workspace;
  readOnly: boolean;
  autorun: boolean;
  views: ReadonlySet<ViewName>;
  showEditor: boolean;
  theme?: Theme;
  /** Called after each edit with the current workspace (the page's autosave). */
  onWorkspaceChange?(workspace: Workspace): void;
  onEvent?(event: PlaygroundEvent): void;
  /** Extra wiring once everything is loaded, such as the page's toolbar. */
  onReady?(playground: Playground): void;
}

/** A loaded playground: its parts and actions, for the page that started it. */
export interface Playground {
  codeEditor: CodeEditor;
  serialConsole: SerialConsole;
  controller: RunController;
  notice: Notice;
  status: StatusLine;
  libosVersion: string;
  workspace(): Workspace;
  setWorkspace(workspace: Workspace): void;
  setOptions(options: WorkspaceOptions): void;
  run(): Promise<void>;
  stop(): void;
}

export function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`internal error: the page has no element #${id}`);
  return found as T;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How long after a build the listing and link map views redraw. */
const VIEW_UPDATE_DELAY_MS = 50;

/** The library OS files, next to the page under `images/`, as an absolute URL. */
const imagesUrl = new URL("images/", document.baseURI).href;

export async function startPlayground(config: PlaygroundConfig): Promise<Playground> {
  const runButton = element<HTMLButtonElement>("run");
  const stopButton = element<HTMLButtonElement>("stop");
  const languageSelect = document.getElementById("language") as HTMLSelectElement | null;
  const status = new StatusLine(element("status"), element<HTMLProgressElement>("progress"));
  const notice = new Notice(element("notice"), element("notice-text"), element("notice-action"), element("notice-close"));

  let builder: Promise<BuilderClient> | undefined;
  let libosVersion = "";
  const requireBuilder = (): Promise<BuilderClient> => {
    if (builder === undefined) {
      const client = createBuilderClient();
      builder = client.loadLibrary(imagesUrl).then((version) => {
        libosVersion = version;
        return client;
      });
      builder.catch(() => client.dispose());
    }
    return builder;
  };
  const discardBuilder = () => {
    const old = builder;
    builder = undefined;
    void old?.then((client) => client.dispose()).catch(() => {});
  };

  const pending = { editor: true, emulator: true, library: true };
  let loadedSteps = 0;
  const loadingMessage = () => {
    if (pending.editor) return "loadingEditor";
    if (pending.emulator) return "loadingEmulator";
    return "loadingLibrary";
  };
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

  const applyLanguage = (language: Language) => {
    translateDocument(document);
    if (languageSelect) languageSelect.value = language;
    status.render();
    notice.render();
  };
  applyLanguage(initLanguage());
  languageSelect?.addEventListener("change", () => setLanguage(languageSelect.value as Language));
  const theme = initTheme(config.theme);
  status.loading(loadingMessage(), 0);

  const viewTabs = new ViewTabs(document, config.views);
  document.body.classList.toggle("no-editor", !config.showEditor);
  const initial = config.initialWorkspace(notice);

  const editorParts = loadStep(async () => {
    const [{ createCodeEditor }, { createSerialConsole }] = await Promise.all([import("./code-editor"), import("./serial-console")]);
    let runRequested = () => {};
    const codeEditor = createCodeEditor(element("editor"), initial.files, initial.active, () => runRequested());
    let sendInput = (_data: string) => {};
    const serialConsole = createSerialConsole(
      element("console"),
      (data) => sendInput(data),
      () => runRequested(),
    );
    codeEditor.setTheme(theme);
    serialConsole.setTheme(theme);
    codeEditor.setReadOnly(config.readOnly);
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
  const [{ RunController }, { ListingView }, { LinkMapView }, { TimelineView }, { VgaView }] = await Promise.all([
    import("./run-controller"),
    import("./views/listing-view"),
    import("./views/linkmap-view"),
    import("./views/timeline-view"),
    import("./views/vga-view"),
  ]);
  const { codeEditor, serialConsole } = parts;
  let options = initial.options;

  const listingView = new ListingView(element("listing"), codeEditor, optimizeLevelOf(options));
  const linkMapView = new LinkMapView(element("linkmap"));
  const timelineView = new TimelineView(element("timeline"));
  const vgaView = new VgaView(element("vga"), () => guest.textScreen());
  let lastLinkMap: LinkMap | undefined;
  const pendingViews: {
    listings?: { listings: Record<string, string>; optimize: OptimizeLevel };
    linkMap?: { map: LinkMap; imageBytes: number };
  } = {};
  const flushViews = () => {
    if (pendingViews.listings) listingView.update(pendingViews.listings.listings, pendingViews.listings.optimize);
    if (pendingViews.linkMap) linkMapView.update(pendingViews.linkMap.map, pendingViews.linkMap.imageBytes);
    pendingViews.listings = undefined;
    pendingViews.linkMap = undefined;
  };

  const emit = (event: PlaygroundEvent) => config.onEvent?.(event);
  const outputDecoder = new TextDecoder();
  const controller = new RunController({
    codeEditor,
    serialConsole,
    status,
    emulator: guest,
    builder: requireBuilder,
    discardBuilder,
    guestTimeoutMs: () => options.timeoutMs,
    optimizeLevel: () => optimizeLevelOf(options),
    onActivityChange(active) {
      stopButton.disabled = !active;
    },
    observer: {
      onBuild(result: BuildResult, _files, optimize) {
        pendingViews.listings = { listings: result.listings, optimize };
        if (result.linkMap && result.image) {
          lastLinkMap = result.linkMap;
          pendingViews.linkMap = { map: result.linkMap, imageBytes: result.image.byteLength };
        }
        // The views redraw after the guest has started, so that Monaco and the tables do not delay the boot.
        setTimeout(flushViews, VIEW_UPDATE_DELAY_MS);
        const errors = result.diagnostics.filter((d) => d.severity === "error");
        emit({
          type: "build",
          ok: result.ok,
          errors: errors.length,
          diagnostics: result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`),
          optimize,
        });
      },
      onGuestStart: () => vgaView.start(),
      onOutput(bytes) {
        emit({ type: "output", text: outputDecoder.decode(bytes, { stream: true }) });
      },
      onEnd(report: RunReport, result: RunResult | undefined, timeline: RunTimeline | undefined) {
        vgaView.stop();
        if (timeline) timelineView.add(timeline);
        if (result) emit({ type: "exit", end: result.end });
        emit({ type: "metrics", report: JSON.parse(JSON.stringify(report)) as RunReport, timeline });
      },
    },
  });

  const workspace = (): Workspace => ({
    files: codeEditor.files(),
    active: codeEditor.activeFile,
    options,
    libos: libosVersion,
    toolchain: TOOLCHAIN_VERSION,
  });
  codeEditor.onChange(() => config.onWorkspaceChange?.(workspace()));

  // xterm stops drawing while its panel is hidden, so each Run brings the console forward (the VGA tab may stay).
  const showOutput = () => {
    if (viewTabs.current !== "vga" && config.views.has("console")) viewTabs.show("console");
  };
  const run = () => {
    showOutput();
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
    codeEditor.setAriaLabel(translate("editorLabel"));
    serialConsole.setAriaLabel(translate("consoleLabel"));
    listingView.setAriaLabel(translate("listingLabel"));
  };
  updateAriaLabels();
  onLanguageChange((language) => {
    applyLanguage(language);
    updateAriaLabels();
    linkMapView.render();
    timelineView.render();
    listingView.renderHeader();
  });
  onThemeChange((next) => {
    codeEditor.setTheme(next);
    serialConsole.setTheme(next);
  });
  viewTabs.onShow((view) => {
    flushViews();
    if (view === "vga") vgaView.refresh();
  });

  const playground: Playground = {
    codeEditor,
    serialConsole,
    controller,
    notice,
    status,
    libosVersion,
    workspace,
    setWorkspace(next) {
      options = next.options;
      listingView.setSelectedLevel(optimizeLevelOf(options));
      codeEditor.setFiles(next.files, next.active);
    },
    setOptions(next) {
      options = next;
      listingView.setSelectedLevel(optimizeLevelOf(options));
      config.onWorkspaceChange?.(workspace());
    },
    run: () => {
      showOutput();
      return controller.run();
    },
    stop: () => controller.stop(),
  };

  const handle: PlaygroundHandle = {
    monaco: codeEditor.monaco,
    editor: codeEditor.editor,
    get model() {
      return codeEditor.model;
    },
    run: playground.run,
    stop: () => controller.stop(),
    consoleLines: () => serialConsole.bufferLines(),
    markers: () => codeEditor.markers(),
    lastReport: () => controller.lastReport,
    language: currentLanguage,
    workspace,
    setWorkspace: playground.setWorkspace,
    setBuildBudget(ms) {
      controller.buildBudgetMs = ms;
    },
    showView: (view) => viewTabs.show(view),
    listing: {
      text: () => listingView.text(),
      highlightedLines: () => listingView.highlightedLines(),
      sourceOfLine: (line) => listingView.sourceOfLine(line),
      selectLine: (line) => listingView.selectLine(line),
    },
    timeline: () => timelineView.runs(),
    linkMap: () => lastLinkMap,
    noticeKey: () => notice.key,
    setTheme: (next) => setTheme(next),
  };
  window.__playground = handle;

  config.onReady?.(playground);
  runButton.disabled = false;
  status.ready();
  emit({ type: "ready", libos: libosVersion, toolchain: TOOLCHAIN_VERSION });
  if (config.autorun) run();
  return playground;
}
