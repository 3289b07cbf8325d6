// exit: 12
#include <stdio.h>

int grid[3][4];

int trace(int m[3][3])
{
	return m[0][0] + m[1][1] + m[2][2];
}

int main(void)
{
	int i, j;
	for (i = 0; i < 3; i++)
		for (j = 0; j < 4; j++)
			grid[i][j] = i * 10 + j;
	for (i = 0; i < 3; i++) {
		for (j = 0; j < 4; j++)
			printf("%3d", grid[i][j]);
		printf("\n");
	}
	int m[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
	printf("%d\n", trace(m));
	int flat[2][3] = {1, 2, 3, 4, 5, 6};
	printf("%d %d\n", flat[1][0], flat[0][2]);
	printf("%d %d %d\n", (int)sizeof(grid), (int)sizeof(grid[0]), (int)sizeof(grid[0][0]));
	int (*row)[4] = grid + 1;
	printf("%d\n", row[1][2]);
	char names[3][6] = {"ann", "bob", "carol"};
	for (i = 0; i < 3; i++)
		printf("%s ", names[i]);
	printf("\n");
	int cube[2][2][3];
	int k, n = 0;
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++)
			for (k = 0; k < 3; k++)
				cube[i][j][k] = n++;
	printf("%d %d\n", cube[1][0][2], cube[0][1][1]);
	return (int)sizeof(cube) / 4;
}
