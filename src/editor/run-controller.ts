// One Run: build in the worker, show diagnostics, boot the image in the
// page's emulator and report progress on the status line. A newer Run or a
// Stop supersedes the current one, and a superseded run updates nothing.
import type { OptimizeLevel } from "../builder/cc";
import { hasErrors } from "../builder/diagnostic";
import type { BuildRequest, BuildResult, SourceFiles } from "../builder/types";
import { BuildTimeoutError, type BuilderClient } from "./builder-client";
import type { CodeEditor } from "./code-editor";
import { translate } from "./i18n";
import { formatForConsole } from "./console-diagnostic";
import { describeFault, describeFrame, type Emulator, type RunResult } from "../emulator";
import type { SerialConsole } from "./serial-console";
import type { RunReport, StatusLine } from "./status-line";
import type { RunTimeline } from "./views/timeline-view";

/** How long one build may take in the worker before it is cancelled and the worker restarted. */
export const DEFAULT_BUILD_BUDGET_MS = 20_000;

export interface RunObserver {
  /** A build finished (with or without errors); `optimize` is the level it was requested at. */
  onBuild?(result: BuildResult, files: SourceFiles, optimize: OptimizeLevel): void;
  onGuestStart?(): void;
  onOutput?(bytes: Uint8Array): void;
  /** The run ended; `result` is absent when it ended before booting. */
  onEnd?(report: RunReport, result: RunResult | undefined, timeline: RunTimeline | undefined): void;
}

export interface RunControllerParts {
  codeEditor: CodeEditor;
  serialConsole: SerialConsole;
  status: StatusLine;
  emulator: Emulator;
  /** Returns a builder whose library OS is loaded, creating a new one after a worker failure. */
  builder(): Promise<BuilderClient>;
  /** Drops the builder after its worker failed, so the next Run starts a fresh one. */
  discardBuilder(): void;
  /** Called whenever a run starts or ends, to update the buttons. */
  onActivityChange(active: boolean): void;
  /** The guest's wall-clock limit per run in milliseconds, 0 for none. */
  guestTimeoutMs(): number;
  /** The compiler's optimisation level for the next build. */
  optimizeLevel(): OptimizeLevel;
  observer?: RunObserver;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class RunController {
  private generation = 0;
  private guestRun: Promise<unknown> | undefined;
  private activeRuns = 0;
  /** The report of the latest Run, for tests and benchmarks. */
  lastReport: RunReport | undefined;
  /** Milliseconds a build may take before the worker is restarted; tests lower it. */
  buildBudgetMs = DEFAULT_BUILD_BUDGET_MS;

  constructor(private readonly parts: RunControllerParts) {}

  get active(): boolean {
    return this.activeRuns > 0;
  }

  /** Builds and boots the editor's files, and resolves when this run ends or is superseded. */
  async run(): Promise<void> {
    const generation = ++this.generation;
    const startedAt = performance.now();
    const { codeEditor, serialConsole, status } = this.parts;
    const files = codeEditor.files();
    this.setActive(+1);
    try {
      await this.stopGuest();
      if (generation !== this.generation) return;

      const optimize = this.parts.optimizeLevel();
      const report: RunReport = { optimize };
      this.lastReport = report;
      status.building(report);
      // The worker builds while the page clears the console and the old fault mark.
      const building = this.build({ files, optimize }, report);
      serialConsole.clear();
      codeEditor.showFault(undefined);
      const result = await building;
      if (result === undefined || generation !== this.generation) return;
      const builtMs = performance.now() - startedAt;

      report.timings = result.timings;
      codeEditor.showDiagnostics(result.diagnostics);
      this.parts.observer?.onBuild?.(result, files, optimize);
      for (const d of result.diagnostics) serialConsole.writeText(formatForConsole(d, files));
      if (!result.ok || !result.image) {
        if (!hasErrors(result.diagnostics)) throw new Error("internal error: the build failed without an error diagnostic");
        report.buildErrors = result.diagnostics.filter((d) => d.severity === "error").length;
        await serialConsole.flush();
        if (generation === this.generation) {
          status.finished(report);
          this.parts.observer?.onEnd?.(report, undefined, undefined);
        }
        return;
      }

      report.imageBytes = result.image.byteLength;
      status.running(report);
      await this.boot(result.image, report, generation, startedAt, builtMs);
    } finally {
      this.setActive(-1);
    }
  }

  /** Stops the running guest, or abandons a build in progress. */
  stop(): void {
    const generation = ++this.generation;
    const report = this.lastReport;
    void this.stopGuest()
      .then(() => this.parts.serialConsole.flush())
      .then(() => {
        if (generation !== this.generation || report === undefined) return;
        if (report.end === undefined && report.buildErrors === undefined) report.end = { reason: "stopped" };
        this.parts.status.finished(report);
      });
  }

  private async build(request: BuildRequest, report: RunReport): Promise<BuildResult | undefined> {
    try {
      const builder = await this.parts.builder();
      return await builder.build(request, this.buildBudgetMs);
    } catch (error) {
      this.parts.discardBuilder();
      this.lastReport = report;
      if (error instanceof BuildTimeoutError) {
        this.parts.status.error("buildTimeout", String(this.buildBudgetMs / 1000));
      } else {
        this.parts.status.error("workerFailed", errorMessage(error));
      }
      this.parts.observer?.onEnd?.(report, undefined, undefined);
      return undefined;
    }
  }

  private async boot(image: Uint8Array, report: RunReport, generation: number, startedAt: number, builtMs: number): Promise<void> {
    const { serialConsole, status, emulator, observer } = this.parts;
    const current = () => generation === this.generation;
    const timeline: RunTimeline = {
      compileMs: report.timings?.compileMs ?? 0,
      linkMs: report.timings?.linkMs ?? 0,
      builtMs,
    };
    let mainAt: number | undefined;
    const timeoutMs = this.parts.guestTimeoutMs();
    const run = emulator.run(image, {
      timeoutMs: timeoutMs > 0 ? timeoutMs : undefined,
      onOutput: (bytes) => {
        if (!current()) return;
        serialConsole.writeBytes(bytes);
        observer?.onOutput?.(bytes);
        if (report.firstOutputMs === undefined) {
          report.firstOutputAtMs = performance.now();
          report.firstOutputMs = report.firstOutputAtMs - startedAt;
          status.running(report);
        }
      },
      onBoot: (metrics) => {
        if (!current()) return;
        mainAt = performance.now() - startedAt;
        report.boot = metrics;
        status.running(report);
      },
    });
    this.guestRun = run;
    observer?.onGuestStart?.();
    try {
      const result = await run;
      const endMs = performance.now() - startedAt;
      report.end = result.end;
      report.boot ??= result.boot;
      timeline.entryMs = builtMs + result.resetMs;
      timeline.mainMs = mainAt;
      timeline.firstOutputMs = report.firstOutputMs;
      timeline.exitMs = endMs;
      if (result.fault && current()) this.showFault(result);
      // The console must show all output before the status line reports "done".
      await serialConsole.flush();
      if (current()) {
        status.finished(report);
        observer?.onEnd?.(report, result, timeline);
      }
    } catch (error) {
      if (current()) status.error("runFailed", errorMessage(error));
    } finally {
      if (this.guestRun === run) this.guestRun = undefined;
    }
  }

  /** Writes the fault report and the backtrace under the guest's output, and marks the fault's source line. */
  private showFault(result: RunResult): void {
    const fault = result.fault;
    if (!fault) return;
    const text = describeFault(fault);
    const lines = [`\x1b[1;31m${text}\x1b[0m`];
    if (fault.detail) lines.push(fault.detail);
    // Frame 0 is the faulting instruction, which the first line already names.
    for (const frame of (fault.backtrace ?? []).slice(1)) lines.push(`  ${translate("calledFrom", { frame: describeFrame(frame) })}`);
    this.parts.serialConsole.writeText(`\n${lines.join("\n")}\n`);
    if (fault.file !== undefined && fault.line !== undefined) {
      this.parts.codeEditor.showFault({ file: fault.file, line: fault.line, column: fault.column, message: text });
    }
  }

  private async stopGuest(): Promise<void> {
    const guestRun = this.guestRun;
    if (guestRun === undefined) return;
    this.parts.emulator.stop();
    await guestRun.catch(() => {});
  }

  private setActive(delta: number): void {
    this.activeRuns += delta;
    this.parts.onActivityChange(this.activeRuns > 0);
  }
}
