/* gmtime.c: Unix time to a broken-down UTC date. */

#include <time.h>

static struct tm shared_tm;

struct tm *
gmtime_r(const time_t *timer, struct tm *tm)
{
  long days = *timer / 86400, seconds = *timer % 86400;
  int era, day_of_era, year_of_era, day_of_year, mp, year, leap;

  if (seconds < 0) {
    seconds += 86400;
    days--;
  }
  tm->tm_hour = seconds / 3600;
  tm->tm_min = seconds / 60 % 60;
  tm->tm_sec = seconds % 60;
  tm->tm_wday = (int)((days % 7 + 11) % 7);   /* 1970-01-01 was a Thursday */

  /* The civil-from-days conversion over 400-year eras of 146097 days. */
  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  day_of_era = days - (long)era * 146097;
  year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  mp = (5 * day_of_year + 2) / 153;
  tm->tm_mday = day_of_year - (153 * mp + 2) / 5 + 1;
  tm->tm_mon = mp < 10 ? mp + 2 : mp - 10;
  year = year_of_era + era * 400 + (tm->tm_mon <= 1);
  tm->tm_year = year - 1900;
  leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  /* day_of_year counts from March 1. */
  tm->tm_yday = mp < 10 ? day_of_year + 59 + leap : day_of_year - 306;
  tm->tm_isdst = 0;
  return tm;
}

struct tm *
gmtime(const time_t *timer)
{
  return gmtime_r(timer, &shared_tm);
}
