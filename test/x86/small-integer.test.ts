// smallInteger: the assembler's guard that keeps integer fields unboxed in V8.
import { describe, expect, it } from "vitest";
import { smallInteger } from "../../src/builder/x86/model";

describe("smallInteger", () => {
  it("keeps 32-bit integers", () => {
    const whole = new Float64Array([4, -2147483648, 2147483647]);
    expect(smallInteger(whole[0]!)).toBe(4);
    expect(smallInteger(whole[1]!)).toBe(-2147483648);
    expect(smallInteger(whole[2]!)).toBe(2147483647);
  });

  it("returns other numbers unchanged", () => {
    expect(smallInteger(2147483648)).toBe(2147483648);
    expect(smallInteger(-2147483649)).toBe(-2147483649);
    expect(smallInteger(2 ** 40)).toBe(2 ** 40);
    expect(smallInteger(0.5)).toBe(0.5);
    expect(smallInteger(Number.NaN)).toBeNaN();
  });
});
