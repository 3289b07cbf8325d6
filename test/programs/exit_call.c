// exit: 17
#include <stdio.h>
#include <stdlib.h>

void finish(int code)
{
	printf("finishing with %d\n", code);
	exit(code);
}

int main(void)
{
	finish(17);
	printf("not reached\n");
	return 1;
}
