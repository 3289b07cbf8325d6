// The notice under the status line: one message at a time about links,
// autosave and other tabs, with an optional action button. Text goes in
// with textContent only, so nothing from a link is ever parsed as HTML.
import { translate, type MessageKey } from "./i18n";

export interface NoticeAction {
  label: MessageKey;
  run(): void;
}

export class Notice {
  private current: { key: MessageKey; params: Record<string, string | number>; action?: NoticeAction } | undefined;

  constructor(
    private readonly element: HTMLElement,
    private readonly text: HTMLElement,
    private readonly actionButton: HTMLButtonElement,
    closeButton: HTMLButtonElement,
  ) {
    closeButton.addEventListener("click", () => this.clear());
    actionButton.addEventListener("click", () => {
      const action = this.current?.action;
      this.clear();
      action?.run();
    });
  }

  /** The notice's message key, for tests: `data-key` on the element carries it too. */
  get key(): MessageKey | undefined {
    return this.current?.key;
  }

  show(key: MessageKey, params: Record<string, string | number> = {}, action?: NoticeAction): void {
    this.current = { key, params, action };
    this.render();
  }

  clear(): void {
    this.current = undefined;
    this.render();
  }

  render(): void {
    const current = this.current;
    this.element.hidden = current === undefined;
    this.element.dataset.key = current?.key ?? "";
    this.text.textContent = current ? translate(current.key, current.params) : "";
    this.actionButton.hidden = current?.action === undefined;
    this.actionButton.textContent = current?.action ? translate(current.action.label) : "";
  }
}
