// The benchmark runner's command line, without running any benchmark.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const runner = join(import.meta.dirname, "..", "..", "bench", "run.ts");

describe("bench runner", () => {
  it("rejects an unknown benchmark", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", runner, "--quick", "no-such-bench"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^bench: unknown benchmark no-such-bench; available: .*\bboot\b.*\bsize\b.* \(option: --quick\)\n$/);
  });

  it("lists no helper module as a benchmark", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", runner, "no-such-bench"], { encoding: "utf8" });
    expect(result.stderr).not.toContain("support");
    expect(result.stderr).not.toContain("run,");
  });
});
