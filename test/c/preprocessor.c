// exit: 0
#include <stdio.h>
#include <string.h>
#include <stddef.h>
#include <limits.h>
#include <stdint.h>

static int checks;

static void check(const char *what, long got, long want)
{
	checks++;
	printf("%s %s: %ld\n", got == want ? "ok" : "FAIL", what, got);
}

static int pair(const char *format, int a, int b)
{
	return (int)strlen(format) * 100 + a * 10 + b;
}

static void check_string(const char *what, const char *got, const char *want)
{
	checks++;
	printf("%s %s: %s\n", strcmp(got, want) == 0 ? "ok" : "FAIL", what, got);
}

#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define VERSION 3
#define NAME ukp
#define EMPTY
#define LOG(fmt, ...) pair(fmt, __VA_ARGS__)
#define COUNT_ARGS(...) COUNT_IMPL(__VA_ARGS__, 5, 4, 3, 2, 1)
#define COUNT_IMPL(a, b, c, d, e, n, ...) n
#define INDIRECT_A INDIRECT_B
#define INDIRECT_B 42
#define f(x) (x + 1)
#define g f
#define FUNCTION_LIKE() 7
#define PASTE_NUMBER(n) value_##n
#define STRINGIFY_SPACES(x) #x
#define CALL(fn, ...) fn(__VA_ARGS__)
#define NESTED_PARENS(x) x
#define AREA(w, h) ((w) * (h))
#define TWICE(x) (2 * (x))
#define APPLY(m, x) m(x)
#define ZERO_ARGS(...) #__VA_ARGS__

#if defined(VERSION) && VERSION >= 3
#define HAS_V3 1
#else
#define HAS_V3 0
#endif

#ifdef NOT_DEFINED
#error "NOT_DEFINED must stay undefined"
#elif !defined NAME
#error "NAME is defined"
#endif

#if (1 << 4) == 16 && -1 < 0 && 0x10 == 16 && 'A' == 65 && (5 / 2) == 2 && (7 % 3) == 1
#define ARITHMETIC_OK 1
#endif

#if 0
this is not C and is skipped
#if 1
#error nested in a skipped group
#endif
#endif

#ifndef GUARD
#define GUARD
#define GUARDED 1
#endif

#undef VERSION
#define VERSION 4

static int value_1 = 11, value_2 = 22;
static int CAT(my, _var) = 5;

int main(void)
{
	check_string("stringize", STR(hello world), "hello world");
	check_string("stringize expanded", XSTR(VERSION), "4");
	check_string("stringize unexpanded", STR(VERSION), "VERSION");
	check_string("stringize quotes", STR("a\n"), "\"a\\n\"");
	check_string("stringize spaces", STRINGIFY_SPACES(  a   +   b  ), "a + b");
	check("paste", CAT(value_, 1), 11);
	check("paste number", PASTE_NUMBER(2), 22);
	check("paste identifier", my_var, 5);
	check("paste expanded", XCAT(value_, 2), 22);
	check("square", SQUARE(3 + 1), 16);
	check("max", MAX(4, 9), 9);
	check("nested call", MAX(SQUARE(2), TWICE(3)), 6);
	check("variadic", LOG("%d-%d", 1, 2), 512);
	check("count 1", COUNT_ARGS(a), 1);
	check("count 3", COUNT_ARGS(a, b, c), 3);
	int recursion = 10;
#define recursion (recursion + 1)
	check("self reference", recursion, 11);
#undef recursion
	check("indirect", INDIRECT_A, 42);
	check("function-like via object-like", g(5), 6);
	check("empty parens", FUNCTION_LIKE(), 7);
	check("call forwarding", CALL(MAX, 3, 8), 8);
	check("nested parens", NESTED_PARENS((1, 2)), 2);
	check("apply", APPLY(TWICE, 21), 42);
	check_string("empty variadic", ZERO_ARGS(), "");
	check("empty macro", EMPTY 5 EMPTY, 5);
	check("defined", HAS_V3, 1);
	check("arithmetic", ARITHMETIC_OK, 1);
	check("guard", GUARDED, 1);
	check("redefined", VERSION, 4);
	check("__LINE__", __LINE__, 120);
	check_string("__FILE__", __FILE__ + strlen(__FILE__) - 14, "preprocessor.c");
	check("__STDC__", __STDC__, 1);
	check("__STDC_VERSION__", __STDC_VERSION__ >= 199901L, 1);
	check("__i386__", __i386__, 1);
	check("__DATE__ length", strlen(__DATE__), 11);
	check("__TIME__ length", strlen(__TIME__), 8);
	check("INT_MAX", INT_MAX, 2147483647);
	check("CHAR_BIT", CHAR_BIT, 8);
	check("UINT8_MAX", UINT8_MAX, 255);
	check("sizeof int32_t", sizeof(int32_t), 4);
	check("NULL", NULL == 0, 1);
#line 500
	check("#line", __LINE__, 500);
	check("after #line", __LINE__, 501);
	printf("%d checks\n", checks);
	return 0;
}
