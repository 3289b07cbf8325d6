// The VGA tab: the guest's 80x25 text screen, read from the emulator about
// ten times a second while a guest runs and once when it ends.

export interface TextScreen {
  columns: number;
  rows: number;
  lines: string[];
  /** The attribute byte of each cell, row by row: background in bits 4–7, foreground in bits 0–3. */
  attributes?: Uint8Array;
}

/** Reads the text screen of the current or last run; undefined while the guest is in a graphics mode. */
export type TextScreenReader = () => TextScreen | undefined;

const POLL_MS = 100;

export class VgaView {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly element: HTMLElement,
    private readonly read: TextScreenReader,
  ) {
    this.refresh();
  }

  /** Starts polling while a guest runs. */
  start(): void {
    this.stop();
    this.timer = setInterval(() => this.refresh(), POLL_MS);
  }

  /** Stops polling and draws the final screen. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.refresh();
  }

  /** Draws the screen as one block per row, with one span per run of cells that share an attribute byte. */
  refresh(): void {
    const screen = this.read();
    if (!screen) {
      this.element.textContent = "";
      return;
    }
    const attributes = screen.attributes;
    if (!attributes) {
      this.element.textContent = screen.lines.join("\n");
      return;
    }
    const rows = screen.lines.map((line, row) => {
      const rowElement = document.createElement("div");
      rowElement.className = "vga-row";
      let start = 0;
      for (let column = 1; column <= line.length; column++) {
        const index = row * screen.columns;
        if (column < line.length && attributes[index + column] === attributes[index + start]) continue;
        const span = document.createElement("span");
        const attribute = attributes[index + start];
        span.className = `vga-fg-${attribute & 15} vga-bg-${(attribute >> 4) & 7}`;
        span.textContent = line.slice(start, column);
        rowElement.append(span);
        start = column;
      }
      return rowElement;
    });
    this.element.replaceChildren(...rows);
  }
}
