// exit: 0
#include <stdio.h>
#include <string.h>

static int checks;

static void check(const char *what, long got, long want)
{
	checks++;
	printf("%s %s: %ld\n", got == want ? "ok" : "FAIL", what, got);
}

/* Tentative definitions: several of one name make one object. */
int tentative;
int tentative;
int tentative = 8;
int zeroed_tentative;
static int file_static;
static int file_static;
extern int declared_later;
int declared_later = 21;
int twice_extern;
extern int twice_extern;

typedef int (*binary_op)(int, int);
typedef int matrix[2][3];
typedef char *string_table[3];
typedef void handler(int);

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }

/* An array of pointers to functions taking two ints and returning int. */
static int (*ops[3])(int, int) = { add, sub, mul };
/* A function returning a pointer to a function. */
static int (*pick(int i))(int, int) { return ops[i]; }
/* A pointer to an array of 3 ints. */
static int row[3] = { 7, 8, 9 };
static int (*row_pointer)[3] = &row;
/* A pointer to a function returning a pointer to an array. */
static int (*(*row_getter)(void))[3];
static int (*get_row(void))[3] { return &row; }
/* An array of pointers to arrays. */
static int (*rows[2])[3] = { &row, &row };

static int last_signal;
static void on_signal(int s) { last_signal = s; }
static handler *install(handler *h) { h(5); return h; }
static void (*signal_like(int n, void (*h)(int)))(int) { h(n); return h; }

static int apply(binary_op op, int a, int b) { return op(a, b); }
static int apply_array(int (*const table[])(int, int), int i, int a, int b) { return table[i](a, b); }

struct ops_table { const char *name; int (*fn)(int, int); };
static const struct ops_table table[] = { { "add", add }, { "mul", mul } };

static int counter(void)
{
	static int calls;
	static int initialised = 100;
	return ++calls + initialised++;
}

static int sum_matrix(matrix m)
{
	int s = 0;
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 3; j++)
			s += m[i][j];
	return s;
}

static int qualifiers(const volatile int *restrict p, int *const q)
{
	register int r = *p;
	auto int a = *q;
	return r + a;
}

static int param_array(int v[static 4]) { return v[3]; }

int main(void)
{
	check("tentative", tentative, 8);
	check("zeroed tentative", zeroed_tentative, 0);
	check("file static", file_static, 0);
	check("declared later", declared_later, 21);
	check("twice extern", twice_extern, 0);

	check("ops[0]", ops[0](6, 3), 9);
	check("ops[1]", ops[1](6, 3), 3);
	check("ops[2]", (*ops[2])(6, 3), 18);
	check("pick", pick(2)(4, 5), 20);
	check("pick deref", (*pick(1))(4, 5), -1);
	check("row pointer", (*row_pointer)[1], 8);
	check("row pointer index", row_pointer[0][2], 9);
	row_getter = get_row;
	check("row getter", (*row_getter())[0], 7);
	check("rows", (*rows[1])[2], 9);
	check("sizeof rows", sizeof rows, 8);
	check("sizeof *rows[0]", sizeof *rows[0], 12);

	handler *h = install(on_signal);
	check("function typedef", last_signal, 5);
	h(6);
	check("function typedef call", last_signal, 6);
	void (*back)(int) = signal_like(9, on_signal);
	check("signal-like", last_signal, 9);
	back(10);
	check("signal-like result", last_signal, 10);

	binary_op op = mul;
	check("typedef pointer", apply(op, 7, 6), 42);
	check("apply add", apply(add, 1, 2), 3);
	check("apply address", apply(&sub, 1, 2), -1);
	check("table param", apply_array(ops, 0, 10, 5), 15);
	check("struct table", table[1].fn(3, 3), 9);
	check("struct table name", strcmp(table[0].name, "add"), 0);
	check("compare pointers", ops[0] == add, 1);
	check("compare pointers differ", ops[0] == ops[1], 0);
	int (*local_ops[2])(int, int);
	local_ops[0] = sub;
	local_ops[1] = ops[0];
	check("local array of pointers", local_ops[0](9, 4) + local_ops[1](1, 1), 7);
	int (**pp)(int, int) = &local_ops[1];
	check("pointer to function pointer", (*pp)(20, 22), 42);

	check("static local first", counter(), 101);
	check("static local second", counter(), 103);
	check("static local third", counter(), 105);

	matrix m = { { 1, 2, 3 }, { 4, 5, 6 } };
	check("array typedef", sum_matrix(m), 21);
	check("sizeof matrix", sizeof(matrix), 24);
	string_table names = { "a", "bb", "ccc" };
	check("string table", strlen(names[2]), 3);
	check("sizeof string table", sizeof names, 12);

	int value = 4, other = 5;
	check("qualifiers", qualifiers(&value, &other), 9);
	int four[4] = { 1, 2, 3, 4 };
	check("static array parameter", param_array(four), 4);

	const int constant = 12;
	volatile int vol = 3;
	vol += constant;
	check("volatile", vol, 15);
	int *const fixed = &value;
	*fixed = 40;
	check("const pointer", value, 40);
	const char *const text = "const";
	check("const char pointer", text[4], 't');
	extern int tentative;
	check("block extern", tentative, 8);
	{
		int value = 1;
		check("shadowing", value, 1);
		{
			int value = 2;
			check("inner shadowing", value, 2);
		}
	}
	check("outer after shadowing", value, 40);
	int a = 1, *b = &a, c[2] = { 3, 4 }, (*d)(int, int) = add;
	check("mixed declarators", a + *b + c[1] + d(1, 1), 8);
	unsigned long long big = 1;
	short int s = -2;
	long int li = -3;
	signed char sc = -4;
	unsigned short int us = 65535;
	long unsigned int lu = 4000000000u;
	check("long long", (long)big, 1);
	check("short int", s, -2);
	check("long int", li, -3);
	check("signed char", sc, -4);
	check("unsigned short", us, 65535);
	check("long unsigned", lu > 3000000000u, 1);
	enum color { RED, GREEN = 5, BLUE } col = BLUE;
	check("enum", col, 6);
	struct { int x; } anon = { 3 };
	check("anonymous struct", anon.x, 3);
	int (*fp_array_ret)(int, int) = ((int (*[])(int, int)){ add, mul })[1];
	check("compound literal of pointers", fp_array_ret(3, 4), 12);
	check("abstract pointer to array", sizeof(int (*)[3]), 4);
	check("abstract array of pointers", sizeof(char *[4]), 16);
	check("abstract array of arrays", sizeof(short[2][5]), 20);
	check("abstract function pointer", sizeof(int (*)(int, int)), 4);
	check("abstract array of function pointers", sizeof(int (*[3])(void)), 12);
	void *erased = (void *)add;
	check("cast to function pointer", ((int (*)(int, int))erased)(20, 3), 23);
	long address = (long)&row;
	check("cast to pointer to array", (*(int (*)[3])address)[2], 9);
	check("abstract pointer to pointer", sizeof(int **), 4);
	check("abstract const pointer", sizeof(const char *const), 4);
	printf("%d checks\n", checks);
	return 0;
}
