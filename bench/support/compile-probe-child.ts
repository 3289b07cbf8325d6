// The child process of compile-probe.ts: compiles each file of a JSON job at
// each level and writes one JSON line to stdout before each compile and
// after each file, so the parent can tell which compile never returned.
// Run: node --import tsx compile-probe-child.ts JOB.json
import { readFileSync } from "node:fs";

import { compileObject } from "../../src/builder/build";
import { hasErrors, type Diagnostic } from "../../src/builder/diagnostic";
import type { OptimizeLevel } from "../../src/builder/cc";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { ProbeJob, ProbeMessage } from "./compile-probe";

const job = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as ProbeJob;
const library = await loadNodeLibrary();
const send = (message: ProbeMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);

for (let index = job.start; index < job.files.length; index++) {
  const { name, source } = job.files[index]!;
  let error: string | undefined;
  for (const level of job.levels as OptimizeLevel[]) {
    send({ index, level });
    const diagnostics: Diagnostic[] = [];
    const result = compileObject(name, { [name]: source }, library.headers, diagnostics, level);
    if (!result.object || hasErrors(diagnostics)) {
      error = `at -O${level}: ${diagnostics.find((d) => d.severity === "error")?.message ?? "no object"}`;
      break;
    }
  }
  send({ index, done: true, error });
}
