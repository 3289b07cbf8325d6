// exit: 0
#include <stdio.h>

union word {
  unsigned int u;
  int i;
  unsigned short half[2];
  unsigned char bytes[4];
  float f;
};

union number {
  long long ll;
  double d;
  struct { unsigned lo, hi; } parts;
};

struct tagged {
  enum { INT, FLOAT, TEXT } kind;
  union {
    int i;
    float f;
    const char *s;
  };
};

struct nested {
  int id;
  struct {
    short x, y;
    union { char c; short wide; };
  };
  union { int a; char b[6]; } tail;
};

union mixed_align { char c[5]; double d; };
union with_bits { unsigned all; struct { unsigned lo : 8, mid : 16, hi : 8; } bits; };

struct reg { union { unsigned value; struct { unsigned lo : 16, hi : 16; }; }; double scale; };
struct pte { unsigned present : 1, rw : 1, user : 1, : 9, frame : 20; };

static struct reg g_reg = { .hi = 0xabcd, .scale = 2.5 };
static struct pte g_pte = { .frame = 0x12345, .present = 1 };
static union word g_word = { 0x11223344 };
static union number g_num = { .d = 1.0 };

static void show(struct tagged t) {
  switch (t.kind) {
  case INT: printf("int %d\n", t.i); break;
  case FLOAT: printf("float %f\n", t.f); break;
  case TEXT: printf("text %s\n", t.s); break;
  }
}

static union word flip(union word w) {
  unsigned char t = w.bytes[0];
  w.bytes[0] = w.bytes[3];
  w.bytes[3] = t;
  return w;
}

int main(void) {
  printf("sizes %u %u %u %u %u\n", (unsigned)sizeof(union word), (unsigned)sizeof(union number),
         (unsigned)sizeof(struct tagged), (unsigned)sizeof(struct nested), (unsigned)sizeof(union mixed_align));
  printf("g_word %x %x %x %x\n", g_word.u, g_word.half[0], g_word.half[1], g_word.bytes[3]);
  printf("g_num %x %x\n", g_num.parts.lo, g_num.parts.hi);
  union word w;
  w.f = 1.0f;
  printf("float bits %08x\n", w.u);
  w.i = -1;
  printf("all ones %u %d %u\n", w.u, w.half[1], w.bytes[0]);
  w.u = 0;
  w.bytes[1] = 0x80;
  printf("byte write %u\n", w.u);
  union number n;
  n.ll = -2;
  printf("parts %x %x\n", n.parts.lo, n.parts.hi);
  n.parts.hi = 0x40000000;
  n.parts.lo = 0;
  printf("double %f\n", n.d);
  struct tagged items[3] = { { INT, { .i = 42 } }, { FLOAT } , { TEXT } };
  items[1].f = 2.5f;
  items[2].s = "hello";
  for (int i = 0; i < 3; i++) show(items[i]);
  struct nested s = { 7, { 1, 2, { 'q' } }, { 0 } };
  s.wide = 0x4142;
  s.tail.b[5] = 9;
  printf("nested %d %d %d %d %d %d\n", s.id, s.x, s.y, s.c, s.wide, s.tail.b[5]);
  printf("offsets %d %d %d\n", (int)((char *)&s.y - (char *)&s), (int)((char *)&s.wide - (char *)&s),
         (int)((char *)&s.tail - (char *)&s));
  union word copy = w;
  union word flipped = flip(copy);
  printf("flip %08x %08x\n", copy.u, flipped.u);
  union word *p = &flipped;
  p->half[0] = 0xbeef;
  printf("pointer %08x\n", p->u);
  union with_bits b;
  b.all = 0xaabbccdd;
  printf("bits %x %x %x\n", b.bits.lo, b.bits.mid, b.bits.hi);
  b.bits.mid = 0x1234;
  printf("bits write %08x\n", b.all);
  union mixed_align m = { "abcd" };
  printf("mixed %s %u\n", m.c, (unsigned)_Alignof(union mixed_align));
  struct reg q = { .value = 0x11112222, .scale = -1 };
  printf("designated %x %x %x %f\n", g_reg.hi, g_reg.lo, g_reg.value, g_reg.scale);
  printf("designated local %x %x %f\n", q.lo, q.hi, q.scale);
  q.lo = 0xffff;
  q.hi += 1;
  printf("anonymous bits %08x\n", q.value);
  struct pte local = { .rw = 1, .frame = 7 };
  printf("pte %x %u %x %x\n", g_pte.frame, g_pte.present, local.frame, local.rw);
  struct pte *cp = &(struct pte){ .user = 1, .frame = 0xfffff };
  cp->frame++;
  printf("compound literal %x %u\n", cp->frame, cp->user);
  union word words[3] = { [2].u = 5, [0].f = 0.5f };
  printf("union array %08x %08x %08x\n", words[0].u, words[1].u, words[2].u);
  return 0;
}
