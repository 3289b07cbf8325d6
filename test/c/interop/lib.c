/* The library half of the interop test. */
#include <stdarg.h>
#include "interop.h"

int lib_calls;

struct vec lib_scale(struct vec v, double k) {
  lib_calls++;
  struct vec r = { v.x * k, v.y * k };
  return r;
}

struct record lib_make_record(char tag, long long id, float weight) {
  lib_calls++;
  struct record r = { tag, id, weight, { 1, -2, 3 } };
  return r;
}

long long lib_sum(int count, ...) {
  va_list ap;
  va_start(ap, count);
  long long total = 0;
  for (int i = 0; i < count; i++) total += va_arg(ap, long long);
  va_end(ap);
  lib_calls++;
  return total;
}

double lib_average(const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  double sum = 0;
  int n = 0;
  for (const char *t = types; *t; t++, n++) {
    if (*t == 'i') sum += va_arg(ap, int);
    else if (*t == 'd') sum += va_arg(ap, double);
    else if (*t == 'l') sum += (double)va_arg(ap, long long);
    else if (*t == 'r') sum += app_weigh(va_arg(ap, struct record));
  }
  va_end(ap);
  lib_calls++;
  return n ? sum / n : 0;
}

struct vec lib_map_twice(vec_map map, struct vec v, double k) {
  lib_calls++;
  return map(map(v, k), k);
}

long long lib_fold(fold_fn fn, const int *values, int count, long long start) {
  lib_calls++;
  for (int i = 0; i < count; i++) start = fn(start, values[i]);
  return start;
}

void lib_sort(int *values, int count, compare_fn compare) {
  lib_calls++;
  for (int i = 1; i < count; i++) {
    int v = values[i];
    int j = i - 1;
    while (j >= 0 && compare(&values[j], &v) > 0) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = v;
  }
}

struct flags lib_toggle(struct flags f) {
  lib_calls++;
  f.ready = !f.ready;
  f.mode = f.mode + 3;
  f.level = -f.level;
  return f;
}

struct big lib_reverse(struct big b) {
  lib_calls++;
  struct big r;
  for (int i = 0; i < 12; i++) r.values[i] = b.values[11 - i];
  return r;
}

unsigned long long lib_mix(unsigned long long a, unsigned char shift, long double scale) {
  lib_calls++;
  return (a << shift) + (unsigned long long)(scale * 1000);
}

int lib_call_logger(int value) {
  lib_calls++;
  return app_log("lib says %d %lld %.2f %s\n", value, (long long)value << 33, value / 8.0, "done");
}
