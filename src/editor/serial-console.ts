// The xterm.js terminal that shows the guest's COM1 output and sends typed
// keys back to COM1.
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";

const FLUSH_FRAME_LIMIT_MS = 100;

const THEMES = {
  dark: { background: "#1b1d23", foreground: "#e6e6e6", cursor: "#e6e6e6" },
  light: { background: "#ffffff", foreground: "#1d2129", cursor: "#1d2129", selectionBackground: "#b3d4fc" },
};

export interface SerialConsole {
  readonly terminal: Terminal;
  /** Writes guest output bytes. A `\n` starts a new line because convertEol is on. */
  writeBytes(bytes: Uint8Array): void;
  writeText(text: string): void;
  /** Resolves once everything written so far is parsed and drawn. */
  flush(): Promise<void>;
  clear(): void;
  /** The visible text, one string per buffer line with trailing spaces removed. */
  bufferLines(): string[];
  setAriaLabel(label: string): void;
  setTheme(theme: "light" | "dark"): void;
  /** Turns on xterm's screen-reader mode, which mirrors the rows into an accessibility tree. */
  setScreenReaderMode(enabled: boolean): void;
  dispose(): void;
}

/**
 * Creates the terminal in `container`. Keys typed in it go to `onInput`,
 * except Ctrl/Cmd+Enter, which goes to `onRun`.
 */
export function createSerialConsole(
  container: HTMLElement,
  onInput: (data: string) => void,
  onRun: () => void,
): SerialConsole {
  // xterm 6 draws with its DOM renderer unless a canvas or WebGL addon is
  // loaded, so each row is a <div> whose text tests can read.
  const terminal = new Terminal({
    convertEol: true,
    cursorBlink: true,
    fontSize: 14,
    // At the default line height, DejaVu Sans Mono's underscore is clipped.
    lineHeight: 1.2,
    scrollback: 5000,
    fontFamily: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    theme: THEMES.dark,
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(container);
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.type === "keydown" && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      onRun();
      return false;
    }
    return true;
  });
  const dataListener = terminal.onData(onInput);

  const resizeObserver = new ResizeObserver(() => {
    if (container.clientWidth > 0 && container.clientHeight > 0) fit.fit();
  });
  resizeObserver.observe(container);

  return {
    terminal,
    writeBytes: (bytes) => terminal.write(bytes),
    writeText: (text) => terminal.write(text),
    async flush() {
      // xterm parses writes asynchronously and redraws on the next animation
      // frame. Hidden tabs get no animation frames, so the wait has a time limit.
      await new Promise<void>((parsed) => terminal.write("", parsed));
      await new Promise<void>((drawn) => {
        requestAnimationFrame(() => drawn());
        setTimeout(drawn, FLUSH_FRAME_LIMIT_MS);
      });
    },
    clear: () => terminal.reset(),
    bufferLines() {
      const buffer = terminal.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
      while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
      return lines;
    },
    setAriaLabel(label) {
      terminal.textarea?.setAttribute("aria-label", label);
    },
    setTheme(theme) {
      terminal.options.theme = THEMES[theme];
    },
    setScreenReaderMode(enabled) {
      terminal.options.screenReaderMode = enabled;
    },
    dispose() {
      resizeObserver.disconnect();
      dataListener.dispose();
      terminal.dispose();
    },
  };
}
