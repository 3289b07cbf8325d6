// exit: 36
#include <stdio.h>

struct vec {
	int x, y, z;
};

struct big {
	int data[20];
	char name[8];
};

struct vec add(struct vec a, struct vec b)
{
	struct vec r;
	r.x = a.x + b.x;
	r.y = a.y + b.y;
	r.z = a.z + b.z;
	return r;
}

int total(struct big b)
{
	int i, s = 0;
	for (i = 0; i < 20; i++)
		s += b.data[i];
	return s;
}

struct big make_big(int seed)
{
	struct big b;
	int i;
	for (i = 0; i < 20; i++)
		b.data[i] = seed + i;
	b.name[0] = 'b';
	b.name[1] = 0;
	return b;
}

int main(void)
{
	struct vec a = {1, 2, 3};
	struct vec b = {10, 20, 30};
	struct vec c = add(a, b);
	printf("%d %d %d\n", c.x, c.y, c.z);
	struct vec d;
	d = c;
	d.x = 0;
	printf("%d %d\n", c.x, d.x);
	struct big bb = make_big(5);
	printf("%d %s\n", total(bb), bb.name);
	struct big copy = bb;
	copy.data[0] = 1000;
	printf("%d %d\n", bb.data[0], copy.data[0]);
	printf("%d\n", add(a, a).y);
	return c.z + 3;
}
