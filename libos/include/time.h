/* time.h: wall-clock time from the CMOS real-time clock. */
#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>

typedef long time_t;
typedef long clock_t;

/* clock() counts microseconds since boot. */
#define CLOCKS_PER_SEC 1000000L

struct tm {
  int tm_sec;    /* 0-60 */
  int tm_min;    /* 0-59 */
  int tm_hour;   /* 0-23 */
  int tm_mday;   /* 1-31 */
  int tm_mon;    /* 0-11 */
  int tm_year;   /* years since 1900 */
  int tm_wday;   /* 0-6, Sunday = 0 */
  int tm_yday;   /* 0-365 */
  int tm_isdst;  /* always 0: the RTC keeps UTC */
};

/* Seconds since 1970-01-01 00:00 UTC, read from the RTC (v86 and QEMU set it to the host's UTC time). */
time_t time(time_t *result);
/* Microseconds since boot (uptime_us()); the first call starts the timer, see unikernel.h. */
clock_t clock(void);
struct tm *gmtime(const time_t *timer);
struct tm *gmtime_r(const time_t *timer, struct tm *result);

#endif
