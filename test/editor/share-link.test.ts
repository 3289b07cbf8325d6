// Share links and autosave in Node: exact round trips, every way a link can
// be broken, a zip bomb, links and autosaves from before the optimisation
// level, and a fixed-seed property test of 1,000 random workspaces with
// non-ASCII text through both the link and the autosave.
import { deflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { Autosave, LEGACY_SOURCE_KEY, type StorageLike } from "../../src/editor/share/autosave";
import {
  decodeBase64Url,
  decodeShareLink,
  encodeBase64Url,
  encodeShareLink,
  MAX_INFLATED_BYTES,
  MAX_LINK_CHARS,
} from "../../src/editor/share/link-codec";
import type { OptimizeLevel } from "../../src/builder/cc";
import { TOOLCHAIN_VERSION, type Workspace } from "../../src/editor/workspace";

class MemoryStorage implements StorageLike {
  private readonly items = new Map<string, string>();
  quotaChars = Infinity;

  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length > this.quotaChars) throw new Error("QuotaExceededError");
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function workspace(files: Record<string, string>, active = Object.keys(files)[0], optimize: OptimizeLevel = 2): Workspace {
  return { files, active, options: { timeoutMs: 0, optimize }, libos: "libos-test", toolchain: TOOLCHAIN_VERSION };
}

/** Encodes `payload` as a link of `version` without any checks, as an older page or an attacker could. */
function linkOf(payload: unknown, version = 1): string {
  return `s${version}.` + encodeBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(payload))));
}

/** Decodes a link that must be valid, failing with its failure and detail otherwise. */
function openLink(link: string): Workspace {
  const decoded = decodeShareLink(link);
  if (!decoded.ok) throw new Error(`${decoded.failure}: ${decoded.detail}`);
  return decoded.workspace;
}

/** xorshift32, so the property test is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

const ALPHABETS = [
  "abcdefghijklmnopqrstuvwxyz{}();=+-*/ \n\t\"'\\#<>&%",
  "가나다라마바사아자차카타파하한글유니커널",
  "äöüßéèçñ€£¥©®µ",
  "日本語中文字符",
  "🙂🚀🧪👩‍💻",
  "\u0000\u0001\u001f\u007f\r\u2028\u2029\ufeff\ufffd",
  "\ud800\udfff\udc00", // lone and paired surrogates
];

function randomText(next: () => number, maxLength: number): string {
  const length = Math.floor(next() * maxLength);
  let text = "";
  while (text.length < length) {
    const alphabet = [...ALPHABETS[Math.floor(next() * ALPHABETS.length)]];
    text += alphabet[Math.floor(next() * alphabet.length)];
  }
  return text;
}

function randomWorkspace(next: () => number): Workspace {
  const count = 1 + Math.floor(next() * 4);
  const files: Record<string, string> = { "main.c": randomText(next, 400) };
  for (let i = 1; i < count; i++) files[`f${i}_${Math.floor(next() * 1000)}.${"chs"[i % 3]}`] = randomText(next, 200);
  const names = Object.keys(files);
  return {
    files,
    active: names[Math.floor(next() * names.length)],
    options: { timeoutMs: Math.floor(next() * 10) * 1000, optimize: Math.floor(next() * 3) as OptimizeLevel },
    libos: randomText(next, 20).replace(/[\ud800-\udfff]/g, ""),
    toolchain: TOOLCHAIN_VERSION,
  };
}

describe("base64url", () => {
  it("round trips every length", () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
    }
  });

  it("rejects characters outside the alphabet", () => {
    expect(decodeBase64Url("ab+c")).toBeUndefined();
    expect(decodeBase64Url("ab=c")).toBeUndefined();
    expect(decodeBase64Url("abcde")).toBeUndefined();
  });
});

describe("share link", () => {
  it("round trips a small workspace exactly", () => {
    const original = workspace({ "main.c": "int main(void) { return 0; }\n", "util.h": "#define N 3\n" }, "util.h", 0);
    const link = encodeShareLink(original);
    expect(link).toMatch(/^s2\.[A-Za-z0-9_-]+$/);
    expect(decodeShareLink("#" + link)).toEqual({ ok: true, workspace: original, version: 2 });
  });

  it("opens a version 1 link at -O2", () => {
    const files = { "main.c": "int main(void) { return 1; }\n" };
    const decoded = decodeShareLink(linkOf({ files, active: "main.c", options: { timeoutMs: 3000 }, libos: "1", toolchain: "0.1.0" }));
    expect(decoded).toEqual({
      ok: true,
      version: 1,
      workspace: { files, active: "main.c", options: { timeoutMs: 3000, optimize: 2 }, libos: "1", toolchain: "0.1.0" },
    });
  });

  it("opens a version 1 link without options", () => {
    const opened = openLink(linkOf({ files: { "main.c": "" }, active: "main.c" }));
    expect(opened.options).toEqual({ timeoutMs: 0, optimize: 2 });
  });

  it.each([0, 1, 2] as const)("reads -O%i from a version 2 link", (level) => {
    const opened = openLink(linkOf({ files: { "main.c": "" }, active: "main.c", options: { optimize: level } }, 2));
    expect(opened.options.optimize).toBe(level);
  });

  it("defaults a version 2 link without a level to -O2", () => {
    const opened = openLink(linkOf({ files: { "main.c": "" }, active: "main.c", options: { timeoutMs: 0 } }, 2));
    expect(opened.options.optimize).toBe(2);
  });

  it("round trips a 50 KB program with Korean text", () => {
    const line = "    printf(\"줄 %d: 유니커널 — 안녕하세요 🙂\\n\", i);\n";
    const source = "#include <stdio.h>\nint main(void) {\n    int i = 0;\n" + line.repeat(Math.ceil(50_000 / line.length)) + "}\n";
    expect(source.length).toBeGreaterThan(50_000);
    const link = encodeShareLink(workspace({ "main.c": source }));
    console.log(`50 KB program: link of ${link.length} characters`);
    const decoded = decodeShareLink(link);
    expect(decoded.ok && decoded.workspace.files["main.c"]).toBe(source);
  });

  const broken: [string, string, string, RegExp][] = [
    ["empty fragment", "", "notShareLink", /does not start with "s<version>\."/],
    ["another fragment", "#section-2", "notShareLink", /does not start/],
    ["version zero", "s0.AAAA", "notShareLink", /link version 0 does not exist/],
    ["newer version", "s7.AAAA", "newerVersion", /^link version 7, this page reads up to version 2$/],
    ["bad base64", "s1.abc$def", "badBase64", /outside base64url/],
    ["not deflate", "s1." + encodeBase64Url(new Uint8Array([0xff, 0xff, 0xff, 0xff])), "badCompression", /./],
    ["not UTF-8", "s1." + encodeBase64Url(deflateSync(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))), "badText", /not valid UTF-8/],
    ["not JSON", "s1." + encodeBase64Url(deflateSync(new TextEncoder().encode("{files:"))), "badJson", /JSON/],
    ["array payload", linkOf([1, 2]), "badSchema", /^the workspace is not an object$/],
    ["no files", linkOf({ files: {}, active: "main.c" }), "badSchema", /^the workspace has no files$/],
    ["path in name", linkOf({ files: { "../x.c": "" }, active: "../x.c" }), "badSchema", /"\.\.\/x\.c" is not a valid file name/],
    ["proto name", linkOf(JSON.parse('{"files":{"__proto__":"x"},"active":"__proto__"}')), "badSchema", /"__proto__" is not a valid file name/],
    ["number content", linkOf({ files: { "main.c": 5 }, active: "main.c" }), "badSchema", /^the content of main\.c is not text$/],
    ["unknown active", linkOf({ files: { "main.c": "" }, active: "x.c" }), "badSchema", /"active" does not name one of the files/],
    ["bad timeout", linkOf({ files: { "main.c": "" }, active: "main.c", options: { timeoutMs: -1 } }), "badSchema", /timeoutMs/],
    [
      "level 3",
      linkOf({ files: { "main.c": "" }, active: "main.c", options: { optimize: 3 } }, 2),
      "badSchema",
      /^"options\.optimize" is 3, expected 0, 1 or 2 \(as -O0, -O1, -O2\)$/,
    ],
    [
      "level as text",
      linkOf({ files: { "main.c": "" }, active: "main.c", options: { optimize: "2" } }, 2),
      "badSchema",
      /^"options\.optimize" is "2", expected 0, 1 or 2/,
    ],
    ["options not object", linkOf({ files: { "main.c": "" }, active: "main.c", options: [] }, 1), "badSchema", /^"options" is not an object$/],
  ];
  for (const [name, link, failure, detail] of broken) {
    it(`rejects ${name}`, () => {
      const decoded = decodeShareLink(link);
      expect(decoded.ok).toBe(false);
      if (decoded.ok) return;
      expect(decoded.failure).toBe(failure);
      expect(decoded.detail).toMatch(detail);
    });
  }

  it("rejects every truncation of a link", () => {
    const link = encodeShareLink(workspace({ "main.c": "int main(void) { return 42; }\n".repeat(20) }));
    for (let length = 3; length < link.length; length++) {
      const decoded = decodeShareLink(link.slice(0, length));
      expect(decoded.ok, `truncated to ${length}`).toBe(false);
    }
  });

  it("stops inflating a zip bomb at the cap", () => {
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
    const link = "s1." + encodeBase64Url(bomb);
    expect(link.length).toBeLessThan(MAX_LINK_CHARS);
    const decoded = decodeShareLink(link);
    expect(decoded).toEqual({ ok: false, failure: "tooLarge", detail: `more than ${MAX_INFLATED_BYTES} bytes after decompression` });
  });

  it("rejects a link past the length cap", () => {
    const decoded = decodeShareLink("s1." + "A".repeat(MAX_LINK_CHARS));
    expect(decoded.ok === false && decoded.failure).toBe("tooLong");
  });
});

describe("autosave", () => {
  it("restores the same tab after reload", () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const first = new Autosave(local, session);
    const saved = workspace({ "main.c": "int x;\n", "a.h": "한글\n" }, "a.h");
    expect(first.save(saved)).toBe(true);
    const reloaded = new Autosave(local, session);
    expect(reloaded.tabId).toBe(first.tabId);
    expect(reloaded.restore("main.c")).toEqual({ workspace: saved, source: "tab" });
  });

  it("keeps two tabs apart", () => {
    const local = new MemoryStorage();
    const tabA = new Autosave(local, new MemoryStorage());
    const sessionB = new MemoryStorage();
    const tabB = new Autosave(local, sessionB);
    tabA.save(workspace({ "main.c": "A" }));
    tabB.save(workspace({ "main.c": "B" }));
    tabA.save(workspace({ "main.c": "A2" }));
    expect(new Autosave(local, sessionB).restore("main.c")?.workspace.files["main.c"]).toBe("B");
    const fresh = new Autosave(local, new MemoryStorage());
    expect(fresh.restore("main.c")).toEqual({ workspace: workspace({ "main.c": "A2" }), source: "latest" });
  });

  it("keeps the level across a reload", () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const saved = workspace({ "main.c": "int y;\n" }, "main.c", 1);
    expect(new Autosave(local, session).save(saved)).toBe(true);
    expect(new Autosave(local, session).restore("main.c")?.workspace.options.optimize).toBe(1);
  });

  it("restores an older autosave at -O2", () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const autosave = new Autosave(local, session);
    autosave.save(workspace({ "main.c": "int z;\n" }, "main.c", 0));
    const stored = JSON.parse(local.getItem(autosave.slotKey)!);
    delete stored.workspace.options.optimize;
    local.setItem(autosave.slotKey, JSON.stringify(stored));
    expect(new Autosave(local, session).restore("main.c")?.workspace.options).toEqual({ timeoutMs: 0, optimize: 2 });
  });

  it("upgrades the single-file autosave", () => {
    const local = new MemoryStorage();
    local.setItem(LEGACY_SOURCE_KEY, "int main(void) { return 3; }\n");
    const restored = new Autosave(local, new MemoryStorage()).restore("main.c");
    expect(restored?.source).toBe("legacy");
    expect(restored?.workspace.files).toEqual({ "main.c": "int main(void) { return 3; }\n" });
  });

  it("ignores a corrupted slot", () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const autosave = new Autosave(local, session);
    local.setItem(autosave.slotKey, '{"workspace": {"files": 3}}');
    expect(autosave.restore("main.c")).toBeUndefined();
    expect(autosave.lastReadError).toBe(`${autosave.slotKey}: the workspace has no "files" object`);
  });

  it("reports a full storage", () => {
    const local = new MemoryStorage();
    local.quotaChars = 10;
    expect(new Autosave(local, new MemoryStorage()).save(workspace({ "main.c": "int main;" }))).toBe(false);
  });
});

describe("property: 1,000 random workspaces", () => {
  it("survive link and autosave byte for byte", () => {
    const next = random(20261204);
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    for (let i = 0; i < 1000; i++) {
      const original = randomWorkspace(next);
      const decoded = decodeShareLink(encodeShareLink(original));
      if (!decoded.ok) throw new Error(`case ${i}: ${decoded.failure}: ${decoded.detail}`);
      expect(decoded.workspace, `case ${i} link`).toEqual(original);

      new Autosave(local, session).save(original);
      expect(new Autosave(local, session).restore("main.c")?.workspace, `case ${i} autosave`).toEqual(original);
    }
  });
});
