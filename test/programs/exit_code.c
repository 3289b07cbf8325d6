// exit: 42
#include <stdio.h>

int main(void)
{
	printf("returning %d\n", 42);
	return 42;
}
