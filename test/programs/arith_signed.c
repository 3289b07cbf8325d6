// exit: 3
#include <stdio.h>

int main(void)
{
	int a = 17, b = -5, c = 0;
	printf("%d %d %d\n", a + b, a - b, a * b);
	printf("%d %d\n", a / b, a % b);
	printf("%d %d\n", -a / 5, -a % 5);
	printf("%d %d\n", -17 / -5, -17 % -5);
	c = a * 1000 + b * 100 - 3;
	printf("%d\n", c);
	printf("%d\n", -(a - 20));
	printf("%d\n", 2147483647 + 0);
	printf("%d\n", a * a * a - a / 2 + (a % 3) * 7);
	return a % 7;
}
