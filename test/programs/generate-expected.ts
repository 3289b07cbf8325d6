// Regenerates NAME.expected and the `// exit: N` first line of every
// NAME.c here from the program built by gcc -m32 and run natively.
// Run: npx tsx test/programs/generate-expected.ts
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanUpNative, nativeUnavailableReason, runWithGcc } from "../cc/native-harness";

const here = dirname(fileURLToPath(import.meta.url));

if (nativeUnavailableReason) {
  console.error(`cannot generate expectations: ${nativeUnavailableReason}`);
  process.exit(1);
}
for (const name of readdirSync(here).filter((f) => f.endsWith(".c")).sort()) {
  const path = join(here, name);
  const run = runWithGcc(path);
  writeFileSync(path.replace(/\.c$/, ".expected"), run.stdout);
  const source = readFileSync(path, "utf8");
  const updated = source.replace(/^\/\/ exit: \d+\n/, `// exit: ${run.exitCode}\n`);
  if (updated === source && !source.startsWith(`// exit: ${run.exitCode}\n`)) {
    throw new Error(`${name} does not start with a '// exit: N' line`);
  }
  if (updated !== source) {
    writeFileSync(path, updated);
    console.log(`${name}: exit code updated to ${run.exitCode}`);
  }
}
cleanUpNative();
