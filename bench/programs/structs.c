/* Struct-heavy code: particles passed by pointer and by value, returned by value. */
#include <stdio.h>

struct vec { int x, y, z; };
struct particle { struct vec position; struct vec velocity; int mass; unsigned char alive; };

#define COUNT 256

static struct particle particles[COUNT];

static struct vec add(struct vec a, struct vec b) {
  struct vec r = {a.x + b.x, a.y + b.y, a.z + b.z};
  return r;
}

static struct vec scale(struct vec v, int k) {
  struct vec r = {v.x * k, v.y * k, v.z * k};
  return r;
}

static int dot(const struct vec *a, const struct vec *b) {
  return a->x * b->x + a->y * b->y + a->z * b->z;
}

static void step(struct particle *p) {
  struct vec gravity = {0, -1, 0};
  p->velocity = add(p->velocity, scale(gravity, p->mass));
  p->position = add(p->position, p->velocity);
  if (p->position.y < -1000) {
    p->position.y = -1000;
    p->velocity.y = -p->velocity.y / 2;
  }
  p->alive = dot(&p->velocity, &p->velocity) < 1000000;
}

int main(void) {
  for (int i = 0; i < COUNT; i++) {
    struct particle p = {{i, 100 + i % 7, -i}, {i % 5 - 2, 3, i % 3}, 1 + i % 4, 1};
    particles[i] = p;
  }
  for (int t = 0; t < 120; t++)
    for (int i = 0; i < COUNT; i++) step(&particles[i]);
  unsigned int checksum = 0;
  int alive = 0;
  for (int i = 0; i < COUNT; i++) {
    struct particle p = particles[i];
    checksum = checksum * 33u + (unsigned int)(p.position.x ^ p.position.y ^ p.position.z);
    checksum += (unsigned int)p.velocity.y;
    alive += p.alive;
  }
  printf("structs checksum %u alive %d\n", checksum, alive);
  return 0;
}
