// exit: 29
#include <stdio.h>

struct point {
	int x;
	int y;
};

struct point origin;

void move(struct point *p, int dx, int dy)
{
	p->x += dx;
	p->y += dy;
}

int main(void)
{
	struct point p;
	p.x = 3;
	p.y = 4;
	printf("%d %d\n", p.x, p.y);
	move(&p, 10, 20);
	printf("%d %d\n", p.x, p.y);
	struct point *q = &p;
	q->x = q->y * 2;
	printf("%d\n", p.x);
	printf("%d %d\n", origin.x, origin.y);
	struct point pts[3];
	int i;
	for (i = 0; i < 3; i++) {
		pts[i].x = i;
		pts[i].y = i * i;
	}
	printf("%d %d\n", pts[2].x, pts[2].y);
	struct point *it = pts;
	it++;
	printf("%d\n", it->y);
	return p.y + 5;
}
