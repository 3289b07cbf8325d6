// exit: 0
#include <stdio.h>
#include <string.h>

struct point { int x, y; };
struct rect { struct point a, b; char tag[6]; };
union value { int i; char c[4]; unsigned short h; };
struct tagged { int kind; union value v; };
struct with_anon { int id; union { int n; char bytes[4]; }; struct { short lo, hi; }; };

static int g_arr[8] = { [2] = 20, [5] = 50, 60, [0] = 1 };
static struct point g_pt = { .y = 7, .x = 3 };
static struct rect g_rect = { .b = { 5, 6 }, .a.x = 1, .tag = "rect" };
static int g_grid[3][3] = { [1] = { 4, 5, 6 }, [2][2] = 9, [0][1] = 2 };
static union value g_u = { .c = { 'a', 'b' } };
static union value g_u2 = { 0x01020304 };
static char g_str[] = "hello";
static char g_short[8] = "hi";
static const char *g_names[] = { [3] = "three", [1] = "one" };
static int g_range[10] = { [2 ... 5] = 7, [8] = 1 };
static struct point g_pts[] = { { 1, 2 }, [3] = { .y = 4 }, 5, 6 };
static struct tagged g_tagged[2] = { { 1, { .i = 100 } }, { .kind = 2, .v.c = "xy" } };
static struct with_anon g_anon = { .id = 1, .n = 0x41424344, .hi = 9, .lo = 8 };
static int *g_ptr = (int[]){ 10, 20, 30 };
static struct point *g_pp = &(struct point){ 11, 12 };
static int g_flat[2][2] = { 1, 2, 3, 4 };
static struct point g_old = { y: 5, x: 6 };
static int g_scalar = { 42 };

static int checks;

static void check(const char *what, long got, long want)
{
	checks++;
	printf("%s %s: %ld\n", got == want ? "ok" : "FAIL", what, got);
}

static int sum(const int *v, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += v[i];
	return s;
}

static int area(struct rect r)
{
	return (r.b.x - r.a.x) * (r.b.y - r.a.y);
}

static void statics(void)
{
	check("g_arr[0]", g_arr[0], 1);
	check("g_arr[1]", g_arr[1], 0);
	check("g_arr[2]", g_arr[2], 20);
	check("g_arr[5]", g_arr[5], 50);
	check("g_arr[6]", g_arr[6], 60);
	check("g_arr[7]", g_arr[7], 0);
	check("g_pt.x", g_pt.x, 3);
	check("g_pt.y", g_pt.y, 7);
	check("g_rect.a.x", g_rect.a.x, 1);
	check("g_rect.a.y", g_rect.a.y, 0);
	check("g_rect.b.x", g_rect.b.x, 5);
	check("g_rect.b.y", g_rect.b.y, 6);
	check("g_rect.tag", strcmp(g_rect.tag, "rect"), 0);
	check("g_grid[0][1]", g_grid[0][1], 2);
	check("g_grid[1][2]", g_grid[1][2], 6);
	check("g_grid[2][2]", g_grid[2][2], 9);
	check("g_grid[2][0]", g_grid[2][0], 0);
	check("g_u.c[1]", g_u.c[1], 'b');
	check("g_u.c[2]", g_u.c[2], 0);
	check("g_u2.h", g_u2.h, 0x0304);
	check("sizeof g_str", sizeof g_str, 6);
	check("g_str[4]", g_str[4], 'o');
	check("g_short[2]", g_short[2], 0);
	check("g_short[7]", g_short[7], 0);
	check("sizeof g_names", sizeof g_names / sizeof g_names[0], 4);
	check("g_names[0] null", g_names[0] == 0, 1);
	check("g_names[3]", strcmp(g_names[3], "three"), 0);
	check("g_range sum", sum(g_range, 10), 29);
	check("g_range[5]", g_range[5], 7);
	check("g_range[6]", g_range[6], 0);
	check("g_pts count", sizeof g_pts / sizeof g_pts[0], 5);
	check("g_pts[3].y", g_pts[3].y, 4);
	check("g_pts[4].x", g_pts[4].x, 5);
	check("g_pts[4].y", g_pts[4].y, 6);
	check("g_tagged[0].v.i", g_tagged[0].v.i, 100);
	check("g_tagged[1].v.c[1]", g_tagged[1].v.c[1], 'y');
	check("g_anon.n", g_anon.n, 0x41424344);
	check("g_anon.lo", g_anon.lo, 8);
	check("g_anon.hi", g_anon.hi, 9);
	check("g_ptr[2]", g_ptr[2], 30);
	check("g_pp->y", g_pp->y, 12);
	check("g_flat[1][0]", g_flat[1][0], 3);
	check("g_old.x", g_old.x, 6);
	check("g_scalar", g_scalar, 42);
}

static void locals(int seed)
{
	int arr[6] = { [4] = seed, [1] = seed * 2 };
	struct point p = { .y = seed + 1 };
	struct rect r = { { 0, 0 }, .b = { seed, seed } };
	char word[10] = "abc";
	char copy[] = { 'x', 'y', 'z', 0 };
	int grid[2][3] = { { 1 }, [1] = { [2] = seed } };
	union value u = { .h = 0xbeef };
	struct with_anon a = { .bytes = { 1, 2, 3, 4 }, .id = seed };
	int range[5] = { [1 ... 3] = seed };
	struct point pts[3] = { [2].x = 9, [0] = { 1, 1 } };

	check("arr[4]", arr[4], seed);
	check("arr[1]", arr[1], seed * 2);
	check("arr[0]", arr[0], 0);
	check("arr[5]", arr[5], 0);
	check("p.x", p.x, 0);
	check("p.y", p.y, seed + 1);
	check("area", area(r), seed * seed);
	check("r.tag[0]", r.tag[0], 0);
	check("word len", strlen(word), 3);
	check("word[9]", word[9], 0);
	check("copy", strcmp(copy, "xyz"), 0);
	check("grid[0][0]", grid[0][0], 1);
	check("grid[0][2]", grid[0][2], 0);
	check("grid[1][2]", grid[1][2], seed);
	check("u.h", u.h, 0xbeef);
	check("a.n", a.n, 0x04030201);
	check("a.id", a.id, seed);
	check("range sum", sum(range, 5), 3 * seed);
	check("pts[2].x", pts[2].x, 9);
	check("pts[0].y", pts[0].y, 1);
	check("pts[1].x", pts[1].x, 0);
}

static void literals(int n)
{
	int *v = (int[]){ n, n + 1, n + 2 };
	struct point p = (struct point){ .x = n };
	struct point *q = &(struct point){ n, -n };
	check("literal array", sum(v, 3), 3 * n + 3);
	check("literal struct", p.x + p.y, n);
	check("literal pointer", q->y, -n);
	check("literal member", ((struct point){ 4, 5 }).y, 5);
	check("literal index", ((int[]){ 7, 8, 9 })[n % 3], (n % 3) + 7);
	check("literal sum", sum((int[4]){ 1, 2, 3, 4 }, 4), 10);
	check("literal area", area((struct rect){ .b = { 3, 4 } }), 12);
	(*q).x = 99;
	check("literal lvalue", q->x, 99);
	int total = 0;
	for (int i = 0; i < 3; i++) {
		int *fresh = (int[2]){ i };
		total += fresh[0] + fresh[1];
		fresh[1] = 100;
	}
	check("literal in loop", total, 3);
	check("scalar literal", (int){ n * 2 }, 2 * n);
}

int main(void)
{
	statics();
	locals(5);
	literals(4);
	printf("%d checks\n", checks);
	return 0;
}
