// The VGA tab: the guest's 80x25 text screen, read from the emulator about
// ten times a second while a guest runs and once when it ends.

export interface TextScreen {
  columns: number;
  rows: number;
  lines: string[];
}

/** Reads the text screen of the current or last run, or returns undefined when the emulator cannot. */
export type TextScreenReader = () => TextScreen | undefined;

const POLL_MS = 100;

export class VgaView {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly element: HTMLElement,
    private readonly read: TextScreenReader | undefined,
    private readonly unavailableText: () => string,
  ) {
    this.refresh();
  }

  get available(): boolean {
    return this.read !== undefined;
  }

  /** Starts polling while a guest runs. */
  start(): void {
    this.stop();
    if (this.read) this.timer = setInterval(() => this.refresh(), POLL_MS);
  }

  /** Stops polling and draws the final screen. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.refresh();
  }

  refresh(): void {
    const screen = this.read?.();
    this.element.dataset.available = String(this.read !== undefined);
    this.element.textContent = screen ? screen.lines.join("\n") : this.read ? "" : this.unavailableText();
  }
}
