// The page's DOM-free pieces in Node: embed options and host commands,
// the listing's source-line map, bytes per component and long-line
// diagnostics.
import { describe, expect, it } from "vitest";
import { formatDiagnostic, type Diagnostic } from "../../src/builder/diagnostic";
import type { LinkMap } from "../../src/builder/types";
import { formatForConsole, MAX_EXCERPT_CHARS } from "../../src/editor/console-diagnostic";
import { parseHostCommand } from "../../src/editor/embed/messages";
import { parseEmbedOptions } from "../../src/editor/embed/options";
import { listingLinesFor, mapListings } from "../../src/editor/views/listing-map";
import { componentSizes, symbolChanges } from "../../src/editor/views/link-summary";

describe("embed options", () => {
  it("reads every option", () => {
    const options = parseEmbedOptions("?readonly=1&autorun&height=300&theme=dark&panes=console,listing,bogus&id=w7");
    expect(options).toEqual({
      readOnly: true,
      autorun: true,
      height: 300,
      theme: "dark",
      views: new Set(["console", "listing"]),
      showEditor: false,
      id: "w7",
    });
  });

  it("falls back on bad values", () => {
    const options = parseEmbedOptions("?height=99999&theme=<b>&panes=");
    expect(options.height).toBeUndefined();
    expect(options.theme).toBeUndefined();
    expect(options.views).toEqual(new Set(["console"]));
    expect(options.readOnly).toBe(false);
    expect(parseEmbedOptions("").showEditor).toBe(true);
  });
});

describe("host commands", () => {
  it("ignores foreign messages", () => {
    expect(parseHostCommand("run")).toBeUndefined();
    expect(parseHostCommand({ type: "run" })).toBeUndefined();
    expect(parseHostCommand(null)).toBeUndefined();
  });

  it("accepts run, stop and setFiles", () => {
    expect(parseHostCommand({ source: "ukp-host", type: "run" })).toEqual({ ok: true, command: { type: "run" } });
    expect(parseHostCommand({ source: "ukp-host", type: "stop" })).toEqual({ ok: true, command: { type: "stop" } });
    const parsed = parseHostCommand({ source: "ukp-host", type: "setFiles", files: { "a.h": "", "main.c": "int x;" } });
    expect(parsed?.ok).toBe(true);
    if (!parsed?.ok || parsed.command.type !== "setFiles") return;
    expect(parsed.command.workspace.active).toBe("main.c");
    expect(parsed.command.workspace.files).toEqual({ "a.h": "", "main.c": "int x;" });
  });

  it("rejects unknown and invalid commands", () => {
    expect(parseHostCommand({ source: "ukp-host", type: "eval", code: "alert(1)" })).toEqual({
      ok: false,
      message: 'unknown command type "eval": expected run, stop or setFiles',
    });
    expect(parseHostCommand({ source: "ukp-host", type: "setFiles", files: "main.c" })).toEqual({
      ok: false,
      message: 'setFiles rejected: the workspace has no "files" object',
    });
    expect(parseHostCommand({ source: "ukp-host", type: "setFiles", files: { "x.c": 1 } })).toEqual({
      ok: false,
      message: "setFiles rejected: the content of x.c is not text",
    });
  });
});

describe("listing map", () => {
  const listings = {
    "main.c": [
      "\t.text",
      "main:",
      "\tpushl\t%ebp",
      "# main.c:3: return f(2);",
      "\tpushl\t$2",
      "\tcall\tf",
      "# main.c:4: x = 1;",
      "\tmovl\t$1, x",
      "\t.size\tmain, .-main",
      "after:",
    ].join("\n"),
    "a.c": "# a.c:1: return 0;\n\tmovl\t$0, %eax\n",
  };

  it("joins files and maps lines", () => {
    const map = mapListings(listings);
    const lines = map.text.split("\n");
    expect(lines[0]).toBe("## a.c");
    expect(lines[3]).toBe("## main.c");
    expect(map.sourceOf[3]).toEqual({ file: "a.c", line: 1 });
    expect(map.sourceOf[6]).toBeUndefined();
    expect(listingLinesFor(map, "main.c", 3)).toEqual([8, 9, 10]);
    expect(listingLinesFor(map, "main.c", 4)).toEqual([11, 12, 13]);
    expect(map.sourceOf[14]).toBeUndefined();
    expect(listingLinesFor(map, "main.c", 9)).toEqual([]);
  });
});

describe("component sizes", () => {
  const input = (component: string, size: number) => ({ object: component, component, section: ".text", address: 0, size });
  const map = (inputs: ReturnType<typeof input>[]): LinkMap => ({
    entry: 0,
    sections: [{ name: ".text", address: 0, size: 0, inputs }],
    symbols: [],
    members: [],
    gcSections: true,
    discarded: [],
  });

  it("sums per component with deltas", () => {
    const before = map([input("app", 10), input("libc/stdio", 300)]);
    const after = map([input("app", 14), input("libc/stdio", 100), input("libc/stdio", 50), input("boot", 20)]);
    expect(componentSizes(before)).toEqual([
      { component: "libc/stdio", bytes: 300, memoryBytes: 300 },
      { component: "app", bytes: 10, memoryBytes: 10 },
    ]);
    expect(componentSizes(after, before)).toEqual([
      { component: "libc/stdio", bytes: 150, memoryBytes: 150, delta: -150 },
      { component: "boot", bytes: 20, memoryBytes: 20, delta: 20 },
      { component: "app", bytes: 14, memoryBytes: 14, delta: 4 },
    ]);
    expect(componentSizes(before, after).find((row) => row.component === "boot")).toEqual({ component: "boot", bytes: 0, memoryBytes: 0, delta: -20 });
  });
});

describe("symbol changes", () => {
  const symbol = (name: string, size: number) => ({ name, address: 0, size, object: "main.o", component: "app", kind: "function" as const, local: false });
  const map = (symbols: ReturnType<typeof symbol>[]): LinkMap => ({ entry: 0, sections: [], symbols, members: [], gcSections: true, discarded: [] });

  it("lists added, removed and resized, largest first", () => {
    const before = map([symbol("main", 40), symbol("helper", 10), symbol("same", 5)]);
    const after = map([symbol("main", 44), symbol("printf", 300), symbol("same", 5)]);
    expect(symbolChanges(after, before)).toEqual([
      { name: "printf", component: "app", before: undefined, after: 300 },
      { name: "helper", component: "app", before: 10, after: undefined },
      { name: "main", component: "app", before: 40, after: 44 },
    ]);
  });
});

describe("console diagnostics", () => {
  const diagnostic = (line: number, column: number, length = 1): Diagnostic => ({
    file: "main.c",
    line,
    column,
    length,
    severity: "error",
    message: "expected ';'",
  });

  it("keeps short lines as formatDiagnostic does", () => {
    const sources = { "main.c": "int x = 1\nint y;\n" };
    expect(formatForConsole(diagnostic(1, 10), sources)).toBe(formatDiagnostic(diagnostic(1, 10), sources));
  });

  it("cuts a long line around the caret", () => {
    const long = "a".repeat(5000) + "X" + "b".repeat(5000);
    const text = formatForConsole(diagnostic(2, 5001, 3), { "main.c": `int x;\n${long}\n` });
    const [header, excerpt, caret] = text.split("\n");
    expect(header).toBe("main.c:2:5001: error: expected ';'");
    expect(excerpt).toBe(`…${"a".repeat(80)}X${"b".repeat(79)}…`);
    expect(caret).toBe(`${" ".repeat(81)}^~~`);
    expect(text.split("\n").length).toBe(4);
  });

  it("cuts at the line start and end", () => {
    const long = "c".repeat(1000);
    const [, startExcerpt, startCaret] = formatForConsole(diagnostic(1, 1), { "main.c": long }).split("\n");
    expect(startExcerpt).toBe(`${"c".repeat(MAX_EXCERPT_CHARS)}…`);
    expect(startCaret).toBe("^");
    const [, endExcerpt, endCaret] = formatForConsole(diagnostic(1, 1001), { "main.c": long }).split("\n");
    expect(endExcerpt).toBe(`…${"c".repeat(MAX_EXCERPT_CHARS)}`);
    expect(endCaret).toBe(`${" ".repeat(MAX_EXCERPT_CHARS + 1)}^`);
  });
});
