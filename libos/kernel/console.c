/* console.c: stdin's input buffer, filled by the COM1 and keyboard interrupts, and line editing. */

#include <stdio.h>
#include <unikernel.h>
#include "kernel.h"

#define INPUT_SIZE 256       /* bytes received but not yet read; more are dropped */
#define LINE_SIZE 256        /* longest edited line; longer input ends the line early */
#define IRQ_COM1 4
#define CTRL_D 0x04          /* end of transmission: a terminal's end of input */
#define BACKSPACE 0x08
#define DELETE 0x7F          /* what terminals send for the Backspace key */

static volatile unsigned char input[INPUT_SIZE];
static volatile unsigned int input_head, input_tail;
static int input_ready;

/* The edited line that fgets and getchar read from before taking new input. */
static char line[LINE_SIZE];
static int line_length, line_next;
static int last_was_cr;

/* Called in interrupt context. */
void
console_input_push(int c)
{
  if (input_head - input_tail < INPUT_SIZE)
    input[input_head++ % INPUT_SIZE] = (unsigned char)c;
}

static void
on_com1(void)
{
  int c;

  while ((c = uart_poll()) >= 0)
    console_input_push(c);
}

/* Switches COM1 input to its IRQ, keeping bytes that arrived before, and starts the keyboard. */
static void
input_init(void)
{
  input_ready = 1;
  cli();
  on_com1();
  irq_set_handler(IRQ_COM1, on_com1);
  uart_enable_receive_interrupt();
  keyboard_init();
  sti();
}

/* Returns the next input byte as received, waiting for it with interrupts enabled. */
static int
read_raw(void)
{
  int c;

  if (!input_ready)
    input_init();
  cli();
  while (input_head == input_tail) {
    libos_wait_interrupt();
    cli();
  }
  c = input[input_tail++ % INPUT_SIZE];
  sti();
  return c;
}

/* Returns the next byte: first what is left of an edited line, then raw input; EOF for Ctrl-D. */
int
console_getc(void)
{
  int c;

  if (line_next < line_length)
    return (unsigned char)line[line_next++];
  c = read_raw();
  return c == CTRL_D ? EOF : c;
}

static void
echo(const char *s)
{
  uart_puts(s);
}

/*
 * Reads one line with echo and editing, as a terminal in canonical mode
 * does: Backspace or Delete erases the last byte, Enter (CR or LF, and LF
 * right after CR counts once) ends the line, Ctrl-D ends the input. The
 * line is kept in line[] and returned size - 1 bytes at a time, so a long
 * line spans several calls as it does with fgets on Linux. Returns the
 * number of bytes stored in buf (0 at end of input).
 */
int
console_read_line(char *buf, int size)
{
  int c, n = 0;
  char text[2] = { 0, 0 };

  if (line_next >= line_length) {
    line_length = line_next = 0;
    for (;;) {
      c = read_raw();
      if (c == '\n' && last_was_cr) {
        last_was_cr = 0;
        continue;
      }
      last_was_cr = c == '\r';
      if (c == CTRL_D)
        break;
      if (c == BACKSPACE || c == DELETE) {
        if (line_length > 0) {
          line_length--;
          echo("\b \b");
        }
        continue;
      }
      if (c == '\r' || c == '\n') {
        line[line_length++] = '\n';
        echo("\n");
        break;
      }
      line[line_length++] = (char)c;
      text[0] = (char)c;
      echo(text);
      if (line_length == LINE_SIZE - 1)
        break;
    }
  }
  while (n < size - 1 && line_next < line_length) {
    buf[n] = line[line_next++];
    if (buf[n++] == '\n')
      break;
  }
  buf[n] = '\0';
  return n;
}
