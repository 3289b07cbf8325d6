/* The application half of the interop test: main calls lib.c and passes it callbacks. */
#include <stdarg.h>
#include <stdio.h>
#include "interop.h"

struct record shared_record = { 's', 123456789012345LL, 0.75f, { 7, 8, 9 } };

int app_log(const char *format, ...) {
  char line[128];
  va_list ap;
  va_start(ap, format);
  int n = vsnprintf(line, sizeof line, format, ap);
  va_end(ap);
  printf("log: %s", line);
  return n;
}

struct vec app_rotate(struct vec v, double turns) {
  /* A quarter turn per unit of `turns`, exact for whole numbers. */
  int quarters = (int)turns & 3;
  for (int i = 0; i < quarters; i++) {
    struct vec r = { -v.y, v.x };
    v = r;
  }
  return v;
}

long long app_accumulate(long long acc, int value) {
  return acc * 3 + value;
}

int app_descending(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x < y) - (x > y);
}

float app_weigh(struct record r) {
  return r.weight * r.parts[0] + r.tag;
}

int main(void) {
  struct vec v = { 1.5, -2 };
  struct vec s = lib_scale(v, 4);
  printf("scale %.2f %.2f\n", s.x, s.y);
  struct record r = lib_make_record('r', -9876543210LL, 2.5f);
  printf("record %c %lld %.2f %d %d %d\n", r.tag, r.id, r.weight, r.parts[0], r.parts[1], r.parts[2]);
  printf("sum %lld\n", lib_sum(4, 1LL, -2LL, 1LL << 40, 0x7fffffffLL));
  printf("average %.4f\n", lib_average("idlr", 3, 2.5, 1000000000000LL, shared_record));
  struct vec m = lib_map_twice(app_rotate, v, 1);
  printf("map %.2f %.2f\n", m.x, m.y);
  struct vec plain = lib_map_twice(lib_scale, v, 0.5);
  printf("map own %.3f %.3f\n", plain.x, plain.y);
  int values[6] = { 5, -1, 12, 7, 0, 3 };
  printf("fold %lld\n", lib_fold(app_accumulate, values, 6, 1));
  lib_sort(values, 6, app_descending);
  printf("sorted %d %d %d %d %d %d\n", values[0], values[1], values[2], values[3], values[4], values[5]);
  struct flags f = { 1, 6, -7 };
  struct flags t = lib_toggle(f);
  printf("flags %u %u %d\n", t.ready, t.mode, t.level);
  struct big b;
  for (int i = 0; i < 12; i++) b.values[i] = i * i;
  struct big rb = lib_reverse(b);
  printf("reverse %d %d %d\n", rb.values[0], rb.values[6], rb.values[11]);
  printf("mix %llu\n", lib_mix(0x123456789ULL, 12, 2.125L));
  printf("logger %d\n", lib_call_logger(42));
  printf("shared %c %lld\n", shared_record.tag, shared_record.id);
  printf("calls %d\n", lib_calls);
  return 0;
}
