// The embed page's entry point: a playground without the toolbar, set up
// from query options and a share-link fragment, driven by the host page
// through postMessage (see messages.ts and docs/embed.md).
import { element, startPlayground, type Playground, type PlaygroundEvent } from "../app";
import { DEFAULT_FILE_NAME, DEFAULT_PROGRAM } from "../default-program";
import { FilesBar } from "../files-bar";
import type { Notice } from "../notice";
import { decodeShareLink } from "../share/link-codec";
import { DEFAULT_OPTIONS, TOOLCHAIN_VERSION, type Workspace } from "../workspace";
import { EMBED_SOURCE, parseHostCommand } from "./messages";
import { parseEmbedOptions } from "./options";

const options = parseEmbedOptions(location.search);
let playground: Playground | undefined;
/** Commands that arrive before the playground has loaded, run once it is ready. */
const queued: MessageEvent[] = [];

function post(event: PlaygroundEvent | { type: "error"; message: string }): void {
  if (window.parent === window) return;
  // The events carry the guest's output and metrics, which the host page asked for by embedding the widget.
  window.parent.postMessage({ source: EMBED_SOURCE, id: options.id, ...event }, "*");
}

function handleMessage(event: MessageEvent): void {
  if (event.source !== window.parent || window.parent === window) return;
  const parsed = parseHostCommand(event.data);
  if (parsed === undefined) return;
  if (!parsed.ok) {
    post({ type: "error", message: parsed.message });
    return;
  }
  if (!playground) {
    queued.push(event);
    return;
  }
  const command = parsed.command;
  switch (command.type) {
    case "run":
      void playground.run();
      break;
    case "stop":
      playground.stop();
      break;
    case "setFiles":
      // New files keep the widget's options, such as its optimisation level.
      playground.setWorkspace({ ...command.workspace, options: playground.workspace().options });
      break;
  }
}

/** Returns the workspace with the level from the `optimize` parameter, which takes precedence over the link's. */
function withOptimizeOption(workspace: Workspace): Workspace {
  if (options.optimize === undefined) return workspace;
  return { ...workspace, options: { ...workspace.options, optimize: options.optimize } };
}

function initialWorkspace(notice: Notice): Workspace {
  if (options.invalidOptimize !== undefined) {
    const value = JSON.stringify(options.invalidOptimize);
    post({ type: "error", message: `invalid optimize parameter ${value}: expected 0, 1 or 2 (or -O0, -O1, -O2); the widget builds at the link's level or -O2` });
    notice.show("badOptimizeLevel", { value });
  }
  return withOptimizeOption(linkOrDefaultWorkspace());
}

function linkOrDefaultWorkspace(): Workspace {
  const fallback: Workspace = {
    files: { [DEFAULT_FILE_NAME]: DEFAULT_PROGRAM },
    active: DEFAULT_FILE_NAME,
    options: DEFAULT_OPTIONS,
    libos: "",
    toolchain: TOOLCHAIN_VERSION,
  };
  const fragment = location.hash.slice(1);
  if (!fragment) return fallback;
  const decoded = decodeShareLink(fragment);
  if (!decoded.ok) {
    post({ type: "error", message: `the widget's link is invalid (${decoded.failure}): ${decoded.detail}` });
    return fallback;
  }
  return decoded.workspace;
}

if (options.height !== undefined) document.documentElement.style.height = `${options.height}px`;
addEventListener("message", handleMessage);

startPlayground({
  initialWorkspace,
  readOnly: options.readOnly,
  autorun: options.autorun,
  views: options.views,
  showEditor: options.showEditor,
  theme: options.theme,
  onEvent: post,
  onReady(ready) {
    playground = ready;
    const filesBar = new FilesBar(
      {
        tabs: element("file-tabs"),
        form: element<HTMLFormElement>("file-form"),
        nameInput: element<HTMLInputElement>("file-name"),
        cancel: element<HTMLButtonElement>("file-cancel"),
        add: element<HTMLButtonElement>("add-file"),
        rename: element<HTMLButtonElement>("rename-file"),
        remove: element<HTMLButtonElement>("delete-file"),
      },
      ready.codeEditor,
      (key, params, action) => ready.notice.show(key, params, action),
    );
    filesBar.setReadOnly(options.readOnly);
    const open = element<HTMLAnchorElement>("open-playground");
    const updateLink = () => {
      void import("../share/link-codec").then(({ encodeShareLink }) => {
        open.href = new URL(`index.html#${encodeShareLink(ready.workspace())}`, document.baseURI).href;
      });
    };
    ready.codeEditor.onChange(updateLink);
    updateLink();
    for (const event of queued.splice(0)) handleMessage(event);
  },
}).catch((error: unknown) => {
  post({ type: "error", message: error instanceof Error ? error.message : String(error) });
});
