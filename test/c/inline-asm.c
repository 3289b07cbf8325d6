// exit: 0
#include <stdio.h>
#include <string.h>

static int checks;

static void check(const char *what, long got, long want)
{
	checks++;
	printf("%s %s: %ld\n", got == want ? "ok" : "FAIL", what, got);
}

static inline unsigned long long rdtsc(void)
{
	unsigned long long t;
	__asm__ __volatile__("rdtsc" : "=A"(t));
	return t;
}

static inline void cpu_relax(void)
{
	asm volatile("pause" ::: "memory");
}

static int add_asm(int a, int b)
{
	int r;
	asm("movl %1, %0\n\taddl %2, %0" : "=&r"(r) : "r"(a), "g"(b));
	return r;
}

static int add_matching(int a, int b)
{
	asm("addl %2, %0" : "=r"(a) : "0"(a), "rm"(b));
	return a;
}

static unsigned swap_bytes(unsigned v)
{
	asm("bswap %0" : "+r"(v));
	return v;
}

static void copy_rep(void *dst, const void *src, unsigned n)
{
	asm volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

static int count_bits(unsigned v)
{
	int count;
	asm("xorl %0, %0\n"
	    "1:\ttestl %1, %1\n\t"
	    "jz 2f\n\t"
	    "incl %0\n\t"
	    "leal -1(%1), %%edx\n\t"
	    "andl %%edx, %1\n\t"
	    "jmp 1b\n"
	    "2:"
	    : "=&r"(count), "+r"(v)
	    :
	    : "edx", "cc");
	return count;
}

static int unique_labels(int x)
{
	int r;
	asm("movl %1, %0\n\t"
	    "cmpl $0, %0\n\t"
	    "jge .Lpos%=\n\t"
	    "negl %0\n"
	    ".Lpos%=:"
	    : "=r"(r)
	    : "r"(x)
	    : "cc");
	return r;
}

struct pair { int a, b; };

static int global_counter = 40;
static int table[4] = { 1, 2, 3, 4 };

int main(void)
{
	int x = 5, y;
	asm volatile("movl %1, %0; addl $1, %0" : "=r"(y) : "r"(x));
	check("register in and out", y, 6);
	check("earlyclobber", add_asm(3, 4), 7);
	check("matching constraint", add_matching(30, 12), 42);
	check("memory input", add_matching(1, table[2]), 4);
	check("read-write register", swap_bytes(0x11223344), 0x44332211);

	int z = 10;
	asm("incl %0" : "+m"(z));
	check("read-write memory", z, 11);
	asm("addl %[v], %[out]" : [out] "+r"(z) : [v] "i"(100));
	check("named operands", z, 111);
	asm("addl %1, %0" : "+m"(global_counter) : "ri"(2));
	check("global memory", global_counter, 42);
	asm("incl %0" : "+m"(table[1]));
	check("array element memory", table[1], 3);
	struct pair pr = { 1, 2 };
	asm("shll $3, %0" : "+m"(pr.b));
	check("member memory", pr.b, 16);
	int *ptr = &table[3];
	asm("negl %0" : "+m"(*ptr));
	check("through pointer", table[3], -4);

	unsigned lo, hi;
	asm volatile("movl $7, %%eax; movl $9, %%edx" : "=a"(lo), "=d"(hi));
	check("fixed registers eax", lo, 7);
	check("fixed registers edx", hi, 9);
	unsigned char b = 0x34;
	unsigned char c2;
	asm("movb %1, %0" : "=q"(c2) : "q"(b));
	check("byte register", c2, 0x34);
	unsigned short w = 0x1234;
	asm("rolw $8, %w0" : "+r"(w));
	check("word modifier", w, 0x3412);
	unsigned v = 0x12;
	asm("movb %b0, %h0" : "+Q"(v));
	check("high byte modifier", v, 0x1212);
	int k;
	asm("movl $-1, %k0" : "=r"(k));
	check("k modifier", k, -1);
	int imm;
	asm("movl %1, %0" : "=r"(imm) : "N"(200));
	check("N constraint", imm, 200);
	asm("movl $%c1, %0" : "=r"(imm) : "i"(77));
	check("c modifier", imm, 77);
	int saved_ebx = 3, out_ebx;
	asm("movl %1, %%ebx\n\tleal 4(%%ebx), %0" : "=r"(out_ebx) : "r"(saved_ebx) : "ebx");
	check("clobbered ebx", out_ebx, 7);
	int si_val;
	asm("movl $21, %%esi\n\tmovl %%esi, %0\n\taddl %%esi, %0" : "=r"(si_val) : : "esi");
	check("clobbered esi", si_val, 42);
	int by_b;
	asm("movl %1, %0" : "=b"(by_b) : "S"(99));
	check("b and S registers", by_b, 99);

	char src[16] = "inline asm!";
	char dst[16] = { 0 };
	copy_rep(dst, src, 12);
	check("rep movsb", strcmp(dst, "inline asm!"), 0);
	check("local labels", count_bits(0xf0f0), 8);
	check("unique label positive", unique_labels(9), 9);
	check("unique label negative", unique_labels(-9), 9);

	unsigned long long t0 = rdtsc();
	cpu_relax();
	unsigned long long t1 = rdtsc();
	check("rdtsc advances", t1 > t0, 1);
	int flag = 0;
	asm volatile("" : : : "memory");
	asm("" : "=r"(flag) : "0"(1));
	check("empty template", flag, 1);
	unsigned eax, ebx, ecx, edx;
	asm volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(0));
	check("cpuid leaf 0 vendor nonzero", ebx != 0, 1);
	check("cpuid leaf 0 max leaf", eax >= 1, 1);
	int shared_in = 20, shared_out;
	asm("leal 1(%1), %0" : "=r"(shared_out) : "r"(shared_in));
	check("output may share an input register", shared_out, 21);
	int e1, e2;
	asm("movl $1, %0\n\tmovl %2, %1\n\taddl %0, %1" : "=&r"(e1), "=r"(e2) : "r"(41));
	check("earlyclobber keeps inputs", e2, 42);
	unsigned long long wide = 0x100000002ULL, doubled;
	asm("addl %%eax, %%eax\n\tadcl %%edx, %%edx" : "=A"(doubled) : "A"(wide));
	check("A input and output", doubled == 0x200000004ULL, 1);
	unsigned low_word;
	asm("movl %1, %0" : "=r"(low_word) : "m"(wide));
	check("memory input of a long long", low_word, 2);
	int sum = 0;
	for (int i = 0; i < 5; i++)
		asm("addl %1, %0" : "+r"(sum) : "g"(i));
	check("asm in a loop", sum, 10);
	printf("%d checks\n", checks);
	return 0;
}
