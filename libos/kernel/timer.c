/* timer.c: the 8254 PIT on IRQ 0, sleep_ms, periodic callbacks and the TSC calibrated against the PIT. */

#include <unikernel.h>
#include "kernel.h"
#include "x86.h"

#define PIT_CHANNEL0 0x40
#define PIT_CHANNEL2 0x42
#define PIT_COMMAND 0x43
#define PIT_RATE_GENERATOR 0x34  /* channel 0, low then high byte, mode 2 */
#define PIT_RATE_GENERATOR2 0xB4 /* channel 2, low then high byte, mode 2 */
#define PIT_LATCH2 0x80          /* latch the count of channel 2 for reading */
#define PIT_HZ 1193182           /* input clock of the 8254 */
#define PORT_B 0x61              /* bit 0 gates channel 2, bit 1 drives the speaker */
#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02
#define MIN_HZ 19                /* the divisor must fit 16 bits */
#define MAX_HZ 10000
#define DEFAULT_HZ 1000          /* what the other calls start when the app has not */
#define CALIBRATION_US 3000      /* the TSC is measured over this many microseconds */
#define CALIBRATION_WINDOWS 3    /* measurements whose median is taken */
#define MAX_WINDOWS 20           /* attempts before settling for fewer measurements */
#define MAX_STEP 2386            /* PIT counts (2 ms) between two reads that mean a host pause */
#define MAX_CALLBACKS 8

struct callback {
  void (*function)(void);
  unsigned long long period;   /* in microseconds */
  unsigned long long next;     /* uptime at which it runs next */
};

static volatile unsigned int ticks;
static unsigned int hz;
static unsigned int khz_of_tsc;
static struct callback callbacks[MAX_CALLBACKS];

static unsigned long long
tsc_uptime_us(void)
{
  return (rdtsc() - libos_boot_tsc) * 1000 / khz_of_tsc;
}

/*
 * Runs each callback whose time has come, once per period that passed:
 * v86 raises one IRQ 0 for several periods when the host is busy, so the
 * schedule follows the TSC instead of counting ticks. Runs with interrupts
 * off, from the tick or from sleep_ms.
 */
static void
run_due_callbacks(void)
{
  struct callback *c;
  unsigned long long now = tsc_uptime_us();
  int i;

  for (i = 0; i < MAX_CALLBACKS; i++) {
    c = &callbacks[i];
    while (c->function != 0 && now >= c->next) {
      c->next += c->period;
      c->function();
    }
  }
}

static void
on_tick(void)
{
  ticks++;
  run_due_callbacks();
}

static unsigned int
read_channel2(void)
{
  unsigned int low;

  x86_outb(PIT_COMMAND, PIT_LATCH2);
  low = x86_inb(PIT_CHANNEL2);
  return low | x86_inb(PIT_CHANNEL2) << 8;
}

/*
 * Returns TSC kHz measured over CALIBRATION_US of PIT channel 2 counts,
 * or 0 when the host paused the emulator during the window. Each count
 * read is paired with a TSC read and the counts are summed modulo 2^16
 * read by read, so the free-running channel may wrap. A pause shows as a
 * jump of more than MAX_STEP counts between two reads, since a read pair
 * takes microseconds. A pause longer than a wrap (55 ms) would lose whole
 * periods; its jump is random modulo 2^16, so the test misses 4% of those.
 */
static unsigned int
measure_window(void)
{
  unsigned int target = (unsigned int)((unsigned long long)PIT_HZ * CALIBRATION_US / 1000000);
  unsigned int previous, current, step, elapsed = 0;
  unsigned long long start, end;

  previous = read_channel2();
  start = rdtsc();
  do {
    current = read_channel2();
    end = rdtsc();
    step = (previous - current) & 0xFFFF;
    if (step > MAX_STEP)
      return 0;
    elapsed += step;
    previous = current;
  } while (elapsed < target);
  return (unsigned int)((end - start) * PIT_HZ / elapsed / 1000);
}

/*
 * Runs PIT channel 2 as a free-running 16-bit counter and takes the median
 * of CALIBRATION_WINDOWS undisturbed measurements, trying at most
 * MAX_WINDOWS, so the host pausing the emulator (a busy browser tab or
 * test machine) does not skew the ratio.
 */
static void
calibrate_tsc(void)
{
  unsigned int khz[CALIBRATION_WINDOWS], value;
  int i, j, found = 0;

  x86_outb(PORT_B, (x86_inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2);
  x86_outb(PIT_COMMAND, PIT_RATE_GENERATOR2);
  x86_outb(PIT_CHANNEL2, 0xFF);
  x86_outb(PIT_CHANNEL2, 0xFF);
  for (i = 0; i < MAX_WINDOWS && found < CALIBRATION_WINDOWS; i++) {
    value = measure_window();
    if (value == 0)
      continue;
    for (j = found++; j > 0 && khz[j - 1] > value; j--)
      khz[j] = khz[j - 1];
    khz[j] = value;
  }
  khz_of_tsc = found > 0 ? khz[found / 2] : 1;
}

void
timer_start(unsigned int rate_hz)
{
  unsigned int divisor;

  if (rate_hz < MIN_HZ || rate_hz > MAX_HZ)
    libos_panic("timer_start", "rate outside 19-10000 Hz", __builtin_return_address(0));
  divisor = (PIT_HZ + rate_hz / 2) / rate_hz;
  hz = rate_hz;
  x86_outb(PIT_COMMAND, PIT_RATE_GENERATOR);
  x86_outb(PIT_CHANNEL0, divisor & 0xFF);
  x86_outb(PIT_CHANNEL0, divisor >> 8);
  if (khz_of_tsc == 0)
    calibrate_tsc();
  irq_set_handler(0, on_tick);
  sti();
}

unsigned int
timer_hz(void)
{
  return hz;
}

unsigned int
timer_ticks(void)
{
  return ticks;
}

unsigned int
tsc_khz(void)
{
  if (hz == 0)
    timer_start(DEFAULT_HZ);
  return khz_of_tsc;
}

/*
 * Sleeps for at least ms milliseconds by the TSC, halting between timer
 * ticks, and enables interrupts. Callbacks that fell due after the last
 * tick run before it returns: after a host pause the TSC can pass the
 * deadline before the late tick arrives.
 */
void
sleep_ms(unsigned int ms)
{
  unsigned long long deadline;

  if (hz == 0)
    timer_start(DEFAULT_HZ);
  deadline = tsc_uptime_us() + (unsigned long long)ms * 1000;
  sti();
  while (tsc_uptime_us() < deadline)
    hlt();
  cli();
  run_due_callbacks();
  sti();
}

int
timer_every(unsigned int ms, void (*function)(void))
{
  int i;

  if (hz == 0)
    timer_start(DEFAULT_HZ);
  for (i = 0; i < MAX_CALLBACKS; i++) {
    if (callbacks[i].function == 0) {
      cli();
      callbacks[i].period = ms == 0 ? 1 : (unsigned long long)ms * 1000;
      callbacks[i].next = tsc_uptime_us() + callbacks[i].period;
      callbacks[i].function = function;
      sti();
      return i;
    }
  }
  return -1;
}

void
timer_cancel(int id)
{
  if (id >= 0 && id < MAX_CALLBACKS)
    callbacks[id].function = 0;
}

/* Microseconds since boot from the calibrated TSC; the first call may start the timer. */
unsigned long long
uptime_us(void)
{
  if (hz == 0)
    timer_start(DEFAULT_HZ);
  return tsc_uptime_us();
}
