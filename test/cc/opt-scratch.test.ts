import { describe, expect, it } from "vitest";
import { reuseInt32, scratchInt32, scratchList, scratchUint32, scratchUint8 } from "../../src/builder/cc/opt/scratch";

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

  it("refills a view of the same length", () => {
    const a = scratchInt32("test.same", 5, 1);
    a[0] = 9;
    const b = scratchInt32("test.same", 5, 2);
    expect(b.length).toBe(5);
    expect([...b]).toEqual([2, 2, 2, 2, 2]);
  });

  it("shortens and lengthens a view", () => {
    scratchUint8("test.lengths", 6);
    const short = scratchUint8("test.lengths", 2);
    const long = scratchUint8("test.lengths", 5);
    expect(short.length).toBe(2);
    expect(long.length).toBe(5);
  });

  it("leaves a reused slot unfilled", () => {
    const a = reuseInt32("test.unfilled", 4);
    a[2] = 7;
    const b = reuseInt32("test.unfilled", 3);
    expect(b.length).toBe(3);
    expect(b[2]).toBe(7);
  });

  it("clears a reused list", () => {
    const a = scratchList<object>("test.list", 4);
    a[1] = {};
    a[3] = {};
    const b = scratchList<object>("test.list", 4);
    expect(b).toBe(a);
    expect(b.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("grows a list to the requested length", () => {
    scratchList<object>("test.growList", 2);
    const b = scratchList<object>("test.growList", 300);
    expect(b.length).toBeGreaterThanOrEqual(300);
    expect(b[299]).toBeUndefined();
  });
});
