// exit: 0
#include <stdio.h>

static const char *dense(int v) {
  switch (v) {
  case 0: return "zero";
  case 1: return "one";
  case 2: return "two";
  case 3: return "three";
  case 4: return "four";
  case 6: return "six";
  case 7: return "seven";
  default: return "other";
  }
}

static int sparse(int v) {
  switch (v) {
  case -1000000: return 1;
  case 5: return 2;
  case 1 << 20: return 3;
  case 0x7fffffff: return 4;
  case -2147483647 - 1: return 5;
  }
  return 0;
}

static int fallthrough(int v) {
  int r = 0;
  switch (v) {
  case 1: r += 1;
  case 2: r += 10;
  case 3: r += 100; break;
  case 4: { r = 4; break; }
  default: r = -1;
  case 5: r *= 2;
  }
  return r;
}

static int negative_dense(int v) {
  switch (v) {
  case -3: return 30;
  case -2: return 20;
  case -1: return 10;
  case 0: return 0;
  case 1: return -10;
  default: return 99;
  }
}

static int unsigned_switch(unsigned v) {
  switch (v) {
  case 0xffffffffu: return 1;
  case 0: return 2;
  case 0x80000000u: return 3;
  default: return 4;
  }
}

static int char_switch(char c) {
  switch (c) {
  case 'a': case 'e': case 'i': case 'o': case 'u': return 1;
  case ' ': return 2;
  case '\n': return 3;
  case -1: return 4;
  default: return 0;
  }
}

static int wide_switch(long long v) {
  switch (v) {
  case 0: return 1;
  case 0x100000000LL: return 2;
  case -1: return 3;
  case 0x7fffffffffffffffLL: return 4;
  case 0xffffffffLL: return 5;
  default: return 6;
  }
}

static int nested(int a, int b) {
  switch (a) {
  case 0:
    switch (b) {
    case 0: return 0;
    case 1: return 1;
    }
    break;
  case 1:
    for (int i = 0; i < 10; i++) {
      switch (i) {
      case 3: continue;
      case 5: return 100 + i + b;
      }
    }
    break;
  }
  return -1;
}

static int duff(int count) {
  int n = (count + 3) / 4, total = 0;
  switch (count % 4) {
  case 0: do { total += 1;
  case 3: total += 1;
  case 2: total += 1;
  case 1: total += 1;
          } while (--n > 0);
  }
  return total;
}

static int goto_loop(int n) {
  int i = 0, sum = 0;
top:
  if (i >= n) goto done;
  sum += i;
  i++;
  goto top;
done:
  return sum;
}

static int goto_cleanup(int fail_at) {
  int steps = 0;
  if (fail_at == 1) goto fail1;
  steps += 1;
  if (fail_at == 2) goto fail2;
  steps += 10;
  return steps;
fail2:
  steps += 100;
fail1:
  steps += 1000;
  return steps;
}

static int goto_nested_break(void) {
  int found = -1;
  for (int i = 0; i < 10; i++)
    for (int j = 0; j < 10; j++)
      if (i * j == 42) {
        found = i * 10 + j;
        goto out;
      }
out:
  return found;
}

static int goto_into_block(int x) {
  goto inside;
  {
    x += 100;
  inside:
    x += 1;
  }
  return x;
}

/* GNU labels as values: a threaded interpreter with a static dispatch table. */
static int interpret(const unsigned char *code) {
  static void *dispatch[] = { &&op_halt, &&op_inc, &&op_double, &&op_print };
  int acc = 0;
  const unsigned char *pc = code;
  goto *dispatch[*pc++];
op_inc:
  acc++;
  goto *dispatch[*pc++];
op_double:
  acc *= 2;
  goto *dispatch[*pc++];
op_print:
  printf("interpret acc %d\n", acc);
  goto *dispatch[*pc++];
op_halt:
  return acc;
}

static int computed_local(int n) {
  void *where = n > 2 ? &&big : &&small;
  goto *where;
big:
  return n * 100;
small:
  return -n;
}

int main(void) {
  for (int i = -1; i < 9; i++) printf("dense %d %s\n", i, dense(i));
  int probes[] = { -1000000, 5, 1 << 20, 0x7fffffff, -2147483647 - 1, 6, 0 };
  for (int i = 0; i < 7; i++) printf("sparse %d %d\n", probes[i], sparse(probes[i]));
  for (int i = 0; i < 7; i++) printf("fallthrough %d %d\n", i, fallthrough(i));
  for (int i = -5; i < 3; i++) printf("negative %d %d\n", i, negative_dense(i));
  printf("unsigned %d %d %d %d\n", unsigned_switch(-1), unsigned_switch(0), unsigned_switch(0x80000000u), unsigned_switch(7));
  printf("char %d %d %d %d %d\n", char_switch('e'), char_switch(' '), char_switch('\n'), char_switch((char)255), char_switch('z'));
  long long wides[] = { 0, 0x100000000LL, -1, 0x7fffffffffffffffLL, 0xffffffffLL, 1, 0x1ffffffffLL };
  for (int i = 0; i < 7; i++) printf("wide %d %d\n", i, wide_switch(wides[i]));
  printf("nested %d %d %d %d\n", nested(0, 0), nested(0, 1), nested(0, 2), nested(1, 7));
  for (int i = 1; i < 10; i++) printf("duff %d %d\n", i, duff(i));
  printf("goto loop %d\n", goto_loop(10));
  printf("goto cleanup %d %d %d\n", goto_cleanup(0), goto_cleanup(1), goto_cleanup(2));
  printf("goto nested %d\n", goto_nested_break());
  printf("goto into block %d\n", goto_into_block(5));
  int c = 0;
  int x = (c++, c++, c * 10);
  printf("comma %d %d\n", x, c);
  for (int i = 0, j = 10; i < j; i += 3, j -= 3) printf("comma loop %d %d\n", i, j);
  const unsigned char program[] = { 1, 1, 2, 3, 2, 1, 3, 0 };
  printf("interpret result %d\n", interpret(program));
  printf("computed %d %d\n", computed_local(1), computed_local(5));
  return 0;
}
