// exit: 4
#include <stdio.h>

struct pair {
	char c;
	int i;
};

int main(void)
{
	int arr[7];
	char *p = 0;
	struct pair pr;
	printf("%d %d %d %d\n", (int)sizeof(char), (int)sizeof(short), (int)sizeof(int), (int)sizeof(long));
	printf("%d %d %d\n", (int)sizeof(void *), (int)sizeof(char *), (int)sizeof(int **));
	printf("%d %d\n", (int)sizeof arr, (int)sizeof(arr[0]));
	printf("%d\n", (int)sizeof(struct pair));
	printf("%d %d\n", (int)sizeof pr, (int)sizeof pr.c);
	printf("%d\n", (int)sizeof(*p));
	printf("%d\n", (int)sizeof(int[3][5]));
	int n = 5;
	printf("%d %d\n", (int)sizeof(n++), n);
	printf("%d\n", (int)sizeof(1 + 'a'));
	printf("%d\n", sizeof(int) > -1);
	return sizeof(int);
}
