// The link map tab: a bar per component with the change against the
// previous build, the archive members the link pulled in and why, and the
// output sections.
import type { LinkMap } from "../../builder/types";
import { formatNumber, translate } from "../i18n";
import { componentSizes, symbolChanges } from "./link-summary";

/** Rows of the symbol-change table; a larger change lists only the biggest. */
const MAX_CHANGED_SYMBOLS = 40;

function cell(tag: keyof HTMLElementTagNameMap, text: string, className?: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

function row(cells: HTMLElement[]): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.append(...cells);
  return tr;
}

function table(caption: string, headings: string[], rows: HTMLTableRowElement[], testId: string): HTMLTableElement {
  const element = document.createElement("table");
  element.dataset.testid = testId;
  const captionElement = document.createElement("caption");
  captionElement.textContent = caption;
  const head = document.createElement("thead");
  head.append(row(headings.map((h) => cell("th", h))));
  const body = document.createElement("tbody");
  body.append(...rows);
  element.append(captionElement, head, body);
  return element;
}

function hex(value: number): string {
  return "0x" + value.toString(16).padStart(8, "0");
}

function signed(value: number): string {
  if (value > 0) return `+${formatNumber(value)}`;
  if (value < 0) return `−${formatNumber(-value)}`;
  return "±0";
}

export class LinkMapView {
  private previous: LinkMap | undefined;
  private current: LinkMap | undefined;
  private imageBytes = 0;

  constructor(private readonly container: HTMLElement) {
    this.render();
  }

  /** Shows `map` and remembers the map shown before, for the diff. */
  update(map: LinkMap, imageBytes: number): void {
    if (this.current) this.previous = this.current;
    this.current = map;
    this.imageBytes = imageBytes;
    this.render();
  }

  render(): void {
    const map = this.current;
    if (!map) {
      this.container.replaceChildren(cell("p", translate("linkMapEmpty"), "empty"));
      return;
    }
    const sizes = componentSizes(map, this.previous);
    const largest = Math.max(1, ...sizes.map((s) => s.bytes));

    const summary = document.createElement("p");
    summary.textContent = translate("linkMapSummary", {
      bytes: formatNumber(this.imageBytes),
      members: map.members.length,
      discarded: map.discarded.length,
    });

    const chart = document.createElement("div");
    chart.className = "size-chart";
    chart.dataset.testid = "size-chart";
    chart.setAttribute("role", "list");
    chart.setAttribute("aria-label", translate("sizeChartLabel"));
    for (const size of sizes) {
      const item = document.createElement("div");
      item.className = "size-row";
      item.setAttribute("role", "listitem");
      item.dataset.component = size.component;
      item.dataset.bytes = String(size.bytes);
      const bar = document.createElement("span");
      bar.className = "size-bar";
      bar.style.width = `${(100 * size.bytes) / largest}%`;
      const label = cell("span", size.component, "size-name");
      const value = cell("span", translate("bytes", { value: formatNumber(size.bytes) }), "size-value");
      value.title = translate("memoryBytes", { value: formatNumber(size.memoryBytes) });
      const delta = cell("span", size.delta === undefined ? "" : signed(size.delta), "size-delta");
      if (size.delta !== undefined) delta.dataset.delta = String(size.delta);
      const barBox = document.createElement("span");
      barBox.className = "size-bar-box";
      barBox.append(bar);
      item.append(label, barBox, value, delta);
      chart.append(item);
    }

    const members = table(
      translate("pulledMembers"),
      [translate("member"), translate("symbol"), translate("referencedBy"), translate("size")],
      map.members.map((m) =>
        row([
          cell("td", m.object),
          cell("td", m.symbol),
          cell("td", m.referencingFunction ? `${m.referencedBy} (${m.referencingFunction})` : m.referencedBy),
          cell("td", formatNumber(m.size), "number"),
        ]),
      ),
      "pulled-members",
    );
    const sections = table(
      translate("outputSections"),
      [translate("section"), translate("address"), translate("size")],
      map.sections.map((s) => row([cell("td", s.name), cell("td", hex(s.address)), cell("td", formatNumber(s.size), "number")])),
      "output-sections",
    );
    const parts: HTMLElement[] = [summary, chart];
    if (this.previous) {
      const changes = symbolChanges(map, this.previous);
      const size = (value: number | undefined) => (value === undefined ? "–" : formatNumber(value));
      parts.push(
        table(
          translate("changedSymbols", { count: changes.length }),
          [translate("symbol"), translate("component"), translate("sizeBefore"), translate("sizeAfter")],
          changes.slice(0, MAX_CHANGED_SYMBOLS).map((s) => row([cell("td", s.name), cell("td", s.component), cell("td", size(s.before), "number"), cell("td", size(s.after), "number")])),
          "changed-symbols",
        ),
      );
    }
    parts.push(members, sections);
    this.container.replaceChildren(...parts);
  }
}
