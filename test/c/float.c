// exit: 0
#include <stdio.h>

static double g_d = 3.141592653589793;
static float g_f = -2.5f;
static long double g_ld = 1.0L / 4;
static double g_arr[3] = { 1e10, -0.125, 6.02214076e23 };
static float g_half = 1 / 2.0f;
static int g_trunc = (int)7.9;
static double g_from_int = 7 / 2;

static double square(double x) { return x * x; }
static float halve(float x) { return x / 2; }
static long double third(long double x) { return x / 3; }
static double sum(int n, const double *v) {
  double s = 0;
  for (int i = 0; i < n; i++) s += v[i];
  return s;
}
static double mixed_args(int a, double b, float c, long long d, long double e) {
  return a + b + c + d + (double)e;
}

static void arithmetic(void) {
  double a = 1.5, b = -2.25;
  printf("add %f\n", a + b);
  printf("sub %f\n", a - b);
  printf("mul %f\n", a * b);
  printf("div %f\n", a / b);
  printf("neg %f\n", -a);
  printf("chain %f\n", (a + b) * (a - b) / (b - 1));
  printf("square %f\n", square(1.1));
  float f = 10;
  printf("float div %f\n", halve(f));
  printf("float mul %f\n", f * 0.1f);
  long double ld = 10;
  printf("long double %f\n", (double)third(ld));
  printf("globals %f %f %f %g %g %g\n", g_d, g_f, (double)g_ld, g_arr[0], g_arr[1], g_arr[2]);
  printf("constant folds %f %d %f\n", g_half, g_trunc, g_from_int);
  double v[4] = { 0.5, 0.25, 0.125, 0.0625 };
  printf("sum %f\n", sum(4, v));
  printf("mixed args %f\n", mixed_args(1, 2.5, 0.25f, 1000000000000LL, 0.125L));
  double acc = 1;
  acc += 2;
  acc *= 3;
  acc -= 0.5;
  acc /= 4;
  printf("compound %f\n", acc);
  acc++;
  printf("inc %f\n", acc);
  acc--;
  --acc;
  printf("dec %f\n", acc);
}

static void comparisons(void) {
  double v[] = { -1.5, 0, 0.5, 2 };
  for (int i = 0; i < 4; i++) {
    for (int j = 0; j < 4; j++) {
      printf("cmp %d %d: %d%d%d%d%d%d\n", i, j, v[i] < v[j], v[i] <= v[j], v[i] > v[j], v[i] >= v[j], v[i] == v[j], v[i] != v[j]);
    }
  }
  double zero = 0;
  double nan = zero / zero;
  printf("nan %d%d%d%d%d%d\n", nan < 1, nan <= 1, nan > 1, nan >= 1, nan == nan, nan != nan);
  printf("nan truth %d %d\n", !nan, nan ? 1 : 0);
  double inf = 1 / zero;
  printf("inf %f %f %d\n", inf, -inf, inf > 1e308);
  if (0.1) printf("truth ok\n");
  if (!0.0) printf("zero false ok\n");
  printf("logical %d %d\n", 0.5 && 2.0, 0.0 || 0.0);
  int n = 0;
  for (double x = 1; x < 1000; x *= 1.5) n++;
  printf("loop %d\n", n);
  float f = 0.1f;
  printf("float vs double %d %d\n", f == 0.1, f == 0.1f);
}

static void conversions(void) {
  double d = -7.9;
  printf("to int %d %d\n", (int)d, (int)-d);
  printf("to short %d to char %d\n", (short)1234.7, (signed char)-100.2);
  printf("to unsigned %u\n", (unsigned)3000000000.5);
  printf("to long long %lld %lld\n", (long long)1e15, (long long)-123456789012.9);
  printf("to unsigned long long %llu %llu\n", (unsigned long long)1e19, (unsigned long long)12345.6);
  printf("to bool %d %d %d\n", (_Bool)0.0, (_Bool)0.001, (_Bool)-2.0);
  int i = -42;
  unsigned u = 4000000000u;
  long long ll = -9007199254740993LL;
  unsigned long long ull = 18446744073709551615ULL;
  printf("from int %f %f\n", (double)i, (double)u);
  printf("from long long %f %f\n", (double)ll, (double)ull);
  printf("to float %f %f\n", (float)16777217, (float)0.1);
  printf("float to double %.10f\n", (double)(float)0.1);
  printf("double to float %.10f\n", (float)3.14159265358979);
  char c = 'A';
  printf("char %f\n", c + 0.5);
  float from_ll = ll;
  printf("float from ll %f\n", from_ll);
  double big = 1e300;
  printf("float overflow %f\n", (float)big);
  int rounding = 2.5 + 0.4999;
  printf("implicit %d\n", rounding);
  printf("sizeof %u %u %u\n", (unsigned)sizeof(float), (unsigned)sizeof(double), (unsigned)sizeof(long double));
  printf("sizeof expr %u %u\n", (unsigned)sizeof(1.0f + 1), (unsigned)sizeof(1 + 1.0L));
}

struct point { float x; double y; long double z; char tag; };

static struct point make(float x, double y) {
  struct point p = { x, y, x * y, 'p' };
  return p;
}

static void layout(void) {
  struct point p = make(1.5f, -4);
  printf("struct %u %f %f %f %c\n", (unsigned)sizeof p, p.x, p.y, (double)p.z, p.tag);
  printf("offsets %d %d %d\n", (int)((char *)&p.y - (char *)&p), (int)((char *)&p.z - (char *)&p), (int)((char *)&p.tag - (char *)&p));
  double m[2][2] = { { 1, 2 }, { 3, 4 } };
  double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
  printf("det %f\n", det);
  double *q = &m[1][0];
  *q += 0.5;
  printf("pointer %f\n", m[1][0]);
}

static double one_third(void) { double one = 1; return one / 3; }
static double tenth(void) { double one = 1; return one / 10; }
static float ftenth(void) { float one = 1; return one / 10; }

/* Intermediate results keep 80 bits on the x87, except across a call, where gcc -O0 rounds them to their type. */
static void precision(void) {
  double a = one_third() * 3 - 1;
  double b = one_third() + tenth() * 7;
  double c = tenth() + one_third();
  double s = 0;
  for (int i = 0; i < 1000; i++) s = s + tenth() * one_third();
  float fs = 0;
  for (int i = 0; i < 1000; i++) fs = fs + ftenth() * 3;
  printf("precision %.20e %.20e %.20e\n", a, b, c);
  printf("precision sums %.20e %.20e\n", s, fs);
  printf("precision compare %d %d\n", one_third() * 3 == 1.0, tenth() * 10 - 1 == 0);
  volatile long long big = -4294934529LL;
  volatile float small = 0.0025f;
  volatile int odd = 16777217;
  printf("precision int to float %lld %lld\n", (long long)(small - big), (long long)(small + odd));
  printf("precision constants %.1f %.1f\n", small + 16777217, (double)(float)16777217);
  volatile unsigned long long huge = 18446744073709551557ULL;
  printf("precision unsigned long long %.1f\n", huge + 0.5);
  double x = 0.1, y = 0.2, z = 0.3;
  printf("precision registers %d %d %.20e\n", x + y == z, (x + y) - z == 0, (x + y) - z);
}

static long double g_tenth = 0.1L, g_minus = -1.1L;
static long double g_pi = 3.14159265358979323846264338327950288L;

/* Long double constants keep all 64 bits of the x87 mantissa. */
static void long_double_constants(void) {
  long double x = 0.1L;
  printf("long double %.20e %.20e\n", (double)(x * 3), (double)(x * 3 - 0.3L));
  printf("long double globals %.20e %.20e %.20e\n", (double)(g_tenth * 10 - 1), (double)(g_minus + 1.1L),
         (double)(g_pi * 1e10L - 31415926535.0L));
  printf("long double compare %d %d\n", 0.1L == 0.1, (long double)0.1L == x);
  printf("long double negative %.20e\n", (double)((-0.1L) * 7 + 0.7L));
}

static double g_inf = __builtin_inf(), g_nan = __builtin_nan("");
static float g_inff = __builtin_inff(), g_nanf = __builtin_nanf("");
static long double g_infl = __builtin_infl();

/* gcc's builtins for infinity and NaN; extended range: 1e300 * 1e300 stays finite in an x87 register. */
static void special_values(void) {
  double inf = __builtin_huge_val(), nan = __builtin_nan("");
  float nf = __builtin_nanf("");
  long double nl = __builtin_nanl("");
  printf("special %f %f %f %f %f\n", inf, -inf, nan, (double)nf, (double)nl);
  printf("special compare %d %d %d %d\n", nan != nan, nf == nf, inf > 1e308, __builtin_huge_valf() > 3e38f);
  printf("special globals %f %f %f %f %f %d\n", g_inf, g_nan, g_inff, g_nanf, (double)g_infl, g_nan != g_nan);
  unsigned char *bytes = (unsigned char *)&nan;
  printf("special nan bits %02x%02x %02x\n", bytes[7], bytes[6], ((unsigned char *)&nf)[3]);
  volatile double big = 1e300;
  double extended = (big * big) / 1e300;
  double stored = big * big;
  printf("special range %g %g %g\n", extended, stored, 0.0 * (1e300 * 1e300));
}

static void formatting(void) {
  printf("%e %E\n", 12345.678, 0.000123);
  printf("%g %g %g\n", 100000.0, 1000000.0, 0.0001);
  printf("%.3f %10.2f %-8.1f|\n", 2.0 / 3, 3.14159, 2.5);
  printf("%+f %f\n", 1.0, -0.0);
}

int main(void) {
  arithmetic();
  comparisons();
  conversions();
  layout();
  precision();
  long_double_constants();
  special_values();
  formatting();
  return 0;
}
