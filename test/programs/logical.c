// exit: 3
#include <stdio.h>

int calls;

int touch(int v)
{
	calls++;
	return v;
}

int main(void)
{
	int r;
	r = touch(0) && touch(1);
	printf("%d %d\n", r, calls);
	r = touch(1) || touch(1);
	printf("%d %d\n", r, calls);
	r = touch(1) && touch(2);
	printf("%d %d\n", r, calls);
	r = touch(0) || touch(0);
	printf("%d %d\n", r, calls);
	printf("%d %d %d\n", !0, !5, !!7);
	char *p = 0;
	printf("%d\n", p && *p);
	printf("%d\n", 5 && 0 || 3);
	return !calls + 3;
}
