// FragmentList, OpenFragment and PositionList: the assembler's columns of fragments and source positions.
import { describe, expect, it } from "vitest";
import { ByteBuffer, FixupList, FragmentList, OpenFragment, PositionList } from "../../src/builder/x86/model";

/** Makes the columns of an empty section and its open fragment, as Assembler.section does. */
function makeSection(): { bytes: ByteBuffer; fixups: FixupList; fragments: FragmentList; tail: OpenFragment } {
  const bytes = new ByteBuffer();
  const fixups = new FixupList();
  const fragments = new FragmentList(bytes, fixups);
  const tail = new OpenFragment(bytes, fixups);
  tail.moveTo(fragments.addFixed());
  return { bytes, fixups, fragments, tail };
}

describe("FragmentList", () => {
  it("keeps the open fragment's ranges at the ends", () => {
    const { fixups, fragments, tail } = makeSection();
    tail.append([0x90, 0x90]);
    tail.addFixup(tail.length, 4, false, { kind: "number", value: 0 }, 0, 1, 1, 1);
    tail.fill(4, 0);
    expect(fragments.count).toBe(1);
    expect(fragments.isFixed(0)).toBe(true);
    expect(fragments.start(0)).toBe(0);
    expect(fragments.end(0)).toBe(6);
    expect(fragments.fixupStart(0)).toBe(0);
    expect(fragments.fixupEnd(0)).toBe(1);
    expect(fragments.branch(0)).toBe(-1);
    expect(fixups.length).toBe(1);
  });

  it("closes fragments at branches and alignment", () => {
    const { fragments, tail } = makeSection();
    tail.append([0x90]);
    fragments.close(tail.index, 7);
    tail.moveTo(fragments.addFixed());
    tail.append([0x90, 0x90]);
    expect(tail.index).toBe(1);
    expect(tail.length).toBe(2);
    fragments.close(tail.index, -1);
    fragments.addAlignment({ alignment: 4, fill: undefined, maxSkip: 0, size: 0 });
    tail.moveTo(fragments.addFixed());

    expect(fragments.count).toBe(4);
    expect(fragments.branch(0)).toBe(7);
    expect(fragments.end(0)).toBe(1);
    expect(fragments.start(1)).toBe(1);
    expect(fragments.end(1)).toBe(3);
    expect(fragments.isFixed(2)).toBe(false);
    expect(fragments.alignment(2).alignment).toBe(4);
    expect(fragments.hasAlignment).toBe(true);
    expect(fragments.start(3)).toBe(3);
    expect(tail.length).toBe(0);
  });

  it("rejects closing a closed fragment", () => {
    const { fragments, tail } = makeSection();
    fragments.close(tail.index, -1);
    expect(() => fragments.close(tail.index, -1)).toThrow("internal error");
  });

  it("keeps addresses past its first capacity", () => {
    const { fragments, tail } = makeSection();
    for (let i = 0; i < 200; i++) {
      tail.append([i & 0xff]);
      fragments.close(tail.index, i);
      tail.moveTo(fragments.addFixed());
    }
    for (let i = 0; i < fragments.count; i++) fragments.setAddress(i, 3 * i);
    expect(fragments.count).toBe(201);
    expect(fragments.branch(150)).toBe(150);
    expect(fragments.start(150)).toBe(150);
    expect(fragments.address(200)).toBe(600);
  });
});

describe("PositionList", () => {
  it("stores positions as columns", () => {
    const positions = new PositionList();
    const indexes = Array.from({ length: 100 }, (_, i) => positions.add(i + 1, 2 * i + 1, 3));
    expect(indexes[99]).toBe(99);
    expect(positions.at(99)).toEqual({ line: 100, column: 199, length: 3 });
    expect(positions.lineAt(42)).toBe(43);
    expect(positions.at(positions.addPosition({ line: 7, column: 8, length: 9 }))).toEqual({ line: 7, column: 8, length: 9 });
  });
});
