// exit: 0
#include <stdio.h>

struct one { char c; };
struct two { short s; };
struct three { char a, b, c; };
struct small { int x, y; };
struct big { int v[9]; double d; };
struct mixed { char c; long long ll; float f; };
struct fp { float f; };
struct dp { double d; };

static struct one make_one(char c) { struct one r = { c }; return r; }
static struct two make_two(short s) { struct two r = { s }; return r; }
static struct three make_three(int base) { struct three r = { base, base + 1, base + 2 }; return r; }
static struct small make_small(int x, int y) { struct small r = { x, y }; return r; }
static struct big make_big(int seed) {
  struct big r;
  for (int i = 0; i < 9; i++) r.v[i] = seed * i;
  r.d = seed / 4.0;
  return r;
}
static struct mixed make_mixed(char c, long long ll, float f) { struct mixed m = { c, ll, f }; return m; }
static struct fp make_fp(float f) { struct fp r = { f }; return r; }
static struct dp make_dp(double d) { struct dp r = { d }; return r; }

static int sum_small(struct small s) { return s.x + s.y; }
static int sum_big(struct big b) {
  int s = 0;
  for (int i = 0; i < 9; i++) s += b.v[i];
  return s + (int)b.d;
}
static long long mixed_total(int before, struct mixed m, int after) { return before + m.c + m.ll + (long long)m.f + after; }
static int chars(struct one a, struct three b, struct two c) { return a.c * 1000000 + b.a * 10000 + b.c * 100 + c.s; }
static struct small swap(struct small s) { struct small r = { s.y, s.x }; return r; }
static struct big modify(struct big b) {
  b.v[0] = 99;
  return b;
}

typedef struct small (*maker)(int, int);

/* Every size from 1 to 12 bytes goes through the hidden result pointer on i386 Linux. */
#define SIZED(n) \
  struct s##n { unsigned char b[n]; }; \
  static struct s##n make_s##n(int seed) { \
    struct s##n r; \
    for (int i = 0; i < n; i++) r.b[i] = (unsigned char)(seed + i * 7); \
    return r; \
  } \
  static int sum_s##n(struct s##n v, int extra) { \
    int t = extra; \
    for (int i = 0; i < n; i++) t += v.b[i] * (i + 1); \
    return t; \
  }
SIZED(1) SIZED(2) SIZED(3) SIZED(4) SIZED(5) SIZED(6) SIZED(7) SIZED(8) SIZED(9) SIZED(12)

struct nested { struct small a; struct one b; double d; struct three c; };
struct bits { unsigned a : 3, b : 9; int c : 5; };

static struct nested make_nested(int k) {
  struct nested n = { { k, -k }, { 'n' }, k / 8.0, { 'x', 'y', 'z' } };
  return n;
}
static struct bits flip_bits(struct bits v) {
  struct bits r = { v.a ^ 7, v.b + 1, -v.c };
  return r;
}
static struct small nested_args(struct nested n, struct bits b, struct small s) {
  struct small r = { n.a.x + b.b + s.x, n.c.c + b.c + s.y };
  return r;
}

int main(void) {
  printf("sizes %u %u %u %u %u %u\n", (unsigned)sizeof(struct one), (unsigned)sizeof(struct two),
         (unsigned)sizeof(struct three), (unsigned)sizeof(struct big), (unsigned)sizeof(struct mixed),
         (unsigned)sizeof(struct dp));
  printf("one %c\n", make_one('z').c);
  printf("two %d\n", make_two(-300).s);
  struct three t = make_three(65);
  printf("three %c%c%c\n", t.a, t.b, t.c);
  struct small s = make_small(3, 4);
  printf("small %d %d %d\n", s.x, s.y, sum_small(s));
  printf("small direct %d\n", sum_small(make_small(10, 20)));
  struct big b = make_big(8);
  printf("big %d %d %f %d\n", b.v[1], b.v[8], b.d, sum_big(b));
  struct big b2 = modify(b);
  printf("by value %d %d\n", b.v[0], b2.v[0]);
  struct mixed m = make_mixed('a', 1LL << 40, 2.5f);
  printf("mixed %c %lld %f %lld\n", m.c, m.ll, m.f, mixed_total(1, m, 2));
  printf("chars %d\n", chars(make_one(1), make_three(2), make_two(3)));
  printf("fp %f dp %f\n", make_fp(1.25f).f, make_dp(-0.5).d);
  struct small sw = swap(swap(swap(s)));
  printf("swap %d %d\n", sw.x, sw.y);
  maker f = make_small;
  struct small via = f(5, 6);
  printf("pointer %d %d\n", via.x, via.y);
  struct small arr[3];
  for (int i = 0; i < 3; i++) arr[i] = make_small(i, i * i);
  arr[0] = arr[2];
  printf("array %d %d %d\n", arr[0].y, arr[1].y, arr[2].x);
  struct small *p = &arr[1];
  *p = swap(*p);
  printf("through pointer %d %d\n", arr[1].x, arr[1].y);
  struct small c1 = s, c2;
  c2 = c1 = make_small(7, 8);
  printf("chain %d %d\n", c1.x, c2.y);
  int cond = 1;
  struct small pick = cond ? s : c1;
  printf("conditional %d\n", pick.x);
  printf("member of call %d\n", make_big(2).v[3]);
  printf("sized 1 %d %d\n", sum_s1(make_s1(3), 1), make_s1(9).b[0]);
  printf("sized 2 %d %d\n", sum_s2(make_s2(3), 1), make_s2(9).b[1]);
  printf("sized 3 %d %d\n", sum_s3(make_s3(3), 1), make_s3(9).b[2]);
  printf("sized 4 %d %d\n", sum_s4(make_s4(3), 1), make_s4(9).b[3]);
  printf("sized 5 %d %d\n", sum_s5(make_s5(3), 1), make_s5(9).b[4]);
  printf("sized 6 %d %d\n", sum_s6(make_s6(3), 1), make_s6(9).b[5]);
  printf("sized 7 %d %d\n", sum_s7(make_s7(3), 1), make_s7(9).b[6]);
  printf("sized 8 %d %d\n", sum_s8(make_s8(3), 1), make_s8(9).b[7]);
  printf("sized 9 %d %d\n", sum_s9(make_s9(3), 1), make_s9(9).b[8]);
  printf("sized 12 %d %d\n", sum_s12(make_s12(3), 1), make_s12(9).b[11]);
  struct nested n = make_nested(16);
  printf("nested %d %d %c %f %c%c%c %u\n", n.a.x, n.a.y, n.b.c, n.d, n.c.a, n.c.b, n.c.c, (unsigned)sizeof n);
  struct bits bv = { 5, 300, -9 };
  struct bits bf = flip_bits(bv);
  printf("bits %u %u %d\n", bf.a, bf.b, bf.c);
  struct small combined = nested_args(make_nested(3), flip_bits(bv), make_small(100, 200));
  printf("nested args %d %d\n", combined.x, combined.y);
  printf("inline %d\n", sum_small((struct small){ 4, 5 }) + sum_small(swap(make_small(6, 7))));
  return 0;
}
