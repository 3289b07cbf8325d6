// Symbolising guest addresses: the function from .symtab and the source
// line from .debug_line of an image built by our toolchain, and no
// exception on damaged images.
import { beforeAll, describe, expect, it } from "vitest";

import { build } from "../../src/builder/build";
import type { LibraryBundle } from "../../src/builder/types";
import { loadNodeLibrary } from "../../src/cli/node-library";
import { describeLocation, locateAddress, readImageSymbols } from "../../src/emulator";

let library: LibraryBundle;
let image: Uint8Array;
let twiceAddress: number;

const SOURCE = "int twice(int x) {\n  int y = x * 2;\n  return y;\n}\n\nint main(void) {\n  return twice(4);\n}\n";

beforeAll(async () => {
  library = await loadNodeLibrary();
  const result = build({ files: { "main.c": SOURCE } }, library);
  expect(result.ok).toBe(true);
  image = result.image!;
  twiceAddress = result.linkMap!.symbols.find((s) => s.name === "twice")!.address;
});

describe("image symbols", () => {
  it("locates the start of a function", () => {
    const location = locateAddress(readImageSymbols(image), twiceAddress);
    expect(location).toMatchObject({ function: "twice", offset: 0 });
    expect(describeLocation(location)).toMatch(/^twice( \(main\.c:1:\d+\))?$/);
  });

  it("locates a later statement", () => {
    const symbols = readImageSymbols(image);
    const lines = new Set<number>();
    for (let offset = 0; offset < 40; offset++) {
      const location = locateAddress(symbols, twiceAddress + offset);
      if (location.function === "twice" && location.line !== undefined) lines.add(location.line);
    }
    expect([...lines].every((line) => line >= 1 && line <= 4)).toBe(true);
    expect(lines.has(2)).toBe(true);
    expect(lines.has(3)).toBe(true);
  });

  it("address outside the program is unknown", () => {
    expect(locateAddress(readImageSymbols(image), 0x10)).toEqual({});
  });

  it("damaged images give no exception", () => {
    for (let length = 0; length < image.length; length += 97) {
      const truncated = image.slice(0, length);
      expect(() => locateAddress(readImageSymbols(truncated), twiceAddress)).not.toThrow();
    }
    const flipped = image.slice();
    for (let i = 0; i < flipped.length; i += 13) flipped[i] ^= 0xa5;
    expect(() => locateAddress(readImageSymbols(flipped), twiceAddress)).not.toThrow();
  });
});
