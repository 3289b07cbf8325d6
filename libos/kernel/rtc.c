/* rtc.c: the CMOS real-time clock, read as Unix time by time(). */

#include <time.h>
#include "x86.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B
#define STATUS_A_UPDATING 0x80   /* the clock is updating; its registers are unstable */
#define STATUS_B_24_HOUR 0x02
#define STATUS_B_BINARY 0x04     /* registers hold binary instead of BCD */
#define HOUR_PM 0x80             /* in 12-hour mode */

struct rtc_fields {
  int second, minute, hour, day, month, year;
};

static int
cmos_read(int reg)
{
  x86_outb(CMOS_INDEX, reg);
  return x86_inb(CMOS_DATA);
}

static void
read_fields(struct rtc_fields *f)
{
  while (cmos_read(RTC_STATUS_A) & STATUS_A_UPDATING)
    ;
  f->second = cmos_read(RTC_SECONDS);
  f->minute = cmos_read(RTC_MINUTES);
  f->hour = cmos_read(RTC_HOURS);
  f->day = cmos_read(RTC_DAY);
  f->month = cmos_read(RTC_MONTH);
  f->year = cmos_read(RTC_YEAR);
}

static int
from_bcd(int value)
{
  return (value >> 4) * 10 + (value & 0xF);
}

/* Days from 1970-01-01 to the civil date, for the proleptic Gregorian calendar. */
static long
days_from_civil(int year, int month, int day)
{
  int era, year_of_era, day_of_year, day_of_era;

  year -= month <= 2;
  era = year / 400;
  year_of_era = year - era * 400;
  day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return (long)era * 146097 + day_of_era - 719468;
}

/* Reads the RTC twice until two reads agree, so no field changes halfway through. */
time_t
time(time_t *result)
{
  struct rtc_fields a, b;
  int status, pm;
  time_t now;

  read_fields(&b);
  do {
    a = b;
    read_fields(&b);
  } while (a.second != b.second || a.minute != b.minute || a.hour != b.hour || a.day != b.day ||
           a.month != b.month || a.year != b.year);

  status = cmos_read(RTC_STATUS_B);
  pm = b.hour & HOUR_PM;
  b.hour &= ~HOUR_PM;
  if (!(status & STATUS_B_BINARY)) {
    b.second = from_bcd(b.second);
    b.minute = from_bcd(b.minute);
    b.hour = from_bcd(b.hour);
    b.day = from_bcd(b.day);
    b.month = from_bcd(b.month);
    b.year = from_bcd(b.year);
  }
  if (!(status & STATUS_B_24_HOUR))
    b.hour = b.hour % 12 + (pm ? 12 : 0);
  /* The RTC keeps two year digits; 70-99 are the 1900s as in Unix time. */
  b.year += b.year < 70 ? 2000 : 1900;

  now = (time_t)days_from_civil(b.year, b.month, b.day) * 86400 + b.hour * 3600 + b.minute * 60 + b.second;
  if (result != 0)
    *result = now;
  return now;
}
