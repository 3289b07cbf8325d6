import { describe, expect, it } from "vitest";
import { readArchive } from "../../src/builder/elf/archive";
import { archive, arAvailable, makeTempDir, skipReason } from "../ld/gcc";
import { makeObject } from "./make-object";

const arMissing = skipReason({ ar: arAvailable });

function header(name: string, size: number): string {
  return `${name.padEnd(16)}${"0".padEnd(12)}${"0".padEnd(6)}${"0".padEnd(6)}${"644".padEnd(8)}${String(size).padEnd(10)}\`\n`;
}

/** Builds an archive from raw member names and bodies, padding bodies to even lengths. */
function rawArchive(members: [string, Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [new TextEncoder().encode("!<arch>\n")];
  for (const [name, body] of members) {
    parts.push(new TextEncoder().encode(header(name, body.length)), body);
    if (body.length % 2) parts.push(new Uint8Array([0x0a]));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);

function definer(symbol: string): Uint8Array {
  return makeObject([{ name: ".text", data: [0xc3] }], [{ name: symbol, section: ".text", type: 2 }]);
}

describe("readArchive", () => {
  it("reads GNU short and long member names", () => {
    const longNames = text("a_very_long_member_name.o/\nsecond_long_member_name.o/\n");
    const bytes = rawArchive([
      ["//", longNames],
      ["short.o/", text("one")],
      ["/0", text("two!")],
      ["/27", text("three")],
    ]);
    const { archive: result, diagnostic } = readArchive("lib.a", bytes);
    expect(diagnostic).toBeUndefined();
    expect(result!.members.map((m) => m.name)).toEqual(["short.o", "a_very_long_member_name.o", "second_long_member_name.o"]);
    expect(new TextDecoder().decode(result!.members[2]!.bytes)).toBe("three");
    expect(result!.symbolIndex).toBeUndefined();
  });

  it("reads BSD #1/len member names", () => {
    const body = new Uint8Array([...text("long_bsd_name.o\0"), ...text("DATA")]);
    const { archive: result } = readArchive("lib.a", rawArchive([["#1/16", body]]));
    expect(result!.members.map((m) => m.name)).toEqual(["long_bsd_name.o"]);
    expect(new TextDecoder().decode(result!.members[0]!.bytes)).toBe("DATA");
  });

  it("reads the GNU symbol index", () => {
    const first = definer("alpha");
    const second = definer("beta");
    // Index layout: count, offsets (big-endian), names.
    const names = text("alpha\0beta\0");
    const index = new Uint8Array(4 + 8 + names.length);
    const view = new DataView(index.buffer);
    view.setUint32(0, 2);
    const indexMemberSize = 60 + index.length + (index.length % 2);
    const firstOffset = 8 + indexMemberSize;
    const secondOffset = firstOffset + 60 + first.length + (first.length % 2);
    view.setUint32(4, firstOffset);
    view.setUint32(8, secondOffset);
    index.set(names, 12);
    const bytes = rawArchive([["/", index], ["a.o/", first], ["b.o/", second]]);
    const { archive: result, diagnostic } = readArchive("lib.a", bytes);
    expect(diagnostic).toBeUndefined();
    expect([...result!.symbolIndex!]).toEqual([["alpha", 0], ["beta", 1]]);
  });

  it("rejects an index entry that points nowhere", () => {
    const index = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 9, ...text("x\0")]);
    const bytes = rawArchive([["/", index], ["a.o/", definer("x")]]);
    expect(readArchive("lib.a", bytes).diagnostic?.message).toBe(
      'archive symbol index entry for "x" points at offset 0x9, where no member starts',
    );
  });

  it("rejects thin archives", () => {
    expect(readArchive("lib.a", text("!<thin>\n")).diagnostic?.message).toBe(
      "thin archives are not supported; create the archive with `ar rcs` without T",
    );
  });

  it("rejects a corrupt member header", () => {
    const bytes = rawArchive([["a.o/", text("xy")]]);
    bytes[8 + 58] = 0x41;
    expect(readArchive("lib.a", bytes).diagnostic?.message).toBe("corrupt archive member header at offset 0x8: missing the `\\n terminator");
  });

  it("never throws on truncated archives", () => {
    const bytes = rawArchive([["a.o/", definer("a")], ["b.o/", definer("b")]]);
    let rejected = 0;
    for (let length = 8; length < bytes.length; length++) {
      const result = readArchive("lib.a", bytes.subarray(0, length));
      if (result.diagnostic) rejected++;
    }
    expect(rejected).toBeGreaterThan(bytes.length / 2);
  });

  it.skipIf(arMissing !== undefined)("reads archives made by ar", () => {
    const dir = makeTempDir();
    const members = [
      { name: "alpha.o", bytes: definer("alpha") },
      { name: "a_member_with_a_long_name.o", bytes: definer("beta") },
    ];
    const indexed = archive(dir, "lib.a", members);
    const result = readArchive("lib.a", indexed.bytes).archive!;
    expect(result.members.map((m) => m.name)).toEqual(["alpha.o", "a_member_with_a_long_name.o"]);
    expect([...result.symbolIndex!]).toEqual([["alpha", 0], ["beta", 1]]);
    expect(result.members[1]!.bytes).toEqual(members[1]!.bytes);

    const plain = archive(dir, "plain.a", members, false);
    expect(readArchive("plain.a", plain.bytes).archive!.symbolIndex).toBeUndefined();
  });
});

if (arMissing) console.log(`archive ar test ${arMissing}`);
