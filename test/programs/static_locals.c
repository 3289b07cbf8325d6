// exit: 5
#include <stdio.h>

static int hidden = 100;

static int next_id(void)
{
	static int id = 0;
	return ++id;
}

int count_calls(void)
{
	static int calls;
	static char tag[] = "call";
	calls++;
	printf("%s %d\n", tag, calls);
	return calls;
}

int main(void)
{
	int i;
	for (i = 0; i < 3; i++)
		printf("%d\n", next_id());
	count_calls();
	count_calls();
	hidden += next_id();
	printf("%d\n", hidden);
	return next_id();
}
