/* Shared declarations of the interop test: app.c and lib.c call each other through these. */
#ifndef INTEROP_H
#define INTEROP_H

struct vec { double x, y; };
struct record { char tag; long long id; float weight; short parts[3]; };
struct flags { unsigned ready : 1, mode : 3; int level : 5; };
struct big { int values[12]; };

typedef struct vec (*vec_map)(struct vec, double);
typedef long long (*fold_fn)(long long, int);
typedef int (*compare_fn)(const void *, const void *);

extern struct record shared_record;
extern int lib_calls;

/* Defined in lib.c. */
struct vec lib_scale(struct vec v, double k);
struct record lib_make_record(char tag, long long id, float weight);
long long lib_sum(int count, ...);
double lib_average(const char *types, ...);
struct vec lib_map_twice(vec_map map, struct vec v, double k);
long long lib_fold(fold_fn fn, const int *values, int count, long long start);
void lib_sort(int *values, int count, compare_fn compare);
struct flags lib_toggle(struct flags f);
struct big lib_reverse(struct big b);
unsigned long long lib_mix(unsigned long long a, unsigned char shift, long double scale);
int lib_call_logger(int value);

/* Defined in app.c. */
int app_log(const char *format, ...);
struct vec app_rotate(struct vec v, double turns);
long long app_accumulate(long long acc, int value);
int app_descending(const void *a, const void *b);
float app_weigh(struct record r);

#endif
