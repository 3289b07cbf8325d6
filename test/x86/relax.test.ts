// Branch relaxation against GNU as: jumps around the rel8 limits, chains
// where growing one jump pushes another out of range, and alignment
// padding that changes while jumps grow.
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/builder/x86";
import { dumpObject, gnuAssemble, hasGnuAs, skipReason } from "./gnu";

function textOf(source: string): { ours: string; gnu: string } {
  const result = assemble(source, "relax.s");
  expect(result.diagnostics).toEqual([]);
  const ours = dumpObject(result.object!).sections.find((s) => s.name === ".text")!.data;
  const gnu = dumpObject(gnuAssemble(source)).sections.find((s) => s.name === ".text")!.data;
  return { ours, gnu };
}

const cases: Record<string, string> = {};
for (const gap of [125, 126, 127, 128, 129]) {
  cases[`forward jmp over ${gap} bytes`] = `jmp 1f\n.fill ${gap},1,0x90\n1: ret\n`;
  cases[`forward jne over ${gap} bytes`] = `jne 1f\n.fill ${gap},1,0x90\n1: ret\n`;
  cases[`backward jmp over ${gap} bytes`] = `1: .fill ${gap},1,0x90\njmp 1b\n`;
  cases[`backward je over ${gap} bytes`] = `1: .fill ${gap},1,0x90\nje 1b\n`;
}
cases["chain of growing jumps"] = Array.from({ length: 40 }, (_, i) => `j${i}: jmp k${i}\n.fill 3,1,0x90\n`).join("")
  + ".fill 20,1,0x90\n"
  + Array.from({ length: 40 }, (_, i) => `k${i}: nop\n`).join("");
cases["alignment between jumps"] = "a: jmp b\n.p2align 5\n.fill 100,1,0x90\n.p2align 4,,7\nc: jne a\n.fill 20,1,0x90\nb: jmp c\n";
cases["jump to global and weak labels"] = ".globl g\n.weak w\ng: jmp w\njmp g\nw: jmp g\nret\n";
cases["jump with addend"] = "jmp 1f+2\n1: nop\nnop\nnop\n";

describe("branch relaxation against GNU as", () => {
  if (!hasGnuAs) console.log(`branch relaxation: ${skipReason("GNU as (as --32)")}`);
  for (const [name, source] of Object.entries(cases)) {
    it.skipIf(!hasGnuAs)(name, () => {
      const { ours, gnu } = textOf(source);
      expect(ours).toBe(gnu);
    });
  }
});

describe("branch relaxation", () => {
  it("picks short and near forms at the rel8 limit", () => {
    const reach = (gap: number): number => {
      const result = assemble(`jmp 1f\n.fill ${gap},1,0x90\n1: ret\n`, "limit.s");
      return dumpObject(result.object!).sections.find((s) => s.name === ".text")!.size - gap - 1;
    };
    expect(reach(127)).toBe(2);
    expect(reach(128)).toBe(5);
  });
});
