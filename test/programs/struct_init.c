// exit: 9
#include <stdio.h>

struct color {
	unsigned char r, g, b;
};

struct item {
	const char *name;
	int qty;
	struct color color;
	int tags[2];
};

struct item inventory[] = {
	{"apple", 3, {255, 0, 0}, {1, 2}},
	{"pear", 5, {0, 255, 0}},
	{"plum", 1, 128, 0, 128, 7},
};

struct color black;
struct color white = {255, 255, 255};

int main(void)
{
	int i;
	int count = sizeof(inventory) / sizeof(inventory[0]);
	for (i = 0; i < count; i++)
		printf("%s %d %d,%d,%d %d %d\n", inventory[i].name, inventory[i].qty, inventory[i].color.r,
		       inventory[i].color.g, inventory[i].color.b, inventory[i].tags[0], inventory[i].tags[1]);
	printf("%d %d\n", black.r, white.b);
	struct item local = {"local", 9};
	printf("%s %d %d %d\n", local.name, local.qty, local.color.g, local.tags[1]);
	struct color mix[2] = {{1, 2, 3}, {4}};
	printf("%d %d %d\n", mix[0].b, mix[1].r, mix[1].g);
	return local.qty;
}
