// Rebuilds the library OS into a temporary directory and checks that the
// committed archive, header bundle and manifest are exactly what the sources make.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readArchive } from "../../src/builder/elf/archive";
import { ROOT, missingToolchain } from "./gcc-image";

const IMAGES = join(ROOT, "public/images");
const missing = missingToolchain();
if (missing) console.log(`libos archive test skipped: ${missing}`);

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

describe.skipIf(missing !== undefined)("libos build", () => {
  let outDir = "";

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), "libos-build-"));
    const result = spawnSync("bash", [join(ROOT, "libos/build.sh"), outDir], { encoding: "utf8" });
    expect(result.status, `build.sh failed:\n${result.stderr}`).toBe(0);
  });

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it("archive equals the committed one", () => {
    const rebuilt = readFileSync(join(outDir, "libos.a"));
    const committed = readFileSync(join(IMAGES, "libos.a"));
    expect(sha256(rebuilt), "run `npm run build:libos` and commit public/images").toBe(sha256(committed));
  });

  it("headers.json equals the committed one", () => {
    const rebuilt = readFileSync(join(outDir, "headers.json"), "utf8");
    expect(rebuilt).toBe(readFileSync(join(IMAGES, "headers.json"), "utf8"));
  });

  it("libos.json equals the committed one", () => {
    const rebuilt = readFileSync(join(outDir, "libos.json"), "utf8");
    expect(rebuilt).toBe(readFileSync(join(IMAGES, "libos.json"), "utf8"));
  });

  it("build is reproducible", () => {
    const second = mkdtempSync(join(tmpdir(), "libos-build-"));
    try {
      const result = spawnSync("bash", [join(ROOT, "libos/build.sh"), second], { encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
      expect(sha256(readFileSync(join(second, "libos.a")))).toBe(sha256(readFileSync(join(outDir, "libos.a"))));
    } finally {
      rmSync(second, { recursive: true, force: true });
    }
  });
});

describe("committed libos outputs", () => {
  const manifest = JSON.parse(readFileSync(join(IMAGES, "libos.json"), "utf8")) as Record<string, string> & {
    components: Record<string, string>;
  };
  const headers = JSON.parse(readFileSync(join(IMAGES, "headers.json"), "utf8")) as Record<string, string>;

  it("manifest names the archive and its hash", () => {
    expect(Object.keys(manifest)).toEqual(["version", "archive", "sha256", "sources", "components"]);
    expect(manifest.archive).toBe("libos.a");
    expect(manifest.sha256).toBe(sha256(readFileSync(join(IMAGES, "libos.a"))));
    expect(manifest.sources).toMatch(/^[0-9a-f]{64}$/);
  });

  it("components name every archive member", () => {
    const read = readArchive("libos.a", new Uint8Array(readFileSync(join(IMAGES, "libos.a"))));
    expect(read.diagnostic).toBeUndefined();
    const members = read.archive!.members.map((member) => member.name).sort();
    expect(Object.keys(manifest.components)).toEqual(members);
    const expected: Record<string, string> = {
      "start.o": "boot",
      "vectors.o": "faults",
      "trap.o": "faults",
      "paging.o": "faults",
      "timer.o": "time",
      "uart.o": "console",
      "vga.o": "vga",
      "keyboard.o": "keyboard",
      "irq.o": "interrupts",
      "puts.o": "libc/stdio",
      "strlen.o": "libc/string",
      "malloc.o": "libc/stdlib",
      "udivdi3.o": "libgcc",
    };
    for (const [member, component] of Object.entries(expected)) expect(manifest.components[member]).toBe(component);
  });

  it("header bundle has sorted keys and every public header", () => {
    const names = Object.keys(headers);
    expect(names).toEqual([...names].sort());
    for (const name of ["assert.h", "ctype.h", "errno.h", "limits.h", "stdarg.h", "stdbool.h", "stddef.h",
      "stdint.h", "stdio.h", "stdlib.h", "string.h", "sys/cdefs.h", "unikernel.h"]) {
      expect(names).toContain(name);
    }
    expect(headers["unikernel.h"]).toContain("#define UK_PORT_EXIT 0x501");
  });

  it("archive has the start-up and division helpers", () => {
    const text = Buffer.from(readFileSync(join(IMAGES, "libos.a"))).toString("latin1");
    expect(text.startsWith("!<arch>\n")).toBe(true);
    for (const symbol of ["_start", "libos_init", "__udivdi3", "__umoddi3", "__divdi3", "__moddi3", "__udivmoddi4",
      "__divmoddi4", "__popcountsi2", "__popcountdi2", "__clzdi2", "__ctzdi2", "__ffsdi2"]) {
      expect(text).toContain(`${symbol}\0`);
    }
  });
});
