// exit: 0
#include <stdio.h>

int main(void)
{
	printf("hello, world\n");
	puts("from puts");
	putchar('!');
	putchar('\n');
	return 0;
}
