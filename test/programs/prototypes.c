// exit: 1
#include <stdio.h>

int is_even(int n);
int is_odd(int n);
static int square(int);
void greet(const char *who);

int main(void)
{
	printf("%d %d\n", is_even(10), is_odd(7));
	printf("%d\n", square(12));
	greet("prototypes");
	return is_odd(3);
}

int is_even(int n)
{
	return n == 0 ? 1 : is_odd(n - 1);
}

int is_odd(int n)
{
	return n == 0 ? 0 : is_even(n - 1);
}

static int square(int x)
{
	return x * x;
}

void greet(const char *who)
{
	printf("hello, %s\n", who);
}
