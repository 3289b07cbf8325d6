// Source line comments that the listing copies from their first occurrence
// instead of encoding them again, as it does when inlining repeats a line.
import { describe, expect, it } from "vitest";
import { compileToAssembly } from "../../src/builder/cc";
import { Listing } from "../../src/builder/cc/codegen/emitter";

describe("listing repeat", () => {
  it("copies earlier bytes", () => {
    const listing = new Listing();
    listing.push("first");
    const start = listing.size;
    listing.push("# t.c:2: größer ≥ 😀");
    const end = listing.size;
    listing.push("between");
    listing.repeat(start, end);
    expect(listing.finish()).toBe("first\n# t.c:2: größer ≥ 😀\nbetween\n# t.c:2: größer ≥ 😀\n");
  });

  it("copies after the storage grows", () => {
    const listing = new Listing();
    listing.push("# t.c:1: int x;");
    const end = listing.size;
    const expected = ["# t.c:1: int x;"];
    for (let i = 0; i < 20000; i++) {
      listing.push(`\tmovl\t${i}(%ebp), %eax`);
      expected.push(`\tmovl\t${i}(%ebp), %eax`);
      if (i % 1000 === 0) {
        listing.repeat(0, end);
        expected.push("# t.c:1: int x;");
      }
    }
    expect(listing.finish()).toBe(expected.map((line) => `${line}\n`).join(""));
  });

  it("forgets comment offsets when finished", () => {
    const listing = new Listing();
    listing.sourceComments.set("t.c", new Int32Array(4));
    listing.finish();
    expect(listing.sourceComments.size).toBe(0);
  });
});

describe("inlined source line comment", () => {
  it("repeats the callee's lines", () => {
    const source = [
      "static int twice(int x) {",
      "  return x * 2; /* größer, ≥ 😀 */",
      "}",
      "int f(int a) { return twice(a); }",
      "int g(int b) { return twice(b + 1); }",
      "",
    ].join("\n");
    const { assembly, diagnostics } = compileToAssembly({ fileName: "t.c", files: { "t.c": source }, headers: {}, optimize: 2 });
    expect(diagnostics).toEqual([]);
    const comments = assembly.split("\n").filter((line) => line.startsWith("# t.c:2:"));
    expect(comments.length).toBeGreaterThanOrEqual(3);
    for (const comment of comments) expect(comment).toBe("# t.c:2: return x * 2; /* größer, ≥ 😀 */");
  });

  it("takes lines past the source's end", () => {
    // A #line directive numbers lines beyond the file's own line count.
    const source = "#line 5000\nint f(int a) {\n  return a + 1;\n}\n";
    const { assembly, diagnostics } = compileToAssembly({ fileName: "t.c", files: { "t.c": source }, headers: {}, optimize: 2 });
    expect(diagnostics).toEqual([]);
    expect(assembly).toContain("# t.c:5001:\n");
  });
});
