// exit: 0
#include <stdio.h>
#include <string.h>

struct flags {
  unsigned ready : 1;
  unsigned mode : 3;
  signed level : 4;
  unsigned : 0;
  unsigned count : 12;
  int delta : 7;
  unsigned char small : 2;
  _Bool on : 1;
};

struct packed_pair { short a : 9; short b : 9; char c; };
struct after_char { char a; int b : 25; };
struct zero_width { char a; int : 0; char b; };
struct unnamed { char c; int : 3; };
struct wide_unit { int a : 30; unsigned b : 2; int c : 31; };

struct pte {
  unsigned present : 1;
  unsigned writable : 1;
  unsigned user : 1;
  unsigned reserved : 9;
  unsigned frame : 20;
};

/* A GDT descriptor as OS tutorials declare it. */
struct __attribute__((packed)) gdt_entry {
  unsigned short limit_low, base_low;
  unsigned char base_mid, access;
  unsigned char limit_high : 4, flags : 4;
  unsigned char base_high;
};
struct __attribute__((packed)) packed_bits { char a; int b : 4; int c : 12; char d; };
struct __attribute__((packed)) packed_long { char a; int b : 31; };
struct __attribute__((packed)) packed_zero { char a; int : 0; char b; };

static struct gdt_entry g_gdt[2] = { { 0 }, { 0xffff, 0, 0, 0x9a, 0xf, 0xc, 0 } };
static struct packed_bits g_packed = { 1, -3, 1000, 9 };

struct wide_fields {
  unsigned long long a : 40;
  long long b : 20;
  unsigned long long c : 30;
  long long d : 33;
  int e : 3;
  unsigned long long f : 32;
};
struct __attribute__((packed)) packed_wide { char tag; unsigned long long value : 36; long long small : 12; };
// Wide fields whose storage units in a packed record are 5, 6, 7 and 8 bytes.
struct __attribute__((packed)) packed_units {
  long long five : 36;
  unsigned long long six : 44;
  long long seven : 51;
  unsigned long long eight : 61;
  char tail;
};
static struct packed_units g_units = { 2048, 0xabcdef01234ULL, -0x123456789abcLL, 0x1234567890abcdefULL, 't' };

static struct wide_fields g_wide = { 0xffffffffffULL, -5, 123, -1, 1, 0x89abcdef };

static struct flags g_flags = { 1, 5, -3, 100, -20, 3, 1 };
static struct pte g_pte = { .present = 1, .frame = 0xabcde, .user = 1 };

static unsigned raw(const void *p, int n) {
  const unsigned char *b = p;
  unsigned v = 0;
  for (int i = n - 1; i >= 0; i--) v = v << 8 | b[i];
  return v;
}

static void sizes(void) {
  printf("flags %u\n", (unsigned)sizeof(struct flags));
  printf("packed_pair %u\n", (unsigned)sizeof(struct packed_pair));
  printf("after_char %u\n", (unsigned)sizeof(struct after_char));
  printf("zero_width %u\n", (unsigned)sizeof(struct zero_width));
  printf("unnamed %u\n", (unsigned)sizeof(struct unnamed));
  printf("wide_unit %u\n", (unsigned)sizeof(struct wide_unit));
  printf("pte %u\n", (unsigned)sizeof(struct pte));
}

static void reads(void) {
  printf("g_flags %u %u %d %u %d %u %d\n", g_flags.ready, g_flags.mode, g_flags.level, g_flags.count, g_flags.delta,
         g_flags.small, g_flags.on);
  printf("g_flags raw %08x %08x\n", raw(&g_flags, 4), raw((char *)&g_flags + 4, 4));
  printf("g_pte %u %u %u %x raw %08x\n", g_pte.present, g_pte.writable, g_pte.user, g_pte.frame, raw(&g_pte, 4));
}

static void writes(void) {
  struct flags f;
  memset(&f, 0, sizeof f);
  f.mode = 9;
  f.level = 7;
  f.level += 2;
  f.count = 4095;
  f.count++;
  f.delta = -64;
  f.delta--;
  f.small = 5;
  f.on = 7;
  printf("f %u %d %u %d %u %d\n", f.mode, f.level, f.count, f.delta, f.small, f.on);
  printf("f raw %08x %08x\n", raw(&f, 4), raw((char *)&f + 4, 4));
  int assigned = (f.mode = 15);
  printf("assignment value %d\n", assigned);
  struct pte table[4];
  for (int i = 0; i < 4; i++) {
    table[i].present = i & 1;
    table[i].writable = 1;
    table[i].user = 0;
    table[i].reserved = 0;
    table[i].frame = 0x1000 + i;
  }
  for (int i = 0; i < 4; i++) printf("pte %d raw %08x\n", i, raw(&table[i], 4));
  struct pte *p = &table[2];
  p->frame <<= 4;
  p->reserved = 0x1ff;
  printf("pointer %x %x %08x\n", p->frame, p->reserved, raw(p, 4));
  /* Padding bits keep whatever the stack held, so clear them before printing raw bytes. */
  struct packed_pair pp;
  memset(&pp, 0, sizeof pp);
  pp.a = -1;
  pp.b = 200;
  pp.c = 'z';
  pp.a += 1;
  printf("pair %d %d %c raw %08x\n", pp.a, pp.b, pp.c, raw(&pp, 4));
  struct wide_unit w = { -1, 3, -1 };
  printf("wide %d %u %d\n", w.a, w.b, w.c);
  w.c = 0x3fffffff;
  w.a = 0x1fffffff;
  printf("wide %d %u %d\n", w.a, w.b, w.c);
}

static void packed(void) {
  printf("packed sizes %u %u %u %u\n", (unsigned)sizeof(struct gdt_entry), (unsigned)sizeof(struct packed_bits),
         (unsigned)sizeof(struct packed_long), (unsigned)sizeof(struct packed_zero));
  printf("gdt %08x %08x\n", raw(&g_gdt[1], 4), raw((char *)&g_gdt[1] + 4, 4));
  printf("gdt fields %x %x %x\n", g_gdt[1].limit_high, g_gdt[1].flags, g_gdt[1].access);
  struct gdt_entry e = { 0 };
  unsigned base = 0x12345678, limit = 0xabcde;
  e.limit_low = limit & 0xffff;
  e.base_low = base & 0xffff;
  e.base_mid = (base >> 16) & 0xff;
  e.access = 0x92;
  e.limit_high = (limit >> 16) & 0xf;
  e.flags = 0x4;
  e.base_high = base >> 24;
  printf("gdt built %08x %08x\n", raw(&e, 4), raw((char *)&e + 4, 4));
  printf("packed read %d %d %d %d\n", g_packed.a, g_packed.b, g_packed.c, g_packed.d);
  struct packed_bits pb = g_packed;
  pb.c -= 2000;
  pb.b = 7;
  printf("packed write %d %d %d raw %08x\n", pb.b, pb.c, pb.d, raw(&pb, 4));
  struct packed_long pl = { 2, -5 };
  pl.b += 0x10000000;
  printf("packed long %d %d\n", pl.a, pl.b);
}

static void wide(void) {
  printf("wide size %u %u\n", (unsigned)sizeof(struct wide_fields), (unsigned)sizeof(struct packed_wide));
  printf("wide read %llx %d %d %lld %d %x\n", g_wide.a, g_wide.b, g_wide.c, g_wide.d, g_wide.e, g_wide.f);
  printf("wide raw %08x %08x %08x %08x\n", raw(&g_wide, 4), raw((char *)&g_wide + 4, 4), raw((char *)&g_wide + 8, 4),
         raw((char *)&g_wide + 12, 4));
  printf("wide sizes %u %u %u %u\n", (unsigned)sizeof(g_wide.a + 0), (unsigned)sizeof(g_wide.b + 0),
         (unsigned)sizeof(g_wide.c + 0), (unsigned)sizeof(g_wide.f + 0));
  struct wide_fields w;
  memset(&w, 0, sizeof w);
  w.a = 0x123456789aULL;
  w.b = -300000;
  w.c = 0x3fffffff;
  w.c++;
  w.d = 0x100000000LL;
  w.d <<= 1;
  w.f = -1;
  long long assigned = (w.a = 0x1ffffffffffULL);
  printf("wide write %llx %d %d %lld %x %llx\n", w.a, w.b, w.c, w.d, w.f, assigned);
  printf("wide raw %08x %08x %08x %08x\n", raw(&w, 4), raw((char *)&w + 4, 4), raw((char *)&w + 8, 4), raw((char *)&w + 12, 4));
  printf("wide arithmetic %d %lld\n", w.f + 1 == 0, (long long)w.b * 1000000);
  struct packed_wide pw = { 'w', 0xfedcba987ULL, -2048 };
  pw.value += 1;
  pw.small++;
  printf("packed wide %c %llx %d raw %08x %08x\n", pw.tag, pw.value, pw.small, raw(&pw, 4), raw((char *)&pw + 4, 3));
}

static void packed_units(void) {
  printf("units %u %lld %llx %lld %llx %c\n", (unsigned)sizeof g_units, (long long)g_units.five,
         (unsigned long long)g_units.six, (long long)g_units.seven, (unsigned long long)g_units.eight, g_units.tail);
  g_units.five = -g_units.five - 1;
  g_units.six += 0x1000000000ULL;
  g_units.seven ^= 0x7ffffffffffffLL;
  g_units.eight--;
  const unsigned char *b = (const unsigned char *)&g_units;
  printf("units raw");
  for (unsigned i = 0; i < sizeof g_units; i++) printf(" %02x", b[i]);
  printf("\n");
}

static void promotions(void) {
  struct flags f = { 0 };
  f.count = 10;
  f.mode = 1;
  printf("promote %d %d\n", f.count - 20 < 0, f.mode - 2 < 0);
  printf("sizeof %u\n", (unsigned)sizeof(f.count + 0));
  unsigned long long sum = f.count + 0ULL;
  printf("sum %llu\n", sum);
  f.level = -8;
  printf("negative %d %d\n", f.level, f.level >> 1);
  f.level = f.level * -1;
  printf("overflow %d\n", f.level);
}

int main(void) {
  sizes();
  reads();
  writes();
  packed();
  wide();
  packed_units();
  promotions();
  return 0;
}
