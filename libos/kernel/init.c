/* init.c: start-up in C, from the multiboot entry to the app's main. */

#include <stdlib.h>
#include <unikernel.h>
#include "kernel.h"
#include "multiboot.h"
#include "x86.h"

#define MAX_ARGS 32          /* argv entries taken from the command line */
#define CMDLINE_SIZE 256     /* bytes of the command line kept, with its NUL */

int main(int argc, char **argv);

unsigned long long libos_boot_tsc;

static char cmdline[CMDLINE_SIZE];
static char *args[MAX_ARGS + 1];
static char default_name[] = "app";

/*
 * Splits the multiboot command line on spaces into args, argv[0] first.
 * Returns argc, or 0 when there is no command line or it is empty.
 */
static int
parse_cmdline(struct multiboot_info *mbi)
{
  const char *src;
  char *p;
  int argc, i;

  if (mbi == 0 || !(mbi->flags & MULTIBOOT_INFO_CMDLINE) || mbi->cmdline == 0)
    return 0;

  src = (const char *)mbi->cmdline;
  for (i = 0; i < CMDLINE_SIZE - 1 && src[i] != '\0'; i++)
    cmdline[i] = src[i];

  argc = 0;
  p = cmdline;
  while (argc < MAX_ARGS) {
    while (*p == ' ')
      *p++ = '\0';
    if (*p == '\0')
      break;
    args[argc++] = p;
    while (*p != ' ' && *p != '\0')
      p++;
  }
  return argc;
}

static int argc;

/* The first function in ring 3. */
static void
run_main(void)
{
  exit(main(argc, args));
}

void
libos_init(unsigned int magic, struct multiboot_info *mbi)
{
  __asm__ volatile("rdtsc" : "=A"(libos_boot_tsc));
  if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
    mbi = 0;

  /* The multiboot info is read before paging: it may lie where the app stack and its guard go. */
  argc = parse_cmdline(mbi);         // argv from the multiboot command line
  if (argc == 0) {
    args[0] = default_name;
    argc = 1;
  }
  idt_init();                        // CPU exception vectors 0-31, IRQ vectors 32-47
  paging_init(mbi);                  // identity paging; page 0 and the stack guard unmapped
  tss_init();                        // exceptions from ring 3 use a kernel stack
  pic_init();                        // IRQs moved to vectors 32-47 and masked
  uart_init();                       // COM1 console, 115200 8N1
  x86_outb(UK_PORT_EVENT, UK_EVENT_MAIN);  // the host records boot metrics
  libos_enter_user(run_main, libos_stack_top);  // main runs in ring 3 with IOPL 3
}
