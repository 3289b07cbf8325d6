// Compiles an app that includes every library OS header with our own C
// compiler: the headers must stay inside the C it parses, and its __UKP__
// branches must give the same types as gcc's.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { compileToAssembly } from "../../src/builder/cc/index";
import { ROOT } from "./gcc-image";

const headers = JSON.parse(readFileSync(join(ROOT, "public/images/headers.json"), "utf8")) as Record<string, string>;

const APP = `${Object.keys(headers).map((name) => `#include <${name}>`).join("\n")}

int sum(int n, ...)
{
  va_list ap;
  int i, total = 0;
  va_start(ap, n);
  for (i = 0; i < n; i++)
    total += va_arg(ap, int);
  va_end(ap);
  return total;
}

int compare(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(int argc, char **argv)
{
  size_t n = strlen(argv[0]);
  uint32_t u = UINT32_MAX;
  int32_t i = INT32_MIN;
  int64_t wide = INT64_MAX;
  uint64_t wider = UINT64_MAX;
  long long ll = LLONG_MAX;
  bool b = true;
  va_list first, second;
  jmp_buf env;
  struct heap_stats stats;
  struct tm *now;
  div_t q = div(7, 2);
  char *p = malloc(10);
  int values[3];
  assert(n > 0);
  (void)first;
  (void)second;
  (void)env;
  (void)stats;
  now = gmtime(0);
  (void)now;
  _Static_assert(sizeof(int64_t) == 8 && sizeof(bool) == 1 && sizeof(size_t) == 4, "i386 type sizes");
  if (wide < 0 || wider == 0 || ll < 0 || q.quot != 3)
    return 1;
  printf("%d %u %d %d %s\\n", (int)n, u, i, b, p == NULL ? "null" : "ok");
  qsort(values, 3, sizeof(int), compare);
  fprintf(stderr, "%s", strtok(argv[0], "/"));
  outb(1, UK_PORT_EXIT);
  errno = ERANGE;
  if (isdigit('1'))
    puts("digit");
  return sum(3, 1, 2, 3) + INT_MAX + (int)offsetof(struct pair { int a; int b; }, b) + argc;
}
`;

describe("libos headers", () => {
  it("parse with our compiler", () => {
    const result = compileToAssembly({ fileName: "app.c", files: { "app.c": APP }, headers });
    const messages = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
    expect(messages).toEqual([]);
    expect(result.assembly).toContain("main:");
  });
});
