// Finds the files our compiler rejects or never finishes, before a benchmark
// times them in its own process. The compiles run in a child process that is
// killed when one compile passes a time limit, and restarted after that file.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface ProbeJob {
  files: { name: string; source: string }[];
  levels: number[];
  /** The index of the first file to compile. */
  start: number;
}

/** A line from the child: a compile of file `index` at `level` starts, or the file is done. */
export type ProbeMessage = { index: number; level: number } | { index: number; done: true; error?: string };

const CHILD = join(import.meta.dirname, "compile-probe-child.ts");

/**
 * Compiles every file at every level in a child process. Returns, by file
 * index, why a file failed: its first error, or a timeout when one compile
 * (or the child's start-up before the first) took longer than `timeoutMs`.
 */
export async function findCompileFailures(files: ProbeJob["files"], levels: number[], timeoutMs: number): Promise<Map<number, string>> {
  const failures = new Map<number, string>();
  const dir = mkdtempSync(join(tmpdir(), "ukp-compile-probe-"));
  try {
    let start = 0;
    while (start < files.length) {
      const jobFile = join(dir, "job.json");
      writeFileSync(jobFile, JSON.stringify({ files, levels, start } satisfies ProbeJob));
      start = await runChild(jobFile, start, files.length, timeoutMs, failures);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return failures;
}

/** Runs one child from file `start` and returns the index to restart from, or `total` when the child finished every file. */
function runChild(jobFile: string, start: number, total: number, timeoutMs: number, failures: Map<number, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, jobFile], { stdio: ["ignore", "pipe", "pipe"] });
    let current = { index: start, level: -1 };
    let next = start;
    let stderr = "";
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, timeoutMs);
    };
    arm();
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const message = JSON.parse(line) as ProbeMessage;
      arm();
      if ("done" in message) {
        if (message.error !== undefined) failures.set(message.index, message.error);
        next = message.index + 1;
      } else {
        current = message;
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) {
        const where = current.level < 0 ? "before the first compile" : `at -O${current.level}`;
        failures.set(next, `no result after ${timeoutMs / 1000} s ${where}`);
        resolve(next + 1);
      } else if (code !== 0) {
        failures.set(next, `the compiling process exited with status ${code}: ${stderr.trim().split("\n").pop() ?? ""}`);
        resolve(next + 1);
      } else {
        resolve(total);
      }
    });
  });
}
