// exit: 0
#include <stdio.h>

#define SHOW(e) printf("%-40s size %u value %lld\n", #e, (unsigned)sizeof(e), (long long)(e))
#define SIGNED(e) printf("%-40s %s\n", #e, (e) - (e) - 1 < 0 ? "signed" : "unsigned")

static _Bool to_bool(int v) { return v; }

int main(void) {
  signed char sc = -1;
  unsigned char uc = 255;
  short ss = -32768;
  unsigned short us = 65535;
  int si = -1;
  unsigned ui = 1;
  long sl = -2;
  unsigned long ul = 3;
  long long sll = -4;
  unsigned long long ull = 5;
  char c = '\xff';

  /* Integer promotions: everything narrower than int computes as int. */
  SHOW(uc + uc);
  SHOW(sc + uc);
  SHOW(us + us);
  SHOW(ss - us);
  SHOW(~uc);
  SHOW(-us);
  SHOW(uc << 24);
  SHOW(c);
  SHOW(c == -1);
  SHOW(+sc);
  SIGNED(uc);
  SIGNED(us);
  SIGNED(c);
  SIGNED(sc * uc);

  /* Usual arithmetic conversions. */
  SHOW(si < ui);
  SHOW(si + ui);
  SHOW(sl < ul);
  SHOW(si * ul);
  SHOW(sll < ui);
  SHOW(si < ull);
  SHOW(sll + ui);
  SHOW(ui - 2);
  SHOW(ul - 4);
  SHOW(-1 < 0u);
  SHOW(-1L < 0u);
  SHOW(-1LL < 0u);
  SHOW(0u - 1 > 0);
  SIGNED(si + ui);
  SIGNED(sl + ui);
  SIGNED(sll + ui);
  SIGNED(sll + ull);
  SIGNED(ul + sll);
  SIGNED(us + si);
  SIGNED(uc * ui);

  /* Shifts take the promoted left operand's type. */
  SHOW(1 << 31);
  SHOW(1u << 31);
  SHOW(uc << 1);
  SHOW(si >> 1);
  SHOW(ui << 31 >> 31);
  SHOW(-16 >> 2);
  SHOW(0x80000000 >> 4);
  SHOW(1LL << 40);
  SHOW(ui << 1LL);
  SIGNED(1 << 2LL);

  /* Division and remainder truncate toward zero. */
  SHOW(-7 / 2);
  SHOW(-7 % 2);
  SHOW(7 / -2);
  SHOW(7 % -2);
  SHOW(-7 / 2u);
  SHOW(-7LL / 2);

  /* Conversion on assignment wraps modulo 2^N for unsigned, keeps the low bits for signed. */
  unsigned char wrap = 300;
  signed char low = 200;
  unsigned short back = -1;
  short trunc = 0x12345;
  unsigned from_neg = -5;
  long long sign_ext = (int)0x80000000;
  unsigned long long zero_ext = 0x80000000u;
  printf("assign %d %d %d %d %u %lld %llu\n", wrap, low, back, trunc, from_neg, sign_ext, zero_ext);

  /* _Bool: any nonzero value converts to 1. */
  _Bool b1 = 256, b2 = 0.5, b3 = -1, b4 = 0;
  _Bool b5 = &si;
  printf("bool %d %d %d %d %d %d\n", b1, b2, b3, b4, b5, to_bool(0x100));
  _Bool flag = 1;
  flag += 1;
  printf("bool add %d\n", flag);
  flag = 0;
  flag--;
  printf("bool dec %d\n", flag);
  SHOW(flag + flag);
  SIGNED(flag);

  /* Compound assignment computes in the common type, then converts back. */
  unsigned char acc = 250;
  acc += 10;
  printf("uc acc %d\n", acc);
  short sacc = 100;
  sacc *= 1000;
  printf("short acc %d\n", sacc);
  int iacc = 10;
  iacc *= 2.5;
  printf("int acc %d\n", iacc);
  iacc /= 0.3;
  printf("int div acc %d\n", iacc);
  unsigned uacc = 5;
  uacc -= 10;
  printf("unsigned acc %u\n", uacc);
  char cacc = 'a';
  cacc -= 32;
  printf("char acc %c\n", cacc);
  long long llacc = 1;
  llacc <<= 62;
  llacc += llacc - 1;
  printf("ll acc %lld\n", llacc);

  /* Increment and decrement keep the object's type. */
  unsigned char inc = 255;
  inc++;
  signed char dec = -128;
  dec--;
  unsigned short pre = 0;
  --pre;
  printf("incdec %d %d %d\n", inc, dec, pre);

  /* The conditional operator converts both arms to their common type. */
  SHOW(1 ? si : ui);
  SHOW(0 ? 1 : sll);
  SHOW(1 ? uc : sc);
  SHOW(1 ? 1 : 2.0);
  SIGNED(1 ? si : ui);
  SIGNED(1 ? sc : uc);

  /* Integer constants take the first type that holds them. */
  SHOW(2147483647);
  SHOW(2147483648);
  SHOW(4294967295);
  SHOW(0xffffffff);
  SHOW(0x7fffffff);
  SHOW(4294967296);
  SHOW(0xffffffffffffffff);
  SHOW('a');
  SHOW(10u);
  SHOW(10l);
  SIGNED(2147483648);
  SIGNED(0x80000000);
  SIGNED(4294967296);
  SIGNED(0xffffffffffffffff);

  /* Pointers and integers. */
  int arr[10];
  int *p = arr + 7, *q = arr + 2;
  SHOW(p - q);
  SHOW(q - p);
  SHOW((char *)p - (char *)q);
  SHOW(p > q);
  SHOW(!p);
  SHOW(p != 0);
  SHOW(&arr[5] - arr);
  long long idx = 3;
  SHOW(*(arr + idx) = 9);
  SHOW(arr[idx]);
  unsigned char small_idx = 4;
  arr[small_idx] = 11;
  SHOW(arr[small_idx]);

  /* Comparisons yield int. */
  SHOW(1.5 < 2);
  SHOW(ull > sll);
  SHOW(sizeof(1 < 2));
  SHOW(!0);
  SHOW(!5LL);
  SHOW(3 && 0.1);
  SHOW(0 || sll);
  return 0;
}
