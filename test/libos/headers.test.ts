// Compiles an app that includes every library OS header with our own C
// compiler, which lacks typedef, long long and attributes: the headers must
// stay inside the subset it parses.
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
  bool b = true;
  char *p = malloc(10);
  int values[3];
  assert(n > 0);
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
