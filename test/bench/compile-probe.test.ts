// The compile probe runs our real compiler in a child process and reports
// the files it rejects or does not finish in time.
import { describe, expect, it } from "vitest";

import { findCompileFailures } from "../../bench/support/compile-probe";

const GOOD = { name: "good.c", source: "int main(void) { return 0; }\n" };
const BAD = { name: "bad.c", source: "int main(void) { return missing; }\n" };

describe("findCompileFailures", () => {
  it("reports the first error of a rejected file", async () => {
    const failures = await findCompileFailures([GOOD, BAD, GOOD], [0, 2], 30_000);
    expect([...failures]).toEqual([[1, "at -O0: 'missing' undeclared (first use in this function)"]]);
  });

  it("skips past a file that times out", async () => {
    // A 1 ms limit expires before the child has loaded, so each start-up times out and the next file is tried.
    const failures = await findCompileFailures([GOOD, GOOD], [0], 1);
    expect([...failures]).toEqual([
      [0, "no result after 0.001 s before the first compile"],
      [1, "no result after 0.001 s before the first compile"],
    ]);
  });
});
