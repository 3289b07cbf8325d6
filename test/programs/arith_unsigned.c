// exit: 1
#include <stdio.h>

int main(void)
{
	unsigned a = 4000000000u, b = 7;
	unsigned zero = 0;
	printf("%u %u\n", a / b, a % b);
	printf("%u\n", zero - 1);
	printf("%u\n", a + a);
	printf("%u\n", a * 3);
	printf("%x\n", 0xdeadbeef / 16);
	printf("%u\n", (unsigned)-7 / 2);
	printf("%d\n", -7 / 2);
	unsigned long ul = 3000000000ul;
	printf("%lu\n", ul / 3);
	return a > b;
}
