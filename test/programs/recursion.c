// exit: 69
#include <stdio.h>

int fib(int n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

int ackermann(int m, int n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ackermann(m - 1, 1);
	return ackermann(m - 1, ackermann(m, n - 1));
}

int moves;

void hanoi(int n, int from, int to, int via)
{
	if (n == 0)
		return;
	hanoi(n - 1, from, via, to);
	moves++;
	hanoi(n - 1, via, to, from);
}

int gcd(int a, int b)
{
	return b == 0 ? a : gcd(b, a % b);
}

int main(void)
{
	printf("%d\n", fib(20));
	printf("%d\n", ackermann(2, 3));
	hanoi(6, 1, 3, 2);
	printf("%d\n", moves);
	printf("%d\n", gcd(1071, 462));
	return ackermann(2, 3) + moves - 3;
}
