/* io.c: port I/O and interrupt-flag functions for apps (unikernel.h). */

#include <unikernel.h>
#include "kernel.h"

void
outb(unsigned char value, unsigned short port)
{
  __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

void
outw(unsigned short value, unsigned short port)
{
  __asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

void
outl(unsigned int value, unsigned short port)
{
  __asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

unsigned char
inb(unsigned short port)
{
  unsigned char value;

  __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}

unsigned short
inw(unsigned short port)
{
  unsigned short value;

  __asm__ volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}

unsigned int
inl(unsigned short port)
{
  unsigned int value;

  __asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}

void
cli(void)
{
  __asm__ volatile("cli");
}

void
sti(void)
{
  __asm__ volatile("sti");
}

/*
 * The app runs in ring 3, where hlt is privileged, so the kernel halts for
 * it. As the instruction does, hlt() with interrupts disabled never returns.
 */
void
hlt(void)
{
  unsigned int flags;

  __asm__ volatile("pushfl; popl %0" : "=r"(flags));
  if (!(flags & EFLAGS_IF))
    __asm__ volatile("int %0" : : "i"(T_HALT));
  __asm__ volatile("int %0" : : "i"(T_WAIT));
}
