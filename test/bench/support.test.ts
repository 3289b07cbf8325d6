// The helpers the benchmark scripts share: statistics, options, ELF sizes
// and the choice of examples.
import { describe, expect, it } from "vitest";

import { build } from "../../src/builder/build";
import { loadNodeLibrary } from "../../src/cli/node-library";
import { executableBytes, loadedBytes } from "../../bench/support/elf";
import { compiledSources, findGalleryExample, largestExample, lineCount, sourceCharacters, type Example } from "../../bench/support/examples";
import { isQuick, positiveIntegerOption, QUICK_ENVIRONMENT_VARIABLE } from "../../bench/support/options";
import { geometricMean, median, percentile } from "../../bench/support/stats";

describe("median", () => {
  it("takes the middle of an odd count", () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it("averages the middle pair of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("rejects no values", () => {
    expect(() => median([])).toThrow("median of no values");
  });
});

describe("percentile", () => {
  const twenty = Array.from({ length: 20 }, (_, i) => 20 - i);

  it("p95 of 20 samples is the 19th smallest", () => {
    expect(percentile(twenty, 95)).toBe(19);
  });

  it("p50 of 20 samples is the 10th smallest", () => {
    expect(percentile(twenty, 50)).toBe(10);
  });

  it("p100 is the maximum", () => {
    expect(percentile([3, 9, 1], 100)).toBe(9);
  });

  it("rejects a percentile outside (0, 100]", () => {
    expect(() => percentile([1], 0)).toThrow("percentile 0 is outside (0, 100]");
  });
});

describe("geometricMean", () => {
  it("of 2 and 8 is 4", () => {
    expect(geometricMean([2, 8])).toBeCloseTo(4, 12);
  });

  it("rejects a zero ratio", () => {
    expect(() => geometricMean([1, 0])).toThrow("geometric mean needs positive values, got 1, 0");
  });
});

describe("options", () => {
  it("quick from the flag", () => {
    expect(isQuick(["--runs", "3", "--quick"], {})).toBe(true);
  });

  it("quick from the environment", () => {
    expect(isQuick([], { [QUICK_ENVIRONMENT_VARIABLE]: "1" })).toBe(true);
  });

  it("not quick by default", () => {
    expect(isQuick([], { [QUICK_ENVIRONMENT_VARIABLE]: "0" })).toBe(false);
  });

  it("reads a positive integer", () => {
    expect(positiveIntegerOption(["--quick", "--runs", "7"], "runs", 30)).toBe(7);
  });

  it("falls back when the option is absent", () => {
    expect(positiveIntegerOption(["12"], "runs", 30)).toBe(30);
  });

  it("rejects zero", () => {
    expect(() => positiveIntegerOption(["--runs", "0"], "runs", 30)).toThrow("invalid --runs 0: expected a positive integer, for example --runs 30");
  });

  it("rejects a missing value", () => {
    expect(() => positiveIntegerOption(["--runs"], "runs", 30)).toThrow("invalid --runs (missing)");
  });
});

describe("examples", () => {
  it("counts lines with and without a final newline", () => {
    expect(lineCount("a\nb\n")).toBe(2);
    expect(lineCount("a\nb")).toBe(2);
  });

  it("largest example has the most characters", () => {
    const longMain: Example = { id: "long-main", title: { en: "", ko: "" }, files: { "main.c": "int main(void) { return 0; }\n" }, expect: [], exit: 0 };
    const longHeader: Example = { ...longMain, id: "long-header", files: { "main.c": "int x;\n", "big.h": "/* a longer header than the other main.c */\n" } };
    expect(largestExample([longMain, longHeader]).id).toBe("long-header");
    expect(sourceCharacters(longHeader)).toBe(7 + 44);
  });

  it("compiled sources leave headers out", () => {
    expect(compiledSources(findGalleryExample("game-of-life"))).toEqual(["main.c"]);
  });

  it("rejects an unknown example id", () => {
    expect(() => findGalleryExample("no-such-example")).toThrow("no gallery example with id no-such-example");
  });
});

describe("ELF sizes", () => {
  it("match the section and program headers of a built image", async () => {
    const library = await loadNodeLibrary();
    const result = build({ files: { "main.c": "int main(void) { return 7; }\n" }, optimize: 0 }, library);
    expect(result.ok).toBe(true);
    const image = result.image!;
    const sections = result.linkMap!.sections;
    const text = sections.find((section) => section.name === ".text")!;
    const allocated = sections.filter((section) => section.name !== ".bss");
    const first = allocated[0]!;
    const last = allocated[allocated.length - 1]!;

    // One executable section, .text, and the PT_LOAD segments cover .multiboot through .data.
    expect(executableBytes(image, "image")).toBe(text.size);
    expect(loadedBytes(image, "image")).toBe(last.address + last.size - first.address);
  });

  it("rejects bytes that are not ELF32", () => {
    expect(() => executableBytes(new Uint8Array(64), "zeros")).toThrow("zeros is not an ELF32 little-endian file");
  });
});
