// The boot timeline tab: for each run, when compile, link, emulator reset,
// the first guest instruction, `main`, the first output and the exit
// happened, in host milliseconds after Run. The latest run is drawn as
// bars, and a table keeps the last runs for comparison.
import { formatNumber, translate, type MessageKey } from "../i18n";

/** Host milliseconds after Run at which each stage of one run ended. */
export interface RunTimeline {
  compileMs: number;
  linkMs: number;
  /** The worker returned the image. */
  builtMs: number;
  /** The guest's first instruction ran (after the emulator reset). */
  entryMs?: number;
  mainMs?: number;
  firstOutputMs?: number;
  exitMs?: number;
}

const HISTORY_LENGTH = 10;

interface Stage {
  key: MessageKey;
  start: number;
  end: number;
}

function stages(t: RunTimeline): Stage[] {
  const list: Stage[] = [
    { key: "stageCompile", start: 0, end: t.compileMs },
    { key: "stageLink", start: t.compileMs, end: t.compileMs + t.linkMs },
    { key: "stageTransfer", start: t.compileMs + t.linkMs, end: t.builtMs },
  ];
  if (t.entryMs !== undefined) list.push({ key: "stageReset", start: t.builtMs, end: t.entryMs });
  if (t.entryMs !== undefined && t.mainMs !== undefined) list.push({ key: "stageBoot", start: t.entryMs, end: t.mainMs });
  if (t.mainMs !== undefined && t.firstOutputMs !== undefined && t.firstOutputMs >= t.mainMs) {
    list.push({ key: "stageFirstOutput", start: t.mainMs, end: t.firstOutputMs });
  }
  const last = t.firstOutputMs ?? t.mainMs ?? t.entryMs;
  if (last !== undefined && t.exitMs !== undefined) list.push({ key: "stageRun", start: last, end: t.exitMs });
  return list;
}

function ms(value: number | undefined): string {
  return value === undefined ? "–" : formatNumber(value, 1);
}

export class TimelineView {
  private readonly history: RunTimeline[] = [];
  private readonly numbers: number[] = [];
  private count = 0;

  constructor(private readonly container: HTMLElement) {
    this.render();
  }

  add(timeline: RunTimeline): void {
    this.history.unshift(timeline);
    this.numbers.unshift(++this.count);
    this.history.length = Math.min(this.history.length, HISTORY_LENGTH);
    this.numbers.length = this.history.length;
    this.render();
  }

  /** The recorded runs, newest first, for tests. */
  runs(): readonly RunTimeline[] {
    return this.history;
  }

  render(): void {
    const latest = this.history[0];
    if (!latest) {
      const empty = document.createElement("p");
      empty.textContent = translate("timelineEmpty");
      this.container.replaceChildren(empty);
      return;
    }
    const list = stages(latest);
    const total = Math.max(0.001, ...list.map((s) => s.end));
    const chart = document.createElement("div");
    chart.className = "timeline-chart";
    chart.dataset.testid = "timeline-chart";
    for (const stage of list) {
      const item = document.createElement("div");
      item.className = "timeline-row";
      item.dataset.stage = stage.key;
      const label = document.createElement("span");
      label.className = "timeline-label";
      label.textContent = translate(stage.key);
      const track = document.createElement("span");
      track.className = "timeline-track";
      const bar = document.createElement("span");
      bar.className = "timeline-bar";
      bar.style.marginLeft = `${(100 * stage.start) / total}%`;
      bar.style.width = `${Math.max(0.3, (100 * (stage.end - stage.start)) / total)}%`;
      track.append(bar);
      const value = document.createElement("span");
      value.className = "timeline-value";
      value.textContent = translate("msRange", { start: ms(stage.start), end: ms(stage.end) });
      item.append(label, track, value);
      chart.append(item);
    }

    const table = document.createElement("table");
    table.dataset.testid = "timeline-history";
    const caption = document.createElement("caption");
    caption.textContent = translate("timelineHistory");
    const headings: MessageKey[] = ["runNumber", "stageCompile", "stageLink", "markEntry", "markMain", "markFirstOutput", "markExit"];
    const head = document.createElement("tr");
    for (const key of headings) {
      const th = document.createElement("th");
      th.textContent = translate(key);
      head.append(th);
    }
    const rows = this.history.map((t, index) => {
      const tr = document.createElement("tr");
      const values = [String(this.numbers[index]), ms(t.compileMs), ms(t.linkMs), ms(t.entryMs), ms(t.mainMs), ms(t.firstOutputMs), ms(t.exitMs)];
      for (const text of values) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    });
    const thead = document.createElement("thead");
    thead.append(head);
    const tbody = document.createElement("tbody");
    tbody.append(...rows);
    table.append(caption, thead, tbody);
    this.container.replaceChildren(chart, table);
  }
}
