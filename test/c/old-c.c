// exit: 3
#include <stdio.h>

static int checks;

static void check(const char *what, long got, long want)
{
	checks++;
	printf("%s %s: %ld\n", got == want ? "ok" : "FAIL", what, got);
}

/* K&R definitions: an identifier list, then the parameter declarations. */
int add(a, b)
int a, b;
{
	return a + b;
}

long scale(value, factor, bias)
	long value;
	int factor;
{
	return value * factor + bias;
}

char first(s)
char *s;
{
	return s[0];
}

int sum(v, n)
int v[];
{
	int total = 0;
	while (n--)
		total += *v++;
	return total;
}

int call_twice(f, x)
int (*f)();
int x;
{
	return f(f(x));
}

int narrow(c, s)
char c;
short s;
{
	return c * 1000 + s;
}

double halve(d)
double d;
{
	return d / 2;
}

/* Implicit int. */
static counter;
twice(x)
{
	return 2 * x;
}

const limit = 10;
unsigned flags = 3;
static short_return() { return 7; }

/* Old-style declarations without prototypes. */
int unprototyped();
int unprototyped(a, b) int a, b; { return a - b; }
int empty_parens();
int empty_parens() { return 12; }

int main()
{
	check("add", add(2, 3), 5);
	check("scale", scale(7L, 3, 1), 22);
	check("first", first("xyz"), 'x');
	int values[4];
	values[0] = 1; values[1] = 2; values[2] = 3; values[3] = 4;
	check("sum", sum(values, 4), 10);
	check("call twice", call_twice(twice, 3), 12);
	check("narrow promoted", narrow('A', 7), 65007);
	check("halve", (long)(halve(9.0) * 10), 45);
	counter = 4;
	check("implicit int static", counter, 4);
	check("implicit int function", twice(21), 42);
	check("const implicit int", limit, 10);
	check("unsigned alone", flags, 3);
	check("static implicit int function", short_return(), 7);
	check("unprototyped", unprototyped(9, 4), 5);
	check("empty parens", empty_parens(), 12);
	check("implicit declaration", later_defined(6), 36);
	check("implicit declaration again", later_defined(2), 4);
	register i;
	for (i = 0; i < 3; i++)
		counter++;
	check("register implicit int", counter, 7);
	printf("%d checks\n", checks);
	return later_defined(1) + 2;
}

int later_defined(n)
{
	return n * n;
}
