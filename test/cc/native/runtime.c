/* runtime.c: a tiny Linux i386 runtime for running compiled test programs natively.
 * _start calls main and exits through int $0x80; output goes to fd 1 through
 * write(2). printf covers d i u o x X c s p % with the flags "-+ #0", width,
 * precision, "*" and the length modifiers hh h l z t, as glibc prints them. */
#include <stdarg.h>
#include <stddef.h>

int main(void);

static int sys_write(int fd, const void *buf, unsigned len)
{
	int ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(4), "b"(fd), "c"(buf), "d"(len) : "memory");
	return ret;
}

void exit(int status)
{
	__asm__ volatile("int $0x80" : : "a"(1), "b"(status));
	for (;;) {
	}
}

void abort(void)
{
	exit(134);
}

__asm__(".globl _start\n"
	"_start:\n"
	"\txorl %ebp, %ebp\n"
	"\tandl $-16, %esp\n"
	"\tcall main\n"
	"\tpushl %eax\n"
	"\tpushl %eax\n"
	"\tpushl %eax\n"
	"\tpushl %eax\n"
	"\tcall exit\n");

static char out_buf[4096];
static unsigned out_len;

static void flush(void)
{
	if (out_len)
		sys_write(1, out_buf, out_len);
	out_len = 0;
}

static void emit(char c)
{
	if (out_len == sizeof(out_buf))
		flush();
	out_buf[out_len++] = c;
	if (c == '\n')
		flush();
}

int putchar(int c)
{
	emit((char)c);
	return (unsigned char)c;
}

int puts(const char *s)
{
	while (*s)
		emit(*s++);
	emit('\n');
	return 1;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;
	while ((*d++ = *src++))
		;
	return dst;
}

char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return 0;
	}
}

void *memcpy(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	char *d = dst;
	while (n--)
		*d++ = (char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

int abs(int n)
{
	return n < 0 ? -n : n;
}

int atoi(const char *s)
{
	int sign = 1, n = 0;
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		sign = *s++ == '-' ? -1 : 1;
	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return sign * n;
}

static char heap[1 << 20];
static unsigned heap_used;

void *malloc(size_t size)
{
	void *p = heap + heap_used;
	heap_used += (size + 15) & ~15u;
	return heap_used <= sizeof(heap) ? p : 0;
}

void free(void *p)
{
	(void)p;
}

void *calloc(size_t count, size_t size)
{
	void *p = malloc(count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

struct spec {
	int left, plus, space, alt, zero;
	int width, precision;
	char conv;
};

static void pad(int n, char c)
{
	while (n-- > 0)
		emit(c);
}

/* Prints digits with sign/prefix, precision and width as glibc does. */
static int print_number(struct spec *sp, unsigned long value, int negative, unsigned base, int upper)
{
	char digits[40];
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0, count = 0, zeros, len, i;
	const char *prefix = "";
	while (value) {
		digits[n++] = set[value % base];
		value /= base;
	}
	zeros = sp->precision > n ? sp->precision - n : 0;
	if (sp->precision < 0 && n == 0)
		zeros = 1;
	if (sp->alt && base == 8 && zeros == 0)
		zeros = 1;
	if (negative)
		prefix = "-";
	else if (sp->plus && sp->conv != 'u' && base == 10)
		prefix = "+";
	else if (sp->space && sp->conv != 'u' && base == 10)
		prefix = " ";
	if (sp->alt && base == 16 && n > 0)
		prefix = upper ? "0X" : "0x";
	if (sp->conv == 'p')
		prefix = "0x";
	len = (int)strlen(prefix) + zeros + n;
	if (sp->zero && !sp->left && sp->precision < 0) {
		zeros += sp->width > len ? sp->width - len : 0;
		len = sp->width > len ? sp->width : len;
	}
	if (!sp->left)
		pad(sp->width - len, ' ');
	for (i = 0; prefix[i]; i++)
		emit(prefix[i]);
	pad(zeros, '0');
	while (n)
		emit(digits[--n]);
	if (sp->left)
		pad(sp->width - len, ' ');
	count = sp->width > len ? sp->width : len;
	return count;
}

int vprintf(const char *fmt, va_list ap)
{
	int count = 0;
	for (; *fmt; fmt++) {
		struct spec sp = {0, 0, 0, 0, 0, 0, -1, 0};
		int length = 0; /* -2 hh, -1 h, 1 l */
		if (*fmt != '%') {
			emit(*fmt);
			count++;
			continue;
		}
		for (;;) {
			char f = *++fmt;
			if (f == '-')
				sp.left = 1;
			else if (f == '+')
				sp.plus = 1;
			else if (f == ' ')
				sp.space = 1;
			else if (f == '#')
				sp.alt = 1;
			else if (f == '0')
				sp.zero = 1;
			else
				break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = 1;
				sp.width = -sp.width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = sp.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			sp.precision = 0;
			if (*fmt == '*') {
				sp.precision = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.precision = sp.precision * 10 + (*fmt++ - '0');
			}
		}
		for (;; fmt++) {
			if (*fmt == 'h')
				length--;
			else if (*fmt == 'l' || *fmt == 'z' || *fmt == 't')
				length = 1;
			else
				break;
		}
		sp.conv = *fmt;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long v = va_arg(ap, long);
			if (length == -1)
				v = (short)v;
			else if (length <= -2)
				v = (signed char)v;
			count += print_number(&sp, v < 0 ? -(unsigned long)v : (unsigned long)v, v < 0, 10, 0);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			unsigned long v = va_arg(ap, unsigned long);
			if (length == -1)
				v = (unsigned short)v;
			else if (length <= -2)
				v = (unsigned char)v;
			count += print_number(&sp, v, 0, *fmt == 'o' ? 8 : *fmt == 'u' ? 10 : 16, *fmt == 'X');
			break;
		}
		case 'p': {
			void *v = va_arg(ap, void *);
			if (!v) {
				const char *nil = "(nil)";
				int len = 5;
				if (!sp.left)
					pad(sp.width - len, ' ');
				while (*nil)
					emit(*nil++);
				if (sp.left)
					pad(sp.width - len, ' ');
				count += sp.width > len ? sp.width : len;
			} else {
				count += print_number(&sp, (unsigned long)v, 0, 16, 0);
			}
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			if (!sp.left)
				pad(sp.width - 1, ' ');
			emit(c);
			if (sp.left)
				pad(sp.width - 1, ' ');
			count += sp.width > 1 ? sp.width : 1;
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len, i;
			if (!s)
				s = "(null)";
			len = (int)strlen(s);
			if (sp.precision >= 0 && len > sp.precision)
				len = sp.precision;
			if (!sp.left)
				pad(sp.width - len, ' ');
			for (i = 0; i < len; i++)
				emit(s[i]);
			if (sp.left)
				pad(sp.width - len, ' ');
			count += sp.width > len ? sp.width : len;
			break;
		}
		case '%':
			emit('%');
			count++;
			break;
		default:
			emit('%');
			emit(*fmt);
			count += 2;
			if (!*fmt)
				return count;
		}
	}
	return count;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}
