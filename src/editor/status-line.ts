// The status line under the panes: loading progress, then per run the
// build timings, image size, boot metrics, first-output latency and how the
// run ended. The element's `data-state` attribute gives tests and tutorials the phase.
import type { OptimizeLevel } from "../builder/cc";
import type { BuildTimings } from "../builder/types";
import type { BootMetrics, RunEnd } from "../emulator/types";
import { formatNumber, translate, type MessageKey } from "./i18n";
import { optimizeFlag } from "./workspace";

export type StatusPhase = "loading" | "ready" | "building" | "running" | "done" | "error";

/** Everything the status line shows about one Run, filled in as the run goes. */
export interface RunReport {
  /** The optimisation level the run's build was requested at. */
  optimize?: OptimizeLevel;
  timings?: BuildTimings;
  imageBytes?: number;
  boot?: BootMetrics;
  /** Wall milliseconds from pressing Run to the first byte of guest output. */
  firstOutputMs?: number;
  /** performance.now() of the first byte of guest output: milliseconds since the page's navigation started. */
  firstOutputAtMs?: number;
  end?: RunEnd;
  buildErrors?: number;
}

type Message = { key: MessageKey; params?: Record<string, string | number> };

export class StatusLine {
  private phase: StatusPhase = "loading";
  private message: Message | undefined;
  private report: RunReport | undefined;
  private runs = 0;

  constructor(
    private readonly element: HTMLElement,
    private readonly progress: HTMLProgressElement,
  ) {}

  get isLoading(): boolean {
    return this.phase === "loading";
  }

  /** Shows a loading step. `step` counts the finished steps out of the progress bar's maximum. */
  loading(key: MessageKey, step: number): void {
    this.progress.hidden = false;
    this.progress.value = step;
    this.set("loading", { key }, undefined);
  }

  ready(): void {
    this.progress.hidden = true;
    this.set("ready", { key: "ready" }, undefined);
  }

  error(key: MessageKey, message: string): void {
    this.progress.hidden = true;
    this.set("error", { key, params: { message } }, this.report);
  }

  /** Starts a new run. The `data-run` attribute counts runs, so scripts can wait for the next one. */
  building(report: RunReport = {}): void {
    this.runs++;
    this.element.dataset.run = String(this.runs);
    this.set("building", { key: "building" }, report);
  }

  /** Shows the run in progress. Call it again whenever `report` gains a field. */
  running(report: RunReport): void {
    this.set("running", { key: report.boot ? "running" : "booting" }, report);
  }

  finished(report: RunReport): void {
    this.set("done", undefined, report);
  }

  /** Redraws in the current language. */
  render(): void {
    const parts: string[] = [];
    if (this.report) parts.push(...describeReport(this.report));
    if (this.message) parts.push(translate(this.message.key, this.message.params));
    this.element.textContent = parts.join(" · ");
    this.element.dataset.state = this.phase;
  }

  private set(phase: StatusPhase, message: Message | undefined, report: RunReport | undefined): void {
    this.phase = phase;
    this.message = message;
    this.report = report;
    this.render();
  }
}

/** Lists the known parts of a run report as status-line phrases, in the order they happen. */
export function describeReport(report: RunReport): string[] {
  const parts: string[] = [];
  if (report.optimize !== undefined) parts.push(translate("optimizeStatus", { level: optimizeFlag(report.optimize) }));
  if (report.timings) {
    parts.push(translate("compileMs", { value: formatNumber(report.timings.compileMs, 1) }));
    parts.push(translate("linkMs", { value: formatNumber(report.timings.linkMs, 1) }));
  }
  if (report.imageBytes !== undefined) parts.push(translate("imageBytes", { value: formatNumber(report.imageBytes) }));
  if (report.boot) {
    parts.push(translate("bootInstructions", { value: formatNumber(report.boot.bootInstructions) }));
    parts.push(translate("bootMicros", { value: formatNumber(report.boot.bootGuestMicros, 1) }));
  }
  if (report.firstOutputMs !== undefined) {
    parts.push(translate("firstOutputMs", { value: formatNumber(report.firstOutputMs, 1) }));
  }
  if (report.buildErrors !== undefined) parts.push(translate("buildFailed", { count: report.buildErrors }));
  if (report.end) parts.push(describeEnd(report.end));
  return parts;
}

function describeEnd(end: RunEnd): string {
  switch (end.reason) {
    case "exit":
      return translate("exitCode", { code: end.exitCode });
    case "panic":
      return translate("panic", { code: end.exitCode });
    case "halt":
      return translate("halt");
    case "crash":
      return translate("crash", { message: end.message });
    case "timeout":
      return translate("timeout");
    case "stopped":
      return translate("stopped");
  }
}
