// exit: 1
#include <stdio.h>

void bubble(int *a, int n)
{
	int i, j;
	for (i = 0; i < n - 1; i++)
		for (j = 0; j < n - 1 - i; j++)
			if (a[j] > a[j + 1]) {
				int t = a[j];
				a[j] = a[j + 1];
				a[j + 1] = t;
			}
}

void quicksort(int *a, int lo, int hi)
{
	if (lo >= hi)
		return;
	int pivot = a[(lo + hi) / 2];
	int i = lo, j = hi;
	while (i <= j) {
		while (a[i] < pivot)
			i++;
		while (a[j] > pivot)
			j--;
		if (i <= j) {
			int t = a[i];
			a[i++] = a[j];
			a[j--] = t;
		}
	}
	quicksort(a, lo, j);
	quicksort(a, i, hi);
}

int sorted(int *a, int n)
{
	int i;
	for (i = 1; i < n; i++)
		if (a[i - 1] > a[i])
			return 0;
	return 1;
}

int main(void)
{
	int a[10] = {5, -3, 9, 0, 12, 7, 7, -8, 100, 1};
	int b[10] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
	int i;
	bubble(a, 10);
	quicksort(b, 0, 9);
	for (i = 0; i < 10; i++)
		printf("%d ", a[i]);
	printf("\n");
	for (i = 0; i < 10; i++)
		printf("%d ", b[i]);
	printf("\n");
	return sorted(a, 10) && sorted(b, 10);
}
