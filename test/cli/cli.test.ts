// Runs the real `ukp` command (bin/ukp.js) on small programs and checks its
// output, files and exit statuses.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const bin = join(root, "bin", "ukp.js");
const work = mkdtempSync(join(tmpdir(), "ukp-cli-"));

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

function ukp(args: string[], input = ""): Outcome {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: work, input, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function source(name: string, text: string): string {
  writeFileSync(join(work, name), text);
  return name;
}

const LOOP_PROGRAM = `#include <stdio.h>

int main(void) {
  const char *s = "apple";
  for (int i = 0; i < 4; i++)
    printf("%d %s\\n", i, s);
  return 3;
}
`;

const TRIANGLE_PROGRAM = `static int triangle(int n) {
  int sum = 0;
  for (int i = 1; i <= n; i++)
    sum += i;
  return sum;
}

int main(void) {
  return triangle(20) - 200;
}
`;

const hasGcc = spawnSync("gcc", ["--version"]).status === 0 && spawnSync("ld", ["--version"]).status === 0;
if (!hasGcc) console.log("skipping the gcc object test: gcc or GNU ld is not installed");

describe("ukp run", () => {
  it("prints guest output and exits with its code", () => {
    const outcome = ukp(["run", source("loop.c", LOOP_PROGRAM)]);
    expect(outcome.stderr).toBe("");
    expect(outcome.stdout).toBe("0 apple\n1 apple\n2 apple\n3 apple\n");
    expect(outcome.status).toBe(3);
  });

  it("writes metrics as JSON", () => {
    source("loop.c", LOOP_PROGRAM);
    const first = ukp(["run", "loop.c", "--metrics", "first.json"]);
    const second = ukp(["run", "loop.c", "--metrics=second.json"]);
    expect(first.status).toBe(3);
    expect(second.status).toBe(3);
    const metrics = JSON.parse(readFileSync(join(work, "first.json"), "utf8"));
    const again = JSON.parse(readFileSync(join(work, "second.json"), "utf8"));

    expect(Object.keys(metrics).sort()).toEqual(
      [
        "bootGuestMicros",
        "bootInstructions",
        "compileMs",
        "end",
        "exitCode",
        "firstOutputMs",
        "imageBytes",
        "instructions",
        "linkMs",
        "optimize",
        "resetMs",
        "status",
        "wallMs",
      ].sort(),
    );
    expect(metrics.exitCode).toBe(3);
    expect(metrics.status).toBe(3);
    expect(metrics.end).toBe("exit");
    expect(metrics.compileMs).toBeGreaterThan(0);
    expect(metrics.linkMs).toBeGreaterThan(0);
    expect(metrics.bootGuestMicros).toBeGreaterThan(0);
    expect(metrics.firstOutputMs).toBeGreaterThan(0);
    expect(Number.isInteger(metrics.bootInstructions)).toBe(true);
    expect(metrics.bootInstructions).toBeGreaterThan(0);
    expect(metrics.instructions).toBeGreaterThan(metrics.bootInstructions);
    expect(again.bootInstructions).toBe(metrics.bootInstructions);
    expect(again.instructions).toBe(metrics.instructions);
    expect(again.imageBytes).toBe(metrics.imageBytes);

    expect(ukp(["build", "loop.c", "-o", "loop.elf"]).status).toBe(0);
    expect(metrics.imageBytes).toBe(readFileSync(join(work, "loop.elf")).length);
  });

  it("times out an endless loop with 124", () => {
    const outcome = ukp(["run", source("spin.c", "int main(void) { for (;;); }\n"), "--timeout", "0.5"]);
    expect(outcome.status).toBe(124);
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr).toBe("ukp: guest timed out after 0.5 s and was stopped; raise --timeout to give it more time\n");
  });

  it("names a fault with its source line", () => {
    const program = "int divide(int a, int b) {\n  return a / b;\n}\n\nint main(void) { return divide(1, 0); }\n";
    // -O0: at -O2 `divide` is inlined into main, and the report names main.
    const outcome = ukp(["run", "-O0", source("divide.c", program)]);
    expect(outcome.status).toBe(136);
    expect(outcome.stdout).toMatch(/^panic: divide error \(vector 0, error code 0x0\) at eip 0x[0-9a-f]{8}\n/);
    const lines = outcome.stderr.split("\n");
    expect(lines[0]).toMatch(/^ukp: guest panicked \(exit status 136\): divide error at 0x[0-9a-f]+ in divide \(divide\.c:2:3\)$/);
    expect(lines[1]).toBe("ukp: backtrace:");
    expect(lines[2]).toMatch(/^  0x[0-9a-f]+ divide \(divide\.c:2:3\)$/);
    expect(lines[3]).toMatch(/^  0x[0-9a-f]+ main \(divide\.c:5:\d+\)$/);
  });

  it("pipes stdin to the guest", () => {
    const echo = `#include <stdio.h>

int main(void) {
  int c, n = 0;
  while ((c = getchar()) != EOF) {
    putchar(c >= 'a' && c <= 'z' ? c - 32 : c);
    n++;
  }
  return n;
}
`;
    const outcome = ukp(["run", source("upper.c", echo)], "hello\nworld\n");
    expect(outcome.stdout).toBe("HELLO\nWORLD\n");
    expect(outcome.status).toBe(12);
  });

  it("runs a linked image", () => {
    source("loop.c", LOOP_PROGRAM);
    expect(ukp(["build", "loop.c", "-o", "image.elf"]).status).toBe(0);
    const outcome = ukp(["run", "image.elf"]);
    expect(outcome.stdout).toBe("0 apple\n1 apple\n2 apple\n3 apple\n");
    expect(outcome.status).toBe(3);
  });

  it("rejects an image without multiboot header", () => {
    // An ELF32 i386 executable header and nothing else.
    const header = Buffer.alloc(52);
    header.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
    header.writeUInt16LE(2, 16);
    header.writeUInt16LE(3, 18);
    header.writeUInt32LE(1, 20);
    header.writeUInt16LE(52, 40);
    writeFileSync(join(work, "empty.elf"), header);
    const outcome = ukp(["run", "empty.elf"]);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toBe(
      "ukp: cannot boot 'empty.elf': image has no multiboot header (magic 0x1badb002) in its first 8 KiB: " +
        "place the header section first in the linker script\n",
    );
  });
});

describe("ukp input paths and limits", () => {
  const MAIN = '#include <stdio.h>\n#include "util.h"\nint main(void) { printf("%d\\n", twice(21)); return 0; }\n';

  function project(directory: string): string {
    const path = join(work, directory);
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, "main.c"), MAIN);
    writeFileSync(join(path, "util.h"), "int twice(int x);\n");
    writeFileSync(join(path, "util.c"), '#include "util.h"\nint twice(int x) { return 2 * x; }\n');
    return path;
  }

  it("finds headers next to absolute paths", () => {
    const path = project("absolute");
    const outcome = spawnSync(process.execPath, [bin, "run", join(path, "main.c"), join(path, "util.c")], { cwd: tmpdir(), encoding: "utf8" });
    expect(outcome.stderr).toBe("");
    expect(outcome.stdout).toBe("42\n");
    expect(outcome.status).toBe(0);
  });

  it("finds headers next to ../ paths", () => {
    project("dotdot/app");
    const inner = join(work, "dotdot", "other");
    mkdirSync(inner, { recursive: true });
    const outcome = spawnSync(process.execPath, [bin, "run", "../app/main.c", "../app/util.c"], { cwd: inner, encoding: "utf8" });
    expect(outcome.stderr).toBe("");
    expect(outcome.stdout).toBe("42\n");
  });

  it("names files as given in diagnostics", () => {
    const path = project("named");
    writeFileSync(join(path, "bad.c"), "int main(void) { return x; }\n");
    const outcome = spawnSync(process.execPath, [bin, "build", join(path, "bad.c")], { cwd: tmpdir(), encoding: "utf8" });
    expect(outcome.status).toBe(1);
    expect(outcome.stderr.split("\n")[0]).toBe(`${join(path, "bad.c")}:1:25: error: 'x' undeclared (first use in this function)`);
  });

  it("includes .inc and .c files next to a source", () => {
    const path = join(work, "unity");
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, "table.inc"), "X(1) X(2) X(3)\n");
    writeFileSync(join(path, "impl.c"), "static int helper(void) { return 5; }\n");
    const main = '#include <stdio.h>\n#include "impl.c"\n#define X(n) printf("%d ", n);\nint main(void) {\n#include "table.inc"\n  printf("%d\\n", helper());\n  return 0;\n}\n';
    writeFileSync(join(path, "main.c"), main);
    const outcome = spawnSync(process.execPath, [bin, "run", join(path, "main.c")], { cwd: tmpdir(), encoding: "utf8" });
    expect(outcome.stderr).toBe("");
    expect(outcome.stdout).toBe("1 2 3 5\n");
  });

  it("leaves out neighbours past the size limit", () => {
    const path = join(work, "crowded");
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, "main.c"), '#include <stdio.h>\n#include "small.h"\nint main(void) { printf("%d\\n", SMALL); return 3; }\n');
    writeFileSync(join(path, "small.h"), "#define SMALL 42\n");
    // Six unrelated files of 800,000 characters: 4.8 M in all, past the 4 MiB limit on all sources.
    for (let i = 0; i < 6; i++) writeFileSync(join(path, `unrelated${i}.c`), `int x${i};\n`.repeat(100_000));
    const outcome = spawnSync(process.execPath, [bin, "run", join(path, "main.c")], { cwd: tmpdir(), encoding: "utf8" });
    expect(outcome.stderr).toBe("");
    expect(outcome.stdout).toBe("42\n");
    expect(outcome.status).toBe(3);
  });

  it("rejects a timeout past the timer range", () => {
    const outcome = ukp(["run", source("quick.c", "int main(void) { return 0; }\n"), "--timeout", "3000000"]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr.split("\n")[0]).toBe("ukp: invalid --timeout '3000000': expected a number of seconds up to 2147483, 0 for no limit");
  });

  it("sets guest memory with --memory", () => {
    source("quick.c", "int main(void) { return 4; }\n");
    expect(ukp(["run", "quick.c", "--memory", "64"]).status).toBe(4);
    const bad = ukp(["run", "quick.c", "--memory", "1"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.split("\n")[0]).toBe("ukp: invalid --memory '1': expected a whole number of MiB from 2 to 1024");
  });

  it("exits 141 when stdout closes", () => {
    source("flood.c", '#include <stdio.h>\nint main(void) { for (int i = 0;; i++) printf("line %d\\n", i); }\n');
    const script = `"${process.execPath}" "${bin}" run flood.c --timeout 0 | head -1; exit \${PIPESTATUS[0]}`;
    const outcome = spawnSync("bash", ["-c", script], { cwd: work, encoding: "utf8", timeout: 60_000 });
    expect(outcome.stdout).toBe("line 0\n");
    expect(outcome.stderr).toBe("");
    expect(outcome.status).toBe(141);
  });
});

describe("ukp diagnostics", () => {
  it("names a truncated object", () => {
    source("whole.c", "int main(void) { return 0; }\n");
    expect(ukp(["cc", "whole.c", "-c", "-o", "whole.o"]).status).toBe(0);
    writeFileSync(join(work, "cut.o"), readFileSync(join(work, "whole.o")).subarray(0, 300));
    const outcome = ukp(["run", "cut.o"]);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toMatch(/^cut\.o: error: truncated file: section header table at offset 0x[0-9a-f]+ \(\d+ bytes\) extends past the end of the file \(300 bytes\)\n$/);
  });

  it("locates invalid UTF-8 in a source", () => {
    writeFileSync(join(work, "latin1.c"), Buffer.from([0x69, 0x6e, 0x74, 0x20, 0xe9, 0x3b, 0x0a]));
    const outcome = ukp(["build", "latin1.c"]);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toMatch(/^latin1\.c:1:5: error: invalid character U\+FFFD/);
  });

  it("prints compile errors with a caret", () => {
    source("bad.c", "int main(void) {\n  return missing;\n}\n");
    const outcome = ukp(["run", "bad.c"]);
    expect(outcome.status).toBe(1);
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr).toMatch(/^bad\.c:2:10: error: [^\n]*missing[^\n]*\n {2}return missing;\n {9}\^~~~~~~\n/);
  });

  it("reports errors of every file", () => {
    source("one.c", "int f(void) { return 1 +; }\n");
    source("two.c", "int main(void) { return nope; }\n");
    const outcome = ukp(["build", "one.c", "two.c"]);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toMatch(/^one\.c:1:\d+: error: /m);
    expect(outcome.stderr).toMatch(/^two\.c:1:25: error: /m);
  });

  it("names a missing input file", () => {
    const outcome = ukp(["run", "missing.c"]);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toBe("ukp: cannot read 'missing.c': no such file\n");
  });

  it("names a bad option and prints usage", () => {
    const outcome = ukp(["run", "loop.c", "--bogus"]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toMatch(/^ukp: unknown option '--bogus' for 'ukp run'\n\nUsage: ukp <command>/);
  });

  it("names a bad timeout value", () => {
    const outcome = ukp(["run", "loop.c", "--timeout", "soon"]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toMatch(/^ukp: invalid --timeout 'soon': expected a number of seconds up to 2147483, 0 for no limit\n/);
  });

  it("prints help and version", () => {
    const help = ukp(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: ukp <command> \[options\]\n/);
    const version = ukp(["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^ukp \d+\.\d+\.\d+\nv86 0\.5\.\d+/);
  });
});

describe("ukp -O levels", () => {
  it("runs a program the same at every level", () => {
    source("loop.c", LOOP_PROGRAM);
    const unoptimised = ukp(["run", "-O0", "loop.c", "--metrics", "o0.json"]);
    const basic = ukp(["run", "-O1", "loop.c"]);
    const optimised = ukp(["run", "loop.c", "--metrics", "o2.json"]);
    expect(unoptimised.stderr).toBe("");
    expect(basic.stderr).toBe("");
    expect(optimised.stderr).toBe("");
    expect(unoptimised.stdout).toBe("0 apple\n1 apple\n2 apple\n3 apple\n");
    expect(basic.stdout).toBe(unoptimised.stdout);
    expect(optimised.stdout).toBe(unoptimised.stdout);
    expect(unoptimised.status).toBe(3);
    expect(basic.status).toBe(3);
    expect(optimised.status).toBe(3);
    expect(JSON.parse(readFileSync(join(work, "o0.json"), "utf8")).optimize).toBe(0);
    expect(JSON.parse(readFileSync(join(work, "o2.json"), "utf8")).optimize).toBe(2);
  });

  it("cc -S emits the chosen level's code", () => {
    source("triangle.c", TRIANGLE_PROGRAM);
    const listings = ["-O0", "-O1", "-O2"].map((flag) => {
      const outcome = ukp(["cc", flag, "-S", "triangle.c", "-o", `triangle${flag}.s`]);
      expect(outcome.stderr, flag).toBe("");
      expect(outcome.status, flag).toBe(0);
      return readFileSync(join(work, `triangle${flag}.s`), "utf8");
    });
    // -O0 evaluates `sum += i` through the stack; the optimising back end keeps both in registers.
    const stackPush = /^\tpushl\t%eax$/m;
    expect(listings[0]).toMatch(stackPush);
    expect(listings[1]).not.toMatch(stackPush);
    expect(listings[2]).not.toMatch(stackPush);
    expect(listings[2]).toMatch(/^triangle:$/m);
  });

  it("rejects -O3 with the accepted levels", () => {
    const outcome = ukp(["build", "loop.c", "-O3"]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr.split("\n")[0]).toBe(
      "ukp: unsupported optimisation option '-O3': ukp accepts -O0, -O1, -O2 and -O (the same as -O2); use -O2, the highest level",
    );
  });

  it("warns that -O does not change a linked image", () => {
    source("loop.c", LOOP_PROGRAM);
    expect(ukp(["build", "loop.c", "-O1", "-o", "o1.elf"]).status).toBe(0);
    const outcome = ukp(["run", "o1.elf", "-O0", "--metrics", "image.json"]);
    expect(outcome.stderr).toBe("ukp: warning: -O0 has no effect on 'o1.elf', which is already linked\n");
    expect(outcome.stdout).toBe("0 apple\n1 apple\n2 apple\n3 apple\n");
    expect(outcome.status).toBe(3);
    expect(JSON.parse(readFileSync(join(work, "image.json"), "utf8")).optimize).toBeNull();
  });
});

describe("ukp build and cc", () => {
  it("cc -o - writes to stdout", () => {
    source("tiny.c", "int twice(int x) { return 2 * x; }\n");
    const outcome = ukp(["cc", "-S", "tiny.c", "-o", "-"]);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toContain("twice:");
    expect(existsSync(join(work, "-"))).toBe(false);
  });

  it("writes the image and link map", () => {
    source("loop.c", LOOP_PROGRAM);
    const outcome = ukp(["build", "loop.c", "-o", "out.elf", "--map", "out.map"]);
    expect(outcome.stderr).toBe("");
    expect(outcome.status).toBe(0);
    const image = readFileSync(join(work, "out.elf"));
    expect([...image.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(readFileSync(join(work, "out.map"), "utf8")).toContain("main");
  });

  it("keeps unreachable sections with --no-gc-sections", () => {
    source("unused.c", "int unused(void) { return 7; }\nint main(void) { return 0; }\n");
    expect(ukp(["build", "unused.c", "-o", "gc.elf", "--map", "gc.map"]).status).toBe(0);
    const kept = ukp(["build", "unused.c", "-o", "nogc.elf", "--map", "nogc.map", "--no-gc-sections"]);
    expect(kept.stderr).toBe("");
    expect(kept.status).toBe(0);
    // Our compiler puts all functions in one .text, so the difference shows in library OS members.
    const symbolLine = /^ +0x[0-9a-f]+ +0x[0-9a-f]+ +uart_poll$/m;
    expect(readFileSync(join(work, "gc.map"), "utf8")).not.toMatch(symbolLine);
    expect(readFileSync(join(work, "nogc.map"), "utf8")).toMatch(symbolLine);
    expect(readFileSync(join(work, "nogc.elf")).length).toBeGreaterThan(readFileSync(join(work, "gc.elf")).length);
    expect(ukp(["run", "unused.c", "--no-gc-sections"]).status).toBe(0);
  });

  it("compiles to an object with -c", () => {
    source("loop.c", LOOP_PROGRAM);
    const outcome = ukp(["cc", "loop.c", "-c"]);
    expect(outcome.status).toBe(0);
    const object = readFileSync(join(work, "loop.o"));
    expect([...object.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    // e_type ET_REL.
    expect(object.readUInt16LE(16)).toBe(1);

    const linked = ukp(["run", "loop.o"]);
    expect(linked.stdout).toBe("0 apple\n1 apple\n2 apple\n3 apple\n");
    expect(linked.status).toBe(3);
  });

  it("writes assembly with -S", () => {
    source("loop.c", LOOP_PROGRAM);
    const outcome = ukp(["cc", "loop.c", "-S", "-o", "listing.s"]);
    expect(outcome.status).toBe(0);
    expect(readFileSync(join(work, "listing.s"), "utf8")).toMatch(/^main:/m);
  });

  it("preprocesses with -E", () => {
    source("macro.h", "#define TWICE(x) ((x) + (x))\n");
    source("macro.c", '#include "macro.h"\nint y = TWICE(21);\n');
    const outcome = ukp(["cc", "macro.c", "-E"]);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout.replace(/\s+/g, " ")).toContain("int y = ((21) + (21));");
  });

  it("needs one cc mode", () => {
    const outcome = ukp(["cc", "loop.c"]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toMatch(/^ukp: 'ukp cc' needs one of -c, -S or -E\n/);
  });

  it.skipIf(!hasGcc)("links a gcc object", () => {
    source("helper.c", "int twice(int x) { return 2 * x; }\n");
    source("caller.c", '#include <stdio.h>\nint twice(int x);\nint main(void) { printf("%d\\n", twice(21)); return 0; }\n');
    const gcc = spawnSync(
      "gcc",
      ["-m32", "-ffreestanding", "-fno-pic", "-fno-pie", "-nostdinc", "-fno-asynchronous-unwind-tables", "-c", "helper.c", "-o", "helper.o"],
      { cwd: work, encoding: "utf8" },
    );
    expect(gcc.stderr).toBe("");
    const outcome = ukp(["run", "caller.c", "helper.o"]);
    expect(outcome.stdout).toBe("42\n");
    expect(outcome.status).toBe(0);
    expect(existsSync(join(work, "helper.o"))).toBe(true);
  });
});
