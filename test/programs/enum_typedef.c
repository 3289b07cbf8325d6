// exit: 3
#include <stdio.h>

enum color { RED, GREEN = 5, BLUE, LAST = BLUE + 10 };

typedef int number;
typedef struct {
	number x;
	number y;
} point_t;
typedef point_t *point_ptr;
typedef unsigned char byte;
typedef int (*binary_op)(int, int);

int plus(int a, int b)
{
	return a + b;
}

const char *color_name(enum color c)
{
	switch (c) {
	case RED:
		return "red";
	case GREEN:
		return "green";
	case BLUE:
		return "blue";
	default:
		return "other";
	}
}

int main(void)
{
	enum color c = BLUE;
	printf("%d %d %d %d\n", RED, GREEN, BLUE, LAST);
	printf("%s %s\n", color_name(c), color_name(LAST));
	point_t p = {3, 4};
	point_ptr pp = &p;
	printf("%d %d\n", pp->x, pp->y);
	byte b = 255;
	b++;
	printf("%d\n", b);
	binary_op op = plus;
	printf("%d\n", op(20, 22));
	number n = sizeof(point_t);
	printf("%d\n", n);
	enum { LOCAL_A = -1, LOCAL_B };
	printf("%d %d\n", LOCAL_A, LOCAL_B);
	return p.x;
}
