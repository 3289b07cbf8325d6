/* x86.h: inline wrappers for the x86 instructions the library OS uses. */
#ifndef _LIBOS_X86_H
#define _LIBOS_X86_H

static inline void x86_outb(unsigned short port, unsigned char value)
{
  __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline unsigned char x86_inb(unsigned short port)
{
  unsigned char value;

  __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}

static inline void x86_outl(unsigned short port, unsigned int value)
{
  __asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

static inline unsigned int x86_read_cr2(void)
{
  unsigned int value;

  __asm__ volatile("movl %%cr2, %0" : "=r"(value));
  return value;
}

#endif
