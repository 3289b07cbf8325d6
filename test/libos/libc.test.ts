// The libc beyond printf: sscanf, strtod, the 64-bit strtol family, div,
// setjmp, atexit, math.h, the heap checks and PCI, each compared with
// glibc's output for the same program where glibc can run it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildImage, missingToolchain } from "./gcc-image";
import { missingNativeCompiler, runNative } from "./native";
import { createPipelineBooter, type PipelineBooter } from "./pipeline";
import { bootInV86 } from "./v86-boot";

const missing = missingToolchain() ?? missingNativeCompiler();
if (missing) console.log(`libos libc tests against glibc skipped: ${missing}`);

// Shared by glibc (x86_64) and the guest, so it avoids long, whose size differs.
const SCAN_APP = `#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf env;
static void first(void) { puts("first registered, called last"); }
static void second(void) { puts("second registered, called first"); }
static void jump(int value) { longjmp(env, value); }

int main(void)
{
  int a = 0, b = 0, n = 0, r;
  unsigned u = 0;
  char s[32] = "", t[32] = "", c = 0;
  double d = 0;
  float f = 0;
  long long ll = 0;
  short h = 0;
  unsigned char hh = 0;
  volatile int count = 0;

  r = sscanf("  42 -17 0x1f hello 3.25 1e-3 123456789012 Z", "%d %i %x %s %lf %f %lld %c", &a, &b, &u, s, &d, &f, &ll, &c);
  printf("%d: %d %d %u %s %g %g %lld %c\\n", r, a, b, u, s, d, (double)f, ll, c);
  r = sscanf("abc123def", "%[a-z]%n%3d%s", s, &n, &a, t);
  printf("%d: %s %d %d %s\\n", r, s, n, a, t);
  r = sscanf("12:34", "%d:%d", &a, &b);
  printf("%d %d %d\\n", r, a, b);
  printf("%d %d\\n", sscanf("", "%d", &a), sscanf("x", "%d", &a));
  r = sscanf("70000 % 300", "%hd %% %hhu", &h, &hh);
  printf("%d %d %d\\n", r, h, hh);
  r = sscanf("0777 0x 017 -0", "%i %i %o %d", &a, &b, &u, &n);
  printf("%d %d %d %u %d\\n", r, a, b, u, n);
  r = sscanf("key = value;rest", "%[^ =] = %[^;];%*s%n", s, t, &n);
  printf("%d [%s] [%s] %d\\n", r, s, t, n);
  r = sscanf("abcdef", "%3c%2s", s, t);
  s[3] = 0;
  printf("%d %s %s\\n", r, s, t);
  r = sscanf("inf -nan 0x1.8p1 -1.5e-2 12e", "%lf %lf %lf %lf %lf", &d, &d, &d, &d, &d);
  printf("%d %g\\n", r, d);
  r = sscanf("1.0e+ 5", "%lf %d", &d, &a);
  printf("%d %g %d\\n", r, d, a);

  printf("%g %g %g %g %g\\n", strtod("0x1.8p3", 0), strtod("-inf", 0), atof("  2.5e2xyz"), strtod("1e-400", 0), strtod(".5", 0));
  printf("%.17g %.17g %.17g\\n", strtod("0.1", 0), strtod("2.2250738585072014e-308", 0), strtod("123456789012345678901234567890", 0));
  errno = 0;
  d = strtod("1e999", 0);
  printf("%g %d\\n", d, errno == ERANGE);
  {
    char *end;
    d = strtod("  -12.5e1x", &end);
    printf("%g [%s]\\n", d, end);
    d = strtod("x", &end);
    printf("%g [%s]\\n", d, end);
  }
  printf("%lld %llu %lld\\n", strtoll("-9223372036854775808", 0, 10), strtoull("18446744073709551615", 0, 0), atoll("77"));
  errno = 0;
  printf("%lld %d\\n", strtoll("9223372036854775808", 0, 10), errno == ERANGE);
  printf("%llx %lld\\n", strtoull("0xFFFFffff12345678", 0, 16), llabs(-5LL));
  {
    div_t q = div(-7, 2);
    lldiv_t lq = lldiv(-7000000000LL, 3);
    printf("%d %d %lld %lld\\n", q.quot, q.rem, lq.quot, lq.rem);
  }
  if (setjmp(env) == 0) {
    count++;
    jump(0);
  } else {
    count++;
  }
  printf("setjmp %d\\n", count);
  if ((r = setjmp(env)) < 3)
    jump(r + 1);
  printf("setjmp returned %d\\n", r);
  printf("%s|%s|%s\\n", strerror(ERANGE), strerror(ENOMEM), strerror(0));
  {
    char buffer[8];
    size_t length = strxfrm(buffer, "abc", sizeof buffer);
    printf("%d %d %s %u\\n", strcoll("a", "b") < 0, strcoll("b", "b"), buffer, (unsigned)length);
  }
  atexit(first);
  atexit(second);
  return 3;
}
`;

// NaN and infinity come from run-time arithmetic: our compiler folds 0.0 * (1e300 * 1e300) to 0.
const MATH_APP = `#include <math.h>
#include <stdio.h>

int main(void)
{
  volatile double zero = 0.0, big = 1e300;
  double inf = big * big, nan_value = -(zero / zero);
  static const double xs[] = { 0.0, -0.0, 0.5, 1.0, 2.0, -2.5, 3.75, 10.0, 1e-10, 123456.789, 1e300, -1e300 };
  unsigned int i;
  for (i = 0; i < sizeof xs / sizeof xs[0]; i++) {
    double x = xs[i];
    printf("x=%g\\n", x);
    printf("sqrt %.17g fabs %.17g floor %.17g ceil %.17g trunc %.17g\\n", sqrt(x), fabs(x), floor(x), ceil(x), trunc(x));
    printf("sin %.17g cos %.17g tan %.17g atan %.17g\\n", sin(x), cos(x), tan(x), atan(x));
    printf("exp %.17g exp2 %.17g log %.17g log2 %.17g log10 %.17g\\n", exp(x), exp2(x), log(x), log2(x), log10(x));
    printf("pow %.17g %.17g %.17g fmod %.17g atan2 %.17g\\n", pow(x, 2.0), pow(2.0, x), pow(x, 0.5), fmod(x, 0.75), atan2(x, -1.0));
  }
  printf("%g %g %g %g %g %g\\n", pow(-8, 1.0 / 3), pow(-2, 3), pow(0.0, -1), pow(-0.0, -3), pow(-1, inf), pow(0.5, -inf));
  printf("%g %g %g %g\\n", pow(-inf, -3), pow(-inf, 3), pow(nan_value, 0), pow(1, nan_value));
  printf("%g %g %g %g %g\\n", exp(-1000), exp(1000), log(0.0), log(-1.0), sqrt(-1.0));
  printf("%g %g %g\\n", exp(inf), exp(-inf), fmod(1.0, 0.0));
  printf("%d %d %d %d\\n", isnan(nan_value), isinf(-inf) != 0, isfinite(1.0), isfinite(inf));
  printf("%.17g %.17g %.17g\\n", M_PI, sin(M_PI / 6), atan2(-1, -1));
  return 0;
}
`;

/**
 * Compares two outputs line by line: numbers within 3e-15 relative (about
 * 13 units in the last place, since v86 emulates the x87 in double
 * precision), "nan" and "-nan" alike (glibc and the x87 pick different NaN
 * signs), other words exactly.
 */
function expectCloseOutput(actual: string, expected: string): void {
  const actualLines = actual.split("\n");
  const expectedLines = expected.split("\n");
  expect(actualLines.length).toBe(expectedLines.length);
  for (let i = 0; i < expectedLines.length; i++) {
    const a = actualLines[i].split(" ");
    const e = expectedLines[i].split(" ");
    expect(a.length, `line ${i + 1}: ${actualLines[i]}`).toBe(e.length);
    for (let j = 0; j < e.length; j++) {
      const x = Number(a[j]);
      const y = Number(e[j]);
      if (a[j] === e[j] || (/^-?nan$/.test(a[j]) && /^-?nan$/.test(e[j]))) continue;
      const close = Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 3e-15 * Math.abs(y);
      expect(close, `line ${i + 1} word ${j + 1}: ${a[j]} instead of glibc's ${e[j]}`).toBe(true);
    }
  }
}

describe.skipIf(missing !== undefined)("libc against glibc, built by gcc", () => {
  it("sscanf, strtod, strtoll, div, setjmp and atexit", async () => {
    const expected = runNative(SCAN_APP);
    const run = await bootInV86(buildImage(SCAN_APP, ["-Wno-format"]));
    expect(run.output).toBe(expected);
    expect(run.exitCode).toBe(3);
  });

  it("math functions", async () => {
    const expected = runNative(MATH_APP);
    const run = await bootInV86(buildImage(MATH_APP));
    expectCloseOutput(run.output, expected);
  });
});

describe.skipIf(missing !== undefined)("libc against glibc, built by our pipeline", () => {
  let booter: PipelineBooter;
  beforeAll(async () => {
    booter = await createPipelineBooter();
  });
  afterAll(() => booter?.dispose());

  it("sscanf, strtod, strtoll, div, setjmp and atexit", async () => {
    const run = await booter.run(SCAN_APP);
    expect(run.output).toBe(runNative(SCAN_APP));
    expect(run.end).toEqual({ reason: "exit", exitCode: 3 });
  });

  it("math functions", async () => {
    const run = await booter.run(MATH_APP);
    expectCloseOutput(run.output, runNative(MATH_APP));
  });
});

const gccMissing = missingToolchain();

describe.skipIf(gccMissing !== undefined)("heap checks", () => {
  it("statistics follow malloc and free", async () => {
    const run = await bootInV86(buildImage(`#include <stdio.h>
#include <stdlib.h>
#include <unikernel.h>
int main(void)
{
  struct heap_stats s;
  char *a = malloc(10), *b = malloc(100), *c = malloc(1000);
  free(b);
  a = realloc(a, 5);
  heap_get_stats(&s);
  printf("used %u blocks %u free %u peak %u calls %u/%u check %d\\n", s.used_bytes, s.used_blocks, s.free_blocks,
         s.peak_used_bytes, s.malloc_calls, s.free_calls, heap_check());
  printf("heap over 16 MiB %d, block bytes %u\\n", s.heap_bytes > (16u << 20), s.block_bytes);
  free(a);
  free(c);
  heap_get_stats(&s);
  printf("used %u blocks %u\\n", s.used_bytes, s.used_blocks);
  return 0;
}`));
    expect(run.output).toBe(
      "used 1005 blocks 2 free 1 peak 1110 calls 3/1 check 3\n" +
        "heap over 16 MiB 1, block bytes 1056\n" +
        "used 0 blocks 0\n",
    );
  });

  it("overflow past a block panics on free", async () => {
    const run = await bootInV86(buildImage(`#include <stdlib.h>
#include <string.h>
int main(void) { char *p = malloc(10); memset(p, 'x', 11); free(p); return 0; }`));
    expect(run.output).toBe("panic: free: heap overflow: bytes written past the end of the block\n");
    expect(run.exitCode).toBe(134);
    expect(run.events).toEqual([1, 2]);
  });

  it("heap_check finds an overflow", async () => {
    const run = await bootInV86(buildImage(`#include <stdlib.h>
#include <unikernel.h>
int main(void) { char *p = malloc(32); malloc(8); p[32] = 0; heap_check(); return 0; }`));
    expect(run.output).toBe("panic: heap_check: heap overflow: bytes written past the end of a block\n");
    expect(run.exitCode).toBe(134);
  });

  it("overwritten header panics", async () => {
    const run = await bootInV86(buildImage(`#include <stdlib.h>
int main(void) { int *p = malloc(16); p[-2] = 0; free(p); return 0; }`));
    expect(run.output).toBe("panic: free: pointer not returned by malloc or heap corrupted\n");
    expect(run.exitCode).toBe(134);
  });

  it("freed memory is junk-filled", async () => {
    const run = await bootInV86(buildImage(`#include <stdio.h>
#include <stdlib.h>
int main(void) { volatile unsigned char *p = malloc(64); p[40] = 7; free((void *)p); printf("%d %d\\n", p[0], p[40]); return 0; }`));
    expect(run.output).toBe("1 1\n");
  });

  it("abort differs from exit(134) by the panic event", async () => {
    const aborted = await bootInV86(buildImage(`#include <stdlib.h>
int main(void) { abort(); }`));
    const exited = await bootInV86(buildImage(`#include <stdlib.h>
int main(void) { exit(134); }`));
    expect(aborted.exitCode).toBe(134);
    expect(exited.exitCode).toBe(134);
    expect(aborted.events).toEqual([1, 2]);
    expect(exited.events).toEqual([1]);
    expect(aborted.faultEip).toBeDefined();
    expect(exited.faultEip).toBeUndefined();
  });

  it("_Exit skips atexit", async () => {
    const run = await bootInV86(buildImage(`#include <stdio.h>
#include <stdlib.h>
static void handler(void) { puts("handler"); }
int main(void) { atexit(handler); _Exit(9); }`));
    expect(run.output).toBe("");
    expect(run.exitCode).toBe(9);
  });
});

describe.skipIf(gccMissing !== undefined)("math.h constants", () => {
  it("NAN and INFINITY with gcc", async () => {
    const run = await bootInV86(buildImage(`#include <math.h>
#include <stdio.h>
int main(void) { printf("%d %d %d %g %g\\n", isnan(NAN), isinf(-INFINITY), isfinite(HUGE_VAL), INFINITY, M_PI); return 0; }`));
    expect(run.output).toBe("1 1 0 inf 3.14159\n");
  });
});

describe.skipIf(gccMissing !== undefined)("pci", () => {
  it("scan finds v86's host bridge and VGA", async () => {
    const run = await bootInV86(buildImage(`#include <stdio.h>
#include <unikernel.h>
int main(void)
{
  struct pci_device d[16];
  int n = pci_scan(d, 16), i;
  for (i = 0; i < n && i < 16; i++)
    printf("%02x:%02x.%d %04x:%04x %02x.%02x\\n", d[i].bus, d[i].device, d[i].function, d[i].vendor_id, d[i].device_id,
           d[i].class_code, d[i].subclass);
  printf("id %08x\\n", pci_config_read(0, 0, 0, 0));
  return 0;
}`));
    const lines = run.output.split("\n");
    // i440FX host bridge and the Bochs VGA adapter, as v86 0.5 emulates them.
    expect(lines[0]).toBe("00:00.0 8086:1237 06.00");
    expect(lines).toContain("00:12.0 1234:1111 03.00");
    expect(lines).toContain("id 12378086");
  });
});
