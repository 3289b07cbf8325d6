// Regenerates NAME.expected and the `// exit: N` first line of the test/c
// programs named on the command line from gcc -m32 run natively. Name the
// files: the native runtime's printf differs from the library OS's in some
// formats, so a program that prints those needs its expectation from v86. It then compiles each with our compiler, runs it the same
// way and prints whether both outputs agree. Programs marked "emulator-only:"
// are skipped; their expected output comes from a run in v86.
// Run: npx tsx test/c/generate-expected.ts NAME.c [NAME.c ...]
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileToAssembly } from "../../src/builder/cc";
import { formatDiagnostic } from "../../src/builder/diagnostic";
import { loadLibraryHeaders } from "../cc/library-headers";
import { cleanUpNative, nativeUnavailableReason, runAssembly, runWithGcc } from "../cc/native-harness";

const here = dirname(fileURLToPath(import.meta.url));

if (nativeUnavailableReason) {
  console.error(`cannot generate expectations: ${nativeUnavailableReason}`);
  process.exit(1);
}
const headers = loadLibraryHeaders();
const requested = process.argv.slice(2).map((arg) => basename(arg));
if (requested.length === 0) {
  const available = readdirSync(here).filter((f) => f.endsWith(".c")).sort();
  console.error(`name the programs to regenerate, such as: npx tsx test/c/generate-expected.ts ${available[0] ?? "NAME.c"}`);
  process.exit(2);
}
const names = requested;
for (const name of names) {
  const path = join(here, name);
  if (readFileSync(path, "utf8").includes("emulator-only:")) {
    console.log(`${name}: skipped (port I/O and privileged instructions run only in the emulator)`);
    continue;
  }
  const run = runWithGcc(path);
  writeFileSync(path.replace(/\.c$/, ".expected"), run.stdout);
  const source = readFileSync(path, "utf8");
  if (!/^\/\/ exit: \d+\n/.test(source)) throw new Error(`${name} does not start with a '// exit: N' line`);
  const updated = source.replace(/^\/\/ exit: \d+\n/, `// exit: ${run.exitCode}\n`);
  if (updated !== source) writeFileSync(path, updated);

  const result = compileToAssembly({ fileName: name, files: { [name]: updated }, headers });
  const report = result.diagnostics.map((d) => formatDiagnostic(d, { [name]: updated })).join("");
  if (!result.assembly) {
    console.log(`${name}: our compile failed\n${report}`);
    continue;
  }
  const ours = runAssembly(result.assembly);
  const lines = run.stdout.split("\n");
  const ourLines = ours.stdout.split("\n");
  const differing = lines.findIndex((line, i) => line !== ourLines[i]);
  if (differing < 0 && ours.exitCode === run.exitCode) {
    console.log(`${name}: OK (${lines.length - 1} lines, exit ${run.exitCode})${report ? `\n${report}` : ""}`);
  } else {
    console.log(`${name}: DIFFERS at line ${differing + 1}: gcc '${lines[differing]}', ours '${ourLines[differing]}'; exit gcc ${run.exitCode}, ours ${ours.exitCode}\n${report}`);
  }
}
cleanUpNative();
