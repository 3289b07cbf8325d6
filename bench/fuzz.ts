// Fuzzes the compiler and linker with mutated test programs and objects.
// It reports every crash (an exception or an "internal error" diagnostic)
// and every input that takes more than 2 s, and writes each such input to
// a directory, ready for a regression test.
// Run: npx tsx bench/fuzz.ts [--seed N] [--count N] [--out DIR]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { loadNodeLibrary } from "../src/cli/node-library";
import { SLOW_INPUT_MS, compileCorpus, fuzz, readCorpus } from "../test/fuzz/engine";
import type { FuzzFinding } from "../test/fuzz/engine";

function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
}

const seed = Number(option("--seed", "1"));
const count = Number(option("--count", "10000"));
const out = option("--out", "fuzz-findings");
if (!Number.isInteger(seed) || !Number.isInteger(count) || count <= 0) {
  console.error("usage: npx tsx bench/fuzz.ts [--seed INTEGER] [--count POSITIVE_INTEGER] [--out DIRECTORY]");
  process.exit(2);
}

const root = join(import.meta.dirname, "..");
const library = await loadNodeLibrary();
const corpus = readCorpus(root);
const objects = compileCorpus(corpus, library);
console.log(`corpus: ${corpus.length} programs, ${objects.size} compile; seed ${seed}, ${count} inputs`);

const report = fuzz(seed, count, library, corpus, objects, (done, partial) => {
  console.log(`  ${done} inputs, ${partial.findings.length} findings`);
});

/** Writes a finding's input where a regression test can pick it up. */
function save(finding: FuzzFinding, number: number): string {
  mkdirSync(out, { recursive: true });
  const base = join(out, `seed${seed}-case${finding.case.index}-${finding.kind}`);
  if (finding.case.object) writeFileSync(`${base}.o`, finding.case.object);
  else if (finding.case.assembly !== undefined) writeFileSync(`${base}.s`, finding.case.assembly);
  else writeFileSync(`${base}.c`, finding.case.source);
  writeFileSync(`${base}.txt`, `${finding.stage} ${finding.kind} #${number} (${finding.case.mutation} of ${finding.case.origin}, ${finding.ms.toFixed(0)} ms)\n${finding.detail}\n`);
  return base;
}

console.log(`inputs: ${report.inputs} (${Object.entries(report.mutations).map(([m, n]) => `${m} ${n}`).join(", ")})`);
console.log(`compiled: ${report.compiled}, linked into an image: ${report.linked}`);
console.log(`time: ${(report.totalMs / 1000).toFixed(1)} s, ${(report.totalMs / report.inputs).toFixed(1)} ms per input, slowest ${report.slowestMs.toFixed(0)} ms (limit ${SLOW_INPUT_MS} ms)`);
console.log(`crashes: ${report.findings.filter((f) => f.kind === "crash").length}, slow inputs: ${report.findings.filter((f) => f.kind === "slow").length}`);
report.findings.forEach((finding, i) => {
  const path = save(finding, i + 1);
  console.log(`  ${finding.stage} ${finding.kind}: case ${finding.case.index} (${finding.case.mutation} of ${finding.case.origin}): ${finding.detail.split("\n")[0]} -> ${path}.*`);
});
process.exit(report.findings.length > 0 ? 1 : 0);
