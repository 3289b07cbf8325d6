// exit: 6
#include <stdio.h>

extern int shared;
int shared = 4;
extern int later(void);
static int helper(int x);
int tentative;
int tentative;

int use_extern(void)
{
	extern int shared;
	return shared + 1;
}

int main(void)
{
	printf("%d\n", use_extern());
	printf("%d\n", helper(5));
	printf("%d\n", later());
	printf("%d\n", tentative);
	register int r = 2;
	auto int a = 4;
	return r + a;
}

static int helper(int x)
{
	return x * 10;
}

int later(void)
{
	return 77;
}
