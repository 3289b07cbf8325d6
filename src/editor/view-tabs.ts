// The tabs over the right-hand pane: Console, VGA, Assembly, Link map and
// Timeline, following the ARIA tabs pattern (arrow keys move between tabs).
export const VIEW_NAMES = ["console", "vga", "listing", "linkmap", "timeline"] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export function isViewName(value: string): value is ViewName {
  return (VIEW_NAMES as readonly string[]).includes(value);
}

export class ViewTabs {
  private readonly tabs: HTMLButtonElement[];
  private listeners: ((view: ViewName) => void)[] = [];
  current: ViewName = "console";

  constructor(root: ParentNode, visible: ReadonlySet<ViewName>) {
    this.tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"][data-view]')];
    for (const tab of this.tabs) {
      const view = tab.dataset.view as ViewName;
      tab.hidden = !visible.has(view);
      tab.addEventListener("click", () => this.show(view));
      tab.addEventListener("keydown", (event) => this.moveFocus(event));
    }
    const first = VIEW_NAMES.find((view) => visible.has(view)) ?? "console";
    this.show(first);
  }

  onShow(listener: (view: ViewName) => void): void {
    this.listeners.push(listener);
  }

  show(view: ViewName): void {
    this.current = view;
    for (const tab of this.tabs) {
      const selected = tab.dataset.view === view;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(tab.getAttribute("aria-controls") ?? "");
      if (panel) panel.hidden = !selected;
    }
    for (const listener of this.listeners) listener(view);
  }

  private moveFocus(event: KeyboardEvent): void {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const visible = this.tabs.filter((tab) => !tab.hidden);
    const index = visible.findIndex((tab) => tab === document.activeElement);
    if (index < 0) return;
    const next = visible[(index + (event.key === "ArrowRight" ? 1 : visible.length - 1)) % visible.length];
    next.focus();
    this.show(next.dataset.view as ViewName);
  }
}
