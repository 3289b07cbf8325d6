// One Run: build in the worker, show diagnostics, boot the image in the
// page's emulator and report progress on the status line. A newer Run or a
// Stop supersedes the current one, and a superseded run updates nothing.
import { formatDiagnostic, hasErrors } from "../builder/diagnostic";
import type { BuildResult } from "../builder/types";
import type { BuilderClient } from "./builder-client";
import type { CodeEditor } from "./code-editor";
import type { Emulator } from "../emulator";
import type { SerialConsole } from "./serial-console";
import type { RunReport, StatusLine } from "./status-line";

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

  constructor(private readonly parts: RunControllerParts) {}

  get active(): boolean {
    return this.activeRuns > 0;
  }

  /** Builds and boots the editor's source, and resolves when this run ends or is superseded. */
  async run(): Promise<void> {
    const generation = ++this.generation;
    const startedAt = performance.now();
    const { codeEditor, serialConsole, status } = this.parts;
    const files = { [codeEditor.fileName]: codeEditor.getSource() };
    this.setActive(+1);
    try {
      await this.stopGuest();
      if (generation !== this.generation) return;

      serialConsole.clear();
      status.building();
      const report: RunReport = {};
      this.lastReport = report;

      const result = await this.build(files, report);
      if (result === undefined || generation !== this.generation) return;

      report.timings = result.timings;
      codeEditor.showDiagnostics(result.diagnostics);
      for (const d of result.diagnostics) serialConsole.writeText(formatDiagnostic(d, files));
      if (!result.ok || !result.image) {
        if (!hasErrors(result.diagnostics)) throw new Error("internal error: the build failed without an error diagnostic");
        report.buildErrors = result.diagnostics.filter((d) => d.severity === "error").length;
        await serialConsole.flush();
        if (generation === this.generation) status.finished(report);
        return;
      }

      report.imageBytes = result.image.byteLength;
      status.running(report);
      await this.boot(result.image, report, generation, startedAt);
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

  private async build(files: Record<string, string>, report: RunReport): Promise<BuildResult | undefined> {
    try {
      const builder = await this.parts.builder();
      return await builder.build({ files });
    } catch (error) {
      this.parts.discardBuilder();
      this.parts.status.error("workerFailed", errorMessage(error));
      this.lastReport = report;
      return undefined;
    }
  }

  private async boot(image: Uint8Array, report: RunReport, generation: number, startedAt: number): Promise<void> {
    const { serialConsole, status, emulator } = this.parts;
    const current = () => generation === this.generation;
    const run = emulator.run(image, {
      onOutput: (bytes) => {
        if (!current()) return;
        serialConsole.writeBytes(bytes);
        if (report.firstOutputMs === undefined) {
          report.firstOutputMs = performance.now() - startedAt;
          status.running(report);
        }
      },
      onBoot: (metrics) => {
        if (!current()) return;
        report.boot = metrics;
        status.running(report);
      },
    });
    this.guestRun = run;
    try {
      const result = await run;
      report.end = result.end;
      report.boot ??= result.boot;
      // The console must show all output before the status line reports "done".
      await serialConsole.flush();
      if (current()) status.finished(report);
    } catch (error) {
      if (current()) status.error("runFailed", errorMessage(error));
    } finally {
      if (this.guestRun === run) this.guestRun = undefined;
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
