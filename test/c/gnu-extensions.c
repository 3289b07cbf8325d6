// exit: 0
#include <stdio.h>
#include <stddef.h>
#include <string.h>

static int checks;

static void check(const char *what, long got, long want)
{
	checks++;
	printf("%s %s: %ld\n", got == want ? "ok" : "FAIL", what, got);
}

#define max(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct __attribute__((packed)) packet { unsigned char kind; unsigned int length; unsigned short port; };
struct packed_pair { char c; int i; } __attribute__((packed));
struct aligned16 { int x; } __attribute__((aligned(16)));
struct gdt_entry { unsigned short limit; unsigned short base_low; unsigned char base_mid, access, granularity, base_high; } __attribute__((packed));
struct gdt_ptr { unsigned short limit; unsigned int base; } __attribute__((packed));
struct list { struct list *next; int value; };
struct node { int key; struct list link; char name[8]; };
struct with_aligned_member { char tag; int value __attribute__((aligned(16))); _Alignas(8) short s; };
struct nested { int a; struct { int b[4]; struct { char c; } inner; } mid; };

_Static_assert(sizeof(struct packet) == 7, "packet is packed");
_Static_assert(sizeof(struct gdt_entry) == 8, "gdt entry is 8 bytes");
_Static_assert(sizeof(struct gdt_ptr) == 6, "gdt pointer is 6 bytes");

static int side_effects;
static int bump(void) { return ++side_effects; }

static int hook_value __attribute__((section(".data.hooks"))) = 17;
static const char banner[] __attribute__((section(".rodata.banner"))) = "banner";
__attribute__((section(".text.fast"))) static int fast_add(int a, int b) { return a + b; }
int weak_default __attribute__((weak)) = 11;
extern int missing_weak __attribute__((weak));
extern void missing_hook(void) __attribute__((weak));
__attribute__((used)) static int kept_helper(void) { return 5; }
static __attribute__((always_inline)) inline int square(int x) { return x * x; }
__attribute__((noreturn)) static void stop(void) { for (;;) {} }
static int aligned_global __attribute__((aligned(64))) = 1;
static char aligned_buffer[10] __attribute__((aligned(32)));
typedef unsigned int u32_aligned __attribute__((aligned(8)));
static int renamed asm("renamed_symbol") = 99;
static int labelled(int x) asm("labelled_symbol");
static int labelled(int x) { return x * 3; }
static int (*labelled_pointer)(int) = labelled;

typedef struct __attribute__((packed)) { unsigned short limit; unsigned int base; } idt_pointer;

static int fall(int c)
{
	switch (c) {
	case 1:
		c += 10;
		__attribute__((fallthrough));
	case 2:
		return c;
	default:
		return -1;
	}
}

static int packed_local_in_asm(unsigned short size)
{
	struct { unsigned short length; void *base; } __attribute__((packed)) descriptor = { size, 0 };
	unsigned short seen;
	asm("movw %1, %0" : "=r"(seen) : "m"(descriptor.length));
	return seen + (int)sizeof descriptor;
}

static const char *current(void) { return __func__; }
static const char *function_name(void) { return __FUNCTION__; }

int main(void)
{
	int i = 3, j = 7;
	check("max ints", max(i, j), 7);
	check("max evaluates once", max(bump(), bump()), 2);
	check("side effects", side_effects, 2);
	check("statement expression value", ({ int t = 4; t * t; }), 16);
	int block = ({ int acc = 0; for (int k = 1; k <= 4; k++) acc += k; acc; });
	check("statement expression loop", block, 10);
	check("nested statement expressions", ({ ({ 2; }) + ({ 3; }); }), 5);
	({ i += 1; });
	check("void statement expression", i, 4);

	typeof(i) copy = i;
	__typeof__(struct packet) pk;
	typeof(int[4]) four;
	check("typeof variable", copy, 4);
	check("typeof struct size", sizeof pk, 7);
	check("typeof array size", sizeof four, 16);
	typeof(&i) pointer = &i;
	check("typeof pointer", *pointer, 4);

	check("likely", likely(i == 4), 1);
	check("unlikely", unlikely(i == 5), 0);
	check("builtin_expect value", __builtin_expect(42, 0), 42);
	check("constant_p constant", __builtin_constant_p(3 * 4), 1);
	check("constant_p variable", __builtin_constant_p(i), 0);
	check("types_compatible same", __builtin_types_compatible_p(int, int), 1);
	check("types_compatible different", __builtin_types_compatible_p(int, unsigned), 0);

	check("offsetof packet.length", offsetof(struct packet, length), 1);
	check("offsetof packet.port", offsetof(struct packet, port), 5);
	check("offsetof node.link", __builtin_offsetof(struct node, link), 4);
	check("offsetof nested array", __builtin_offsetof(struct nested, mid.b[2]), 12);
	check("offsetof nested member", __builtin_offsetof(struct nested, mid.inner.c), 20);
	struct node n = { 5, { 0, 42 }, "node" };
	struct list *l = &n.link;
	check("container_of", container_of(l, struct node, link)->key, 5);

	struct packet p = { 1, 0x12345678, 80 };
	unsigned char *raw = (unsigned char *)&p;
	check("packed byte 1", raw[1], 0x78);
	check("packed byte 4", raw[4], 0x12);
	check("packed member", p.length, 0x12345678);
	p.port += 1;
	check("packed short", p.port, 81);
	check("packed pair size", sizeof(struct packed_pair), 5);
	check("packed alignof", _Alignof(struct packet), 1);
	struct packet arr[3];
	check("packed array stride", (char *)&arr[1] - (char *)&arr[0], 7);

	check("aligned struct size", sizeof(struct aligned16), 16);
	check("aligned struct align", _Alignof(struct aligned16), 16);
	check("aligned global", ((unsigned long)&aligned_global) % 64, 0);
	check("aligned buffer", ((unsigned long)aligned_buffer) % 32, 0);
	check("aligned typedef", _Alignof(u32_aligned), 8);
	check("aligned member offset", offsetof(struct with_aligned_member, value), 16);
	check("alignas member offset", offsetof(struct with_aligned_member, s), 24);
	check("aligned member struct size", sizeof(struct with_aligned_member), 32);
	struct aligned16 local16;
	check("aligned local", ((unsigned long)&local16) % 16, 0);
	_Alignas(16) char alignas_local[3];
	check("alignas local", ((unsigned long)alignas_local) % 16, 0);
	check("alignof int", _Alignof(int), 4);
	check("alignof double", _Alignof(double), 4);
	check("alignof long long", __alignof__(long long), 8);
	check("_Alignof long long", _Alignof(long long), 4);

	check("section data", hook_value, 17);
	check("section rodata", strcmp(banner, "banner"), 0);
	check("section text", fast_add(2, 3), 5);
	check("weak definition", weak_default, 11);
	check("weak undefined object", &missing_weak == 0, 1);
	check("weak undefined function", missing_hook == 0, 1);
	if (missing_hook)
		missing_hook();
	check("used", kept_helper(), 5);
	check("always_inline", square(9), 81);
	check("asm label", renamed, 99);
	check("asm label on a function", labelled(4), 12);
	check("asm label through a pointer", labelled_pointer(5), 15);
	check("__func__", strcmp(current(), "current"), 0);
	check("__FUNCTION__", strcmp(function_name(), "function_name"), 0);
	check("__func__ size", sizeof(__func__), 5);
	check("array size", ARRAY_SIZE(four), 4);
	if (i == 100)
		stop();
	__extension__ long long ext = 1;
	check("__extension__", ext, 1);
	check("fallthrough attribute", fall(1), 11);
	check("packed typedef", sizeof(idt_pointer), 6);
	check("packed local as asm memory", packed_local_in_asm(2047), 2053);
	__volatile int alternate_volatile = 5;
	__const__ int alternate_const = 6;
	__signed char alternate_signed = -7;
	check("alternate keyword spellings", alternate_volatile + alternate_const + alternate_signed, 4);
	char filled[8];
	__builtin_memset(filled, 'a', 7);
	filled[7] = 0;
	__builtin_memcpy(filled + 1, "bc", 2);
	check("library builtins", (int)__builtin_strlen(filled) * 1000 + filled[1] * 10 + (filled[3] == 'a'), 7981);
	_Static_assert(sizeof(int) == 4, "block-scope static assertion");
	printf("%d checks\n", checks);
	return 0;
}
