/* clock.c: processor time, which for a unikernel is the time since boot. */

#include <time.h>
#include <unikernel.h>

clock_t
clock(void)
{
  return (clock_t)uptime_us();
}
