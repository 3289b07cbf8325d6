// exit: 12
#include <stdio.h>

int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int mul(int a, int b) { return a * b; }

int apply(int (*f)(int, int), int a, int b)
{
	return f(a, b);
}

int (*ops[3])(int, int) = {add, sub, mul};

void each(int *a, int n, void (*visit)(int))
{
	int i;
	for (i = 0; i < n; i++)
		visit(a[i]);
}

void show(int v)
{
	printf("<%d>", v);
}

int main(void)
{
	int i;
	for (i = 0; i < 3; i++)
		printf("%d\n", ops[i](6, 2));
	printf("%d\n", apply(sub, 10, 3));
	int (*f)(int, int) = &mul;
	printf("%d\n", (*f)(3, 4));
	int a[3] = {7, 8, 9};
	each(a, 3, show);
	printf("\n");
	return f(3, 4);
}
