// Layer rules: builder imports nothing from editor or emulator, emulator
// imports nothing from editor, and neither touches Node modules or the DOM,
// because both run in a Web Worker or the page as well as in Node.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers: string[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const match of text.matchAll(pattern)) specifiers.push(match[1] ?? match[2]);
  return specifiers;
}

const rules: { layer: string; forbidden: RegExp; reason: string }[] = [
  { layer: "src/builder", forbidden: /(^|\/)(editor|emulator)\//, reason: "builder must not import editor or emulator" },
  { layer: "src/emulator", forbidden: /(^|\/)editor\//, reason: "emulator must not import editor" },
  { layer: "src/builder", forbidden: /^(node:|fs$|path$|child_process$|os$)/, reason: "builder runs in a Web Worker" },
  { layer: "src/emulator", forbidden: /^(node:|fs$|path$|child_process$|os$)/, reason: "emulator runs in the page" },
];

describe("layer rules", () => {
  for (const rule of rules) {
    it(`${rule.layer}: ${rule.reason}`, () => {
      const offenders: string[] = [];
      for (const file of sourceFiles(join(root, rule.layer))) {
        for (const specifier of importsOf(file)) {
          if (rule.forbidden.test(specifier)) offenders.push(`${relative(root, file)} imports ${specifier}`);
        }
      }
      expect(offenders).toEqual([]);
    });
  }

  it("core compiles without DOM and Node types", () => {
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.core.json"), "--noEmit"], { encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 120_000);
});
