// printf against glibc on a table of generated format/argument cases: the
// same program runs natively on the host's glibc (its output is the
// expected value) and in v86 on the library OS, built by gcc and by our
// own pipeline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildImage, missingToolchain } from "./gcc-image";
import { missingNativeCompiler, runNative } from "./native";
import { createPipelineBooter, type PipelineBooter } from "./pipeline";
import { bootInV86 } from "./v86-boot";

const missing = missingToolchain() ?? missingNativeCompiler();
if (missing) console.log(`libos printf table skipped: ${missing}`);

interface Case {
  format: string;
  argument: string;
}

/** A linear congruential generator, so the table is the same on every run. */
function generator(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

function pick<T>(random: (n: number) => number, items: readonly T[]): T {
  return items[random(items.length)];
}

/** The C type and values that go with each length modifier of an integer conversion. */
const INTEGER_ARGUMENTS: Record<string, { type: string; values: string[] }> = {
  "": { type: "int", values: ["0", "1", "-1", "42", "-42", "255", "65535", "2147483647", "(-2147483647 - 1)"] },
  hh: { type: "int", values: ["0", "127", "-128", "255", "300", "-1"] },
  h: { type: "int", values: ["0", "32767", "-32768", "65535", "70000", "-1"] },
  l: { type: "long", values: ["0L", "1L", "-1L", "2147483647L", "(-2147483647L - 1)"] },
  ll: { type: "long long", values: ["0LL", "-1LL", "9223372036854775807LL", "(-9223372036854775807LL - 1)", "1099511627776LL"] },
  j: { type: "intmax_t", values: ["0", "-5", "9223372036854775807LL"] },
  z: { type: "size_t", values: ["0", "123", "4294967295U"] },
  t: { type: "ptrdiff_t", values: ["0", "-7", "2147483647"] },
};

const FLOAT_VALUES = [
  "0.0", "-0.0", "1.0", "-1.5", "0.1", "2.5", "0.5", "1234567.891", "1e-5", "1e-300", "1e300",
  "123456789012345678.0", "0.000123456", "9.9999", "(1.0 / zero)", "(-1.0 / zero)", "-(zero / zero)", "1.0 / 3",
];

function integerCases(random: (n: number) => number, count: number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const conversion = pick(random, ["d", "i", "u", "o", "x", "X"]);
    const length = pick(random, Object.keys(INTEGER_ARGUMENTS));
    if (length === "z" && (conversion === "d" || conversion === "i")) continue;
    const flags = ["-", "0", conversion === "d" || conversion === "i" ? "+" : "", conversion === "d" || conversion === "i" ? " " : "",
      "oxX".includes(conversion) ? "#" : ""].filter((flag) => flag !== "" && random(3) === 0).join("");
    const width = pick(random, ["", "", "1", "6", "12"]);
    const precision = pick(random, ["", "", "", ".0", ".1", ".5"]);
    const { type, values } = INTEGER_ARGUMENTS[length];
    // glibc runs on x86_64, where long and ptrdiff_t have 64 bits: negative ones print differently as unsigned.
    const usable = (length === "l" || length === "t") && "uoxX".includes(conversion) ? values.filter((v) => !v.includes("-")) : values;
    cases.push({ format: `%${flags}${width}${precision}${length}${conversion}`, argument: `(${type})${pick(random, usable)}` });
  }
  return cases;
}

function floatCases(random: (n: number) => number, count: number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const conversion = pick(random, ["f", "F", "e", "E", "g", "G", "a", "A"]);
    const flags = ["-", "+", " ", "#", "0"].filter(() => random(4) === 0).join("");
    const width = pick(random, ["", "", "8", "15"]);
    const precision = pick(random, ["", "", ".0", ".1", ".3", ".10", ".17"]);
    cases.push({ format: `%${flags}${width}${precision}${conversion}`, argument: pick(random, FLOAT_VALUES) });
  }
  return cases;
}

function textCases(): Case[] {
  const cases: Case[] = [];
  for (const format of ["%s", "%10s", "%-10s", "%.2s", "%8.3s", "%-8.0s", "%.10s", "%*s"]) {
    cases.push({ format, argument: format === "%*s" ? `7, "star"` : `"hello"` });
  }
  cases.push({ format: "%s", argument: `""` });
  cases.push({ format: "%5s", argument: `""` });
  for (const format of ["%c", "%5c", "%-5c", "%c"]) cases.push({ format, argument: format === "%c" ? "'z'" : "'q'" });
  for (const format of ["%p", "%20p", "%-20p"]) cases.push({ format, argument: "(void *)0x1234" });
  cases.push({ format: "%p", argument: "(void *)0" });
  cases.push({ format: "%*d", argument: "-6, 42" });
  cases.push({ format: "%.*d", argument: "-3, 42" });
  cases.push({ format: "%-*.*f", argument: "10, 2, 3.14159" });
  cases.push({ format: "100%%", argument: "" });
  cases.push({ format: "%d%%%s", argument: `5, "x"` });
  return cases;
}

const random = generator(20261204);
const CASES = [...integerCases(random, 140), ...floatCases(random, 110), ...textCases()];

function cString(text: string): string {
  return JSON.stringify(text);
}

const PROGRAM = `#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int main(void)
{
  volatile double zero = 0.0;
${CASES.map((c) => `  printf(${cString(`${c.format}|\n`)}${c.argument === "" ? "" : `, ${c.argument}`});`).join("\n")}
  return 0;
}
`;

/** Lists the cases whose output differs, as "format(argument): expected | actual". */
function differences(actual: string, expected: string): string[] {
  const a = actual.split("\n");
  const e = expected.split("\n");
  const result: string[] = [];
  CASES.forEach((c, i) => {
    if (a[i] !== e[i]) result.push(`${c.format} (${c.argument}): glibc ${JSON.stringify(e[i])}, ours ${JSON.stringify(a[i])}`);
  });
  return result;
}

describe.skipIf(missing !== undefined)("printf table against glibc", () => {
  let expected = "";
  let booter: PipelineBooter;

  beforeAll(async () => {
    expected = runNative(PROGRAM);
    booter = await createPipelineBooter();
  });
  afterAll(() => booter?.dispose());

  it("has at least 200 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(200);
    expect(expected.split("\n").length).toBe(CASES.length + 1);
  });

  it("gcc build matches glibc", async () => {
    const run = await bootInV86(buildImage(PROGRAM, ["-Wno-format", "-Wno-format-extra-args"]));
    expect(run.exitCode).toBe(0);
    expect(differences(run.output, expected)).toEqual([]);
  });

  it("our pipeline matches glibc", async () => {
    const run = await booter.run(PROGRAM);
    expect(run.end).toEqual({ reason: "exit", exitCode: 0 });
    expect(differences(run.output, expected)).toEqual([]);
  });
});
