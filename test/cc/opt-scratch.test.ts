import { describe, expect, it } from "vitest";
import { scratchInt32, scratchUint32, scratchUint8 } from "../../src/builder/cc/opt/scratch";

describe("opt scratch arrays", () => {
  it("returns the requested length and fill", () => {
    const a = scratchInt32("test.fill", 10, -1);
    expect(a.length).toBe(10);
    expect([...a].every((x) => x === -1)).toBe(true);
  });

  it("refills a reused slot", () => {
    const a = scratchUint8("test.reuse", 8);
    a.fill(7);
    const b = scratchUint8("test.reuse", 6);
    expect(b.buffer).toBe(a.buffer);
    expect([...b]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("keeps slots apart", () => {
    const a = scratchUint32("test.first", 4);
    const b = scratchUint32("test.second", 4);
    a[0] = 5;
    expect(b[0]).toBe(0);
    expect(b.buffer).not.toBe(a.buffer);
  });

  it("grows a slot past its buffer", () => {
    scratchInt32("test.grow", 4);
    const big = scratchInt32("test.grow", 10_000, 3);
    expect(big.length).toBe(10_000);
    expect(big[9_999]).toBe(3);
  });
});
