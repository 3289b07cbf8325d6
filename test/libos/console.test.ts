// Console input and output: the interrupt-driven COM1 buffer, fgets line
// editing with echo, the PS/2 keyboard and the VGA text screen, in apps
// built by gcc and by our own pipeline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildImage, missingToolchain } from "./gcc-image";
import { createPipelineBooter, type PipelineBooter } from "./pipeline";
import { bootInV86 } from "./v86-boot";

const missing = missingToolchain();
if (missing) console.log(`libos gcc console tests skipped: ${missing}`);

const LINE_APP = `#include <stdio.h>
int main(void)
{
  char buf[6];
  while (fgets(buf, sizeof buf, stdin) != NULL)
    printf("<%s>", buf);
  printf("|%d\\n", getchar());
  return 0;
}
`;

// Backspace and Delete erase, CR LF counts as one Enter, a line longer than
// the buffer comes back in pieces, Ctrl-D mid-line passes the bytes on
// without a newline, and Ctrl-D at the start of a line is the end of input:
// the second one ends fgets' partial line, the third the loop.
const LINE_INPUT = "abx\x7fc\r\nxy\b\bz\nlonger line\nend\x04\x04\x04q\n";
const LINE_ECHO = "abx\b \bc\n<abc\n>xy\b \b\b \bz\n<z\n>longer line\n<longe><r lin><e\n>end<end>";
const LINE_OUTPUT = `${LINE_ECHO}|113\n`;

const MIXED_APP = `#include <stdio.h>
int main(void)
{
  char buf[16];
  int a, b;
  fgets(buf, 4, stdin);
  a = getchar();
  b = getchar();
  printf("[%s] %c %c\\n", buf, a, b);
  return 0;
}
`;

const VGA_APP = `#include <stdio.h>
#include <unikernel.h>
int main(void)
{
  vga_console(1);
  printf("hello, screen\\n");
  vga_set_color(VGA_YELLOW, VGA_BLUE);
  vga_puts("tab\\there");
  vga_move_cursor(24, 70);
  vga_puts("bottom");
  vga_console(0);
  printf("serial only\\n");
  return 0;
}
`;

const SCROLL_APP = `#include <stdio.h>
#include <unikernel.h>
int main(void)
{
  int i;
  vga_console(1);
  for (i = 0; i < 30; i++)
    printf("line %d\\n", i);
  return 0;
}
`;

const SCANF_APP = `#include <stdio.h>
int main(void)
{
  int a, b, n;
  char word[16];
  double d;
  n = scanf("%d %d", &a, &b);
  printf("%d: %d\\n", n, a + b);
  n = scanf("%15s %lf", word, &d);
  printf("%d: %s %g\\n", n, word, d);
  printf("next %d\\n", getchar());
  n = scanf("%d", &a);
  printf("%d [%c]\\n", n, getchar());
  printf("%d\\n", scanf("%d", &a));
  return 0;
}
`;
// glibc prints the same lines for this input, without the echoed ones.
const SCANF_INPUT = "3\n4\nhello 2.5\nxyz\n\x04";
const SCANF_OUTPUT = "3\n4\n2: 7\nhello 2.5\n2: hello 2.5\nnext 10\nxyz\n0 [x]\n0\n";

// Set 1 make and break codes: Shift+h, i, Enter.
const KEYS_HI = [0x2a, 0x23, 0xa3, 0xaa, 0x17, 0x97, 0x1c, 0x9c];

describe.skipIf(missing !== undefined)("console in gcc-built apps", () => {
  it("fgets edits lines with echo", async () => {
    const run = await bootInV86(buildImage(LINE_APP), { input: LINE_INPUT });
    expect(run.output).toBe(LINE_OUTPUT);
    expect(run.exitCode).toBe(0);
  });

  it("piped input is not echoed", async () => {
    const run = await bootInV86(buildImage(LINE_APP), { input: LINE_INPUT, consoleInteractive: 0 });
    expect(run.output).toBe("<abc\n><z\n><longe><r lin><e\n><end>|113\n");
  });

  it("getchar reads what fgets left", async () => {
    const run = await bootInV86(buildImage(MIXED_APP), { input: "abcdef\ngh" });
    expect(run.output).toBe("abcdef\n[abc] d e\n");
  });

  it("input waits halted for the IRQ", async () => {
    const run = await bootInV86(buildImage(`#include <stdio.h>
int main(void) { int c = getchar(); printf("got %c %d\\n", c, getchar()); return 0; }`), { input: "z\r", inputDelayMs: 300 });
    expect(run.output).toBe("got z 10\n");
    // A polling loop would run tens of millions of instructions in 300 ms.
    expect(run.instructions! - run.bootInstructions!).toBeLessThan(200_000);
  });

  it("backspace erases a whole wide character", async () => {
    // "한글", Backspace, Enter: the UTF-8 bytes of 글 go, and two columns are erased on screen.
    const run = await bootInV86(buildImage(`#include <stdio.h>
#include <string.h>
int main(void) { char line[16]; unsigned i; fgets(line, sizeof line, stdin); for (i = 0; i < strlen(line); i++) printf("%02x ", (unsigned char)line[i]); return 0; }`), {
      input: "\xed\x95\x9c\xea\xb8\x80\x7f\r",
    });
    expect(run.output).toBe("\xed\x95\x9c\xea\xb8\x80\b \b\b \b\ned 95 9c 0a ");
  });

  it("kill line, escape sequences and control bytes", async () => {
    const run = await bootInV86(buildImage(`#include <stdio.h>
int main(void) { char line[16]; fgets(line, sizeof line, stdin); printf("[%s]", line); return 0; }`), {
      input: "wrong\x15ok\x1b[A\x01!\n",
    });
    expect(run.output).toBe("wrong\b \b\b \b\b \b\b \b\b \bok!\n[ok!\n]");
  });

  it("raw mode reads bytes without echo", async () => {
    const run = await bootInV86(buildImage(`#include <stdio.h>
#include <unikernel.h>
int main(void) { int c; console_set_raw(1); while ((c = getchar()) != EOF) printf("<%02x>", c); return 0; }`), {
      input: "a\r\x7f\x04",
    });
    expect(run.output).toBe("<61><0d><7f>");
  });

  it("scanf reads across lines", async () => {
    const run = await bootInV86(buildImage(SCANF_APP), { input: SCANF_INPUT });
    expect(run.output).toBe(SCANF_OUTPUT);
  });

  it("keyboard types into stdin", async () => {
    // The keyboard drops scan codes until the first read enables it, so they come a little later.
    const run = await bootInV86(buildImage(`#include <stdio.h>
int main(void) { char line[16]; fgets(line, sizeof line, stdin); printf("[%s]", line); return 0; }`), {
      scancodes: KEYS_HI,
      inputDelayMs: 200,
    });
    expect(run.output).toBe("Hi\n[Hi\n]");
  });

  it("vga mirrors the console", async () => {
    const run = await bootInV86(buildImage(VGA_APP));
    expect(run.output).toBe("hello, screen\nserial only\n");
    expect(run.screen[0]).toBe("hello, screen".padEnd(80));
    expect(run.screen[1]).toBe("tab     here".padEnd(80));
    expect(run.screen[24]).toBe(" ".repeat(70) + "bottom    ");
    expect(run.screen[2]).toBe(" ".repeat(80));
    // Light grey on black for the mirrored text, yellow on blue after vga_set_color.
    expect(run.screenAttributes[0][0]).toBe(0x07);
    expect(run.screenAttributes[1][0]).toBe(0x1e);
    expect(run.screenAttributes[24][70]).toBe(0x1e);
  });

  it("vga scrolls at the bottom", async () => {
    const run = await bootInV86(buildImage(SCROLL_APP));
    expect(run.screen.map((row) => row.trimEnd())).toEqual([
      ...Array.from({ length: 24 }, (_, i) => `line ${i + 6}`),
      "",
    ]);
  });
});

describe("console with our pipeline", () => {
  let booter: PipelineBooter;
  beforeAll(async () => {
    booter = await createPipelineBooter();
  });
  afterAll(() => booter?.dispose());

  it("fgets edits lines with echo", async () => {
    const run = await booter.run(LINE_APP, { input: LINE_INPUT });
    expect(run.output).toBe(LINE_OUTPUT);
    expect(run.end).toEqual({ reason: "exit", exitCode: 0 });
  });

  it("scanf reads across lines", async () => {
    const run = await booter.run(SCANF_APP, { input: SCANF_INPUT });
    expect(run.output).toBe(SCANF_OUTPUT);
  });

  it("vga app builds and runs", async () => {
    const run = await booter.run(VGA_APP);
    expect(run.output).toBe("hello, screen\nserial only\n");
  });
});
