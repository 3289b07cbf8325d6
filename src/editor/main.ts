// The playground page's entry point: the full toolbar, share links,
// autosave and the examples menu around the shared playground.
import { element, startPlayground, type Playground } from "./app";
import { DEFAULT_FILE_NAME, DEFAULT_PROGRAM } from "./default-program";
import { EXAMPLES, findExample } from "./examples";
import { FilesBar } from "./files-bar";
import { insertOptimizeSelect, selectedOptimizeLevel } from "./optimize-select";
import { currentLanguage, onLanguageChange, translate, type MessageKey } from "./i18n";
import type { Notice } from "./notice";
import { Autosave, type StorageLike } from "./share/autosave";
import { decodeShareLink, encodeShareLink, type ShareLinkFailure } from "./share/link-codec";
import { currentTheme, setTheme } from "./theme";
import { VIEW_NAMES } from "./view-tabs";
import { checkWorkspace, DEFAULT_OPTIONS, MAX_TIMEOUT_MS, optimizeLevelOf, TOOLCHAIN_VERSION, type Workspace } from "./workspace";

const BACKUP_KEY = "ukp.workspace.backup";
/** The toolbar's level selector, built before startPlayground translates the page and enabled once the playground is ready. */
const optimizeSelect = insertOptimizeSelect(timeLimitField());

function timeLimitField(): HTMLLabelElement {
  const label = element("time-limit").closest("label");
  if (!label) throw new Error("internal error: the time-limit input is not inside a label");
  return label;
}

const LINK_FAILURE_KEYS: Record<ShareLinkFailure, MessageKey> = {
  tooLong: "linkTooLong",
  notShareLink: "linkNotShareLink",
  newerVersion: "linkNewerVersion",
  badBase64: "linkBroken",
  badCompression: "linkBroken",
  tooLarge: "linkTooLarge",
  badText: "linkBroken",
  badJson: "linkBroken",
  badSchema: "linkInvalid",
};

function defaultWorkspace(): Workspace {
  return {
    files: { [DEFAULT_FILE_NAME]: DEFAULT_PROGRAM },
    active: DEFAULT_FILE_NAME,
    options: DEFAULT_OPTIONS,
    libos: "",
    toolchain: TOOLCHAIN_VERSION,
  };
}

/** Returns the example's files (or the default program) with default options, except that the reader's optimisation level stays. */
function exampleWorkspace(id: string, current: Workspace): Workspace {
  const example = findExample(id);
  const options = { ...DEFAULT_OPTIONS, optimize: optimizeLevelOf(current.options) };
  if (!example) return { ...defaultWorkspace(), options };
  return { ...defaultWorkspace(), files: { ...example.files }, active: "main.c", options };
}

function sessionStorageOrUndefined(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    return undefined;
  }
}

/** localStorage, or a stand-in that keeps nothing when the browser blocks storage (the notice then reports that autosave failed). */
function localStorageOrBlocked(): StorageLike {
  try {
    return localStorage;
  } catch {
    const blocked = () => {
      throw new Error("localStorage is blocked");
    };
    return { length: 0, key: () => null, getItem: () => null, setItem: blocked, removeItem: () => {} };
  }
}

const autosave = new Autosave(localStorageOrBlocked(), sessionStorageOrUndefined());
/** The workspace a share link replaced, so the notice can offer it back. */
let replacedByLink: Workspace | undefined;
let linkWorkspace: Workspace | undefined;

function saveBackup(workspace: Workspace): void {
  try {
    localStorageOrBlocked().setItem(BACKUP_KEY, JSON.stringify(workspace));
  } catch {
    // Without storage the backup lives only in this page's memory (replacedByLink).
  }
}

/**
 * Picks the first workspace: a share link in the fragment, else this tab's
 * autosave, else the default program. A broken link leaves the saved work
 * in place, and the notice names the reason. A good one keeps the saved
 * work as a backup.
 */
function initialWorkspace(notice: Notice): Workspace {
  const restored = autosave.restore(DEFAULT_FILE_NAME);
  const saved = restored?.workspace;
  const fragment = location.hash.slice(1);
  if (fragment.length > 0) {
    // The fragment is read once; a reload then restores the autosave, which includes later edits.
    history.replaceState(null, "", location.pathname + location.search);
    const decoded = decodeShareLink(fragment);
    if (!decoded.ok) {
      notice.show(LINK_FAILURE_KEYS[decoded.failure], { detail: decoded.detail });
      return saved ?? defaultWorkspace();
    }
    linkWorkspace = decoded.workspace;
    if (saved && JSON.stringify(saved.files) !== JSON.stringify(decoded.workspace.files)) {
      replacedByLink = saved;
      saveBackup(saved);
    }
    return { ...decoded.workspace, toolchain: TOOLCHAIN_VERSION };
  }
  if (autosave.lastReadError) notice.show("autosaveUnreadable", { detail: autosave.lastReadError });
  return saved ?? defaultWorkspace();
}

/** Reports the opened link and any version difference, and offers the replaced work back. */
function reportOpenedLink(playground: Playground): void {
  const link = linkWorkspace;
  if (!link) return;
  const restore = replacedByLink
    ? { label: "restorePrevious" as const, run: () => replaceWorkspace(playground, replacedByLink!, "restoredPrevious") }
    : undefined;
  if ((link.toolchain && link.toolchain !== TOOLCHAIN_VERSION) || (link.libos && link.libos !== playground.libosVersion)) {
    playground.notice.show(
      "linkVersionDiffers",
      {
        toolchain: link.toolchain || "?",
        libos: link.libos || "?",
        ourToolchain: TOOLCHAIN_VERSION,
        ourLibos: playground.libosVersion,
      },
      restore,
    );
  } else {
    playground.notice.show(replacedByLink ? "linkOpenedKept" : "linkOpened", {}, restore);
  }
}

/** Replaces the workspace and offers the old one back through the notice. */
function replaceWorkspace(playground: Playground, next: Workspace, message: MessageKey): void {
  const previous = playground.workspace();
  saveBackup(previous);
  playground.setWorkspace(next);
  playground.notice.show(message, {}, { label: "undo", run: () => replaceWorkspace(playground, previous, "restoredPrevious") });
}

/** The menu value that loads the backup kept by the last replacement. */
const BACKUP_OPTION = "backup";

/** Returns the workspace saved before the last link, example or reset replaced the files, if it is readable. */
function readBackup(): Workspace | undefined {
  try {
    const text = localStorageOrBlocked().getItem(BACKUP_KEY);
    return text === null ? undefined : checkWorkspace(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function fillExamplesMenu(select: HTMLSelectElement): void {
  const selected = select.value;
  const language = currentLanguage();
  const placeholder = document.createElement("option");
  placeholder.value = "";
  placeholder.textContent = translate("chooseExample");
  const backup = document.createElement("option");
  backup.value = BACKUP_OPTION;
  backup.textContent = translate("backupOption");
  select.replaceChildren(
    placeholder,
    backup,
    ...EXAMPLES.map((example) => {
      const option = document.createElement("option");
      option.value = example.id;
      option.textContent = example.title[language];
      return option;
    }),
  );
  select.value = selected;
}

async function share(playground: Playground, shareBox: HTMLElement, shareUrl: HTMLInputElement): Promise<void> {
  const url = new URL(location.href);
  url.hash = encodeShareLink(playground.workspace());
  shareUrl.value = url.href;
  shareBox.hidden = false;
  try {
    await navigator.clipboard.writeText(url.href);
    playground.notice.show("linkCopied", { length: url.href.length });
  } catch {
    shareUrl.focus();
    shareUrl.select();
    playground.notice.show("linkNotCopied");
  }
}

function wireToolbar(playground: Playground): void {
  const examples = element<HTMLSelectElement>("examples");
  const shareButton = element<HTMLButtonElement>("share");
  const shareBox = element("share-box");
  const shareUrl = element<HTMLInputElement>("share-url");
  const themeButton = element<HTMLButtonElement>("theme");
  const timeLimit = element<HTMLInputElement>("time-limit");
  const readerButton = element<HTMLButtonElement>("screen-reader");

  fillExamplesMenu(examples);
  onLanguageChange(() => fillExamplesMenu(examples));
  examples.addEventListener("change", () => {
    if (examples.value === BACKUP_OPTION) {
      const backup = readBackup();
      examples.value = "";
      if (backup) replaceWorkspace(playground, backup, "restoredPrevious");
      else playground.notice.show("noBackup");
    } else if (examples.value) {
      replaceWorkspace(playground, exampleWorkspace(examples.value, playground.workspace()), "exampleLoaded");
    }
  });
  element("reset").addEventListener("click", () =>
    replaceWorkspace(playground, exampleWorkspace(examples.value, playground.workspace()), "resetDone"),
  );

  const showTimeLimit = () => {
    const ms = playground.workspace().options.timeoutMs;
    timeLimit.value = ms > 0 ? String(ms / 1000) : "";
  };
  showTimeLimit();
  playground.codeEditor.onChange(showTimeLimit);
  timeLimit.addEventListener("change", () => {
    const seconds = timeLimit.value === "" ? 0 : Number(timeLimit.value);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_TIMEOUT_MS / 1000) {
      playground.notice.show("badTimeLimit", { max: MAX_TIMEOUT_MS / 1000 });
      showTimeLimit();
      return;
    }
    playground.setOptions({ ...playground.workspace().options, timeoutMs: seconds * 1000 });
  });

  const showOptimizeLevel = () => {
    optimizeSelect.value = String(optimizeLevelOf(playground.workspace().options));
  };
  showOptimizeLevel();
  playground.codeEditor.onChange(showOptimizeLevel);
  optimizeSelect.disabled = false;
  optimizeSelect.addEventListener("change", () => {
    playground.setOptions({ ...playground.workspace().options, optimize: selectedOptimizeLevel(optimizeSelect) });
  });

  shareButton.disabled = false;
  shareButton.addEventListener("click", () => void share(playground, shareBox, shareUrl));
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key.toLowerCase() === "s" && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        void share(playground, shareBox, shareUrl);
      }
    },
    true,
  );

  const showTheme = () => themeButton.setAttribute("aria-pressed", String(currentTheme() === "dark"));
  showTheme();
  themeButton.addEventListener("click", () => {
    setTheme(currentTheme() === "dark" ? "light" : "dark");
    showTheme();
  });
  readerButton.addEventListener("click", () => {
    const enabled = readerButton.getAttribute("aria-pressed") !== "true";
    readerButton.setAttribute("aria-pressed", String(enabled));
    playground.serialConsole.setScreenReaderMode(enabled);
  });

  new FilesBar(
    {
      tabs: element("file-tabs"),
      form: element<HTMLFormElement>("file-form"),
      nameInput: element<HTMLInputElement>("file-name"),
      cancel: element<HTMLButtonElement>("file-cancel"),
      add: element<HTMLButtonElement>("add-file"),
      rename: element<HTMLButtonElement>("rename-file"),
      remove: element<HTMLButtonElement>("delete-file"),
    },
    playground.codeEditor,
    (key, params, action) => playground.notice.show(key, params, action),
  );

  let saveFailed = false;
  const save = () => {
    const ok = autosave.save(playground.workspace());
    if (!ok && !saveFailed) playground.notice.show("autosaveFailed");
    saveFailed = !ok;
  };
  playground.codeEditor.onChange(save);
  timeLimit.addEventListener("change", save);
  optimizeSelect.addEventListener("change", save);
  addEventListener("pagehide", save);
  addEventListener("storage", (event) => {
    if (Autosave.isSlotKey(event.key) && event.key !== autosave.slotKey) playground.notice.show("otherTabEditing");
  });
  save();
  reportOpenedLink(playground);
}

startPlayground({
  initialWorkspace,
  readOnly: false,
  autorun: false,
  views: new Set(VIEW_NAMES),
  showEditor: true,
  onReady: wireToolbar,
}).catch((error: unknown) => {
  // Each failed step has already put its own message on the status line.
  console.error("playground failed to start:", error);
});
