// exit: 0
#include <stdarg.h>
#include <stdio.h>

/* The same builtins gcc provides, used directly so that both compilers take this path. */
typedef __builtin_va_list builtin_list;

static int sum_ints(int count, ...) {
  va_list ap;
  va_start(ap, count);
  int total = 0;
  for (int i = 0; i < count; i++) total += va_arg(ap, int);
  va_end(ap);
  return total;
}

static long long sum_mixed(const char *format, ...) {
  builtin_list ap;
  __builtin_va_start(ap, format);
  long long total = 0;
  for (const char *f = format; *f; f++) {
    switch (*f) {
    case 'i': total += __builtin_va_arg(ap, int); break;
    case 'l': total += __builtin_va_arg(ap, long long); break;
    case 'd': total += (long long)(__builtin_va_arg(ap, double) * 100); break;
    case 'c': total += __builtin_va_arg(ap, int); break;
    case 'p': total += *__builtin_va_arg(ap, int *); break;
    }
  }
  __builtin_va_end(ap);
  return total;
}

struct pair { int a; char b; };
struct big { int v[5]; };

static int structs(int n, ...) {
  builtin_list ap, copy;
  __builtin_va_start(ap, n);
  __builtin_va_copy(copy, ap);
  int total = 0;
  for (int i = 0; i < n; i++) {
    struct pair p = __builtin_va_arg(ap, struct pair);
    total += p.a * 10 + p.b;
  }
  struct pair first = __builtin_va_arg(copy, struct pair);
  total += first.a * 1000;
  __builtin_va_end(copy);
  __builtin_va_end(ap);
  return total;
}

static int big_struct(int tag, ...) {
  builtin_list ap;
  __builtin_va_start(ap, tag);
  struct big b = __builtin_va_arg(ap, struct big);
  int after = __builtin_va_arg(ap, int);
  __builtin_va_end(ap);
  return tag + b.v[0] + b.v[4] * 100 + after * 1000;
}

static void forward(char *out, int size, const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  vsnprintf(out, size, format, ap);
  va_end(ap);
}

static double average(int count, ...) {
  builtin_list ap;
  __builtin_va_start(ap, count);
  double sum = 0;
  for (int i = 0; i < count; i++) sum += __builtin_va_arg(ap, double);
  __builtin_va_end(ap);
  return count ? sum / count : 0;
}

static int char_last(char last, ...) {
  builtin_list ap;
  __builtin_va_start(ap, last);
  int v = __builtin_va_arg(ap, int);
  __builtin_va_end(ap);
  return last + v;
}

static int max_of(int first, ...) {
  builtin_list ap;
  __builtin_va_start(ap, first);
  int best = first;
  for (int v = __builtin_va_arg(ap, int); v >= 0; v = __builtin_va_arg(ap, int)) {
    if (v > best) best = v;
  }
  __builtin_va_end(ap);
  return best;
}

typedef int (*variadic_fn)(int, ...);

static long double sum_long_doubles(int count, ...) {
  builtin_list ap;
  __builtin_va_start(ap, count);
  long double total = 0;
  for (int i = 0; i < count; i++) total += __builtin_va_arg(ap, long double);
  __builtin_va_end(ap);
  return total;
}

/* Takes a list that the caller started, as vprintf does. */
static int count_until_zero(builtin_list ap) {
  int n = 0;
  while (__builtin_va_arg(ap, int) != 0) n++;
  return n;
}

static int twice_through(int first, ...) {
  builtin_list ap, again;
  __builtin_va_start(ap, first);
  __builtin_va_copy(again, ap);
  int counted = count_until_zero(ap);
  int sum = first;
  for (int v = __builtin_va_arg(again, int); v != 0; v = __builtin_va_arg(again, int)) sum += v;
  __builtin_va_end(again);
  __builtin_va_end(ap);
  return counted * 1000 + sum;
}

static struct pair make_pair(int count, ...) {
  builtin_list ap;
  __builtin_va_start(ap, count);
  struct pair p = { 0, 0 };
  for (int i = 0; i < count; i++) {
    p.a += __builtin_va_arg(ap, int);
    p.b += (char)__builtin_va_arg(ap, int);
  }
  __builtin_va_end(ap);
  return p;
}

static unsigned long long pick_nth(int n, ...) {
  builtin_list ap;
  __builtin_va_start(ap, n);
  unsigned long long v = 0;
  for (int i = 0; i <= n; i++) v = __builtin_va_arg(ap, unsigned long long);
  __builtin_va_end(ap);
  return v;
}

int main(void) {
  printf("sum0 %d\n", sum_ints(0));
  printf("sum3 %d\n", sum_ints(3, 1, 2, 3));
  printf("sum8 %d\n", sum_ints(8, 1, -2, 3, -4, 5, -6, 7, -8));
  int x = 77;
  printf("mixed %lld\n", sum_mixed("ildcp", 5, 1LL << 40, 2.5, 'A', &x));
  printf("mixed float %lld\n", sum_mixed("dd", 1.25f, 0.5));
  struct pair p1 = { 1, 2 }, p2 = { 3, 4 };
  printf("structs %d\n", structs(2, p1, p2));
  struct big b = { { 1, 2, 3, 4, 5 } };
  printf("big struct %d\n", big_struct(7, b, 9));
  char text[64];
  forward(text, sizeof text, "%d-%s-%c-%lld", 42, "str", 'z', -5LL);
  printf("forward %s\n", text);
  forward(text, 8, "%s", "truncated output");
  printf("forward short %s\n", text);
  printf("average %f\n", average(4, 1.0, 2.0, 3.5, 4.5));
  printf("char last %d\n", char_last('a', 1));
  printf("max %d\n", max_of(3, 9, 4, 12, 7, -1));
  variadic_fn fn = sum_ints;
  printf("pointer %d\n", fn(2, 40, 2));
  short s = -3;
  unsigned char uc = 250;
  _Bool flag = 1;
  printf("promoted %d\n", sum_ints(3, s, uc, flag));
  printf("long doubles %.4f\n", (double)sum_long_doubles(3, 1.5L, 0.25L, (long double)-4));
  printf("twice %d\n", twice_through(1, 2, 3, 4, 0, 99));
  struct pair made = make_pair(3, 10, 'a', 20, 'b', 30, 1);
  printf("struct result %d %d\n", made.a, made.b);
  printf("nth %llu %llx\n", pick_nth(0, 5ULL, 6ULL), pick_nth(2, 1ULL, 2ULL, 0xfedcba9876543210ULL));
  printf("nested call %d\n", sum_ints(2, sum_ints(2, 1, 2), max_of(1, 5, -1)));
  printf("float promotion %f\n", average(2, 1.5f, (float)2.5));
  return 0;
}
