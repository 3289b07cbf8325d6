// exit: 4
#include <stdio.h>

void swap(int *a, int *b)
{
	int t = *a;
	*a = *b;
	*b = t;
}

int main(void)
{
	int x = 1, y = 2;
	swap(&x, &y);
	printf("%d %d\n", x, y);
	int arr[10];
	int i;
	for (i = 0; i < 10; i++)
		arr[i] = i * i;
	int *p = arr + 3;
	int *q = &arr[7];
	printf("%d %d\n", *p, *q);
	printf("%d %d\n", q - p, p - q);
	printf("%d\n", *(p + 2));
	printf("%d\n", p[1]);
	printf("%d\n", 2[p]);
	printf("%d\n", p < q);
	int **pp = &p;
	**pp = 99;
	printf("%d\n", arr[3]);
	char buf[8];
	char *c = buf;
	char *end = buf + 8;
	printf("%d\n", end - c);
	void *v = arr;
	int *back = v;
	printf("%d\n", back[9]);
	int *null = 0;
	printf("%d\n", null == 0);
	return q - p;
}
