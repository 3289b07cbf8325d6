/* console.c: stdin's input buffer, filled by the COM1 and keyboard interrupts, and the line discipline. */

#include <stdio.h>
#include <unikernel.h>
#include "kernel.h"
#include "x86.h"

#define INPUT_SIZE 256       /* bytes received but not yet read; more are dropped */
#define LINE_SIZE 256        /* longest edited line; longer input ends the line early */
#define IRQ_COM1 4
#define CTRL_D 0x04          /* end of transmission: a terminal's end of input */
#define BACKSPACE 0x08
#define DELETE 0x7F          /* what terminals send for the Backspace key */
#define CTRL_U 0x15          /* erase the whole line */
#define ESCAPE 0x1B          /* starts an escape sequence such as an arrow key's */

enum { ESCAPE_NONE, ESCAPE_START, ESCAPE_CSI };

static volatile unsigned char input[INPUT_SIZE];
static volatile unsigned int input_head, input_tail;
static int input_ready;

/* The edited line that fgets and getchar read from before taking new input. */
static char line[LINE_SIZE];
static int line_length, line_next;
static int line_eof;       /* Ctrl-D came at the start of the line */
static int edit_start;     /* where the line being edited starts in line[] */
static int last_was_cr;
static int raw_mode;
static int echo_enabled;   /* the host console is typed at, so lines are echoed */

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
  /* 0 means piped input; hosts without the port read 0xFF, which counts as a terminal. */
  echo_enabled = x86_inb(UK_PORT_CONSOLE_INTERACTIVE) != 0;
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

static void
echo(const char *s)
{
  if (echo_enabled)
    uart_puts(s);
}

/* Returns the code point of the UTF-8 sequence at s (length bytes), or 0 when it is not well formed. */
static unsigned int
decode_utf8(const unsigned char *s, int length)
{
  unsigned int c;
  int i;

  if (length == 1)
    return s[0] < 0x80 ? s[0] : 0;
  c = s[0] & (0x7F >> length);
  for (i = 1; i < length; i++)
    c = c << 6 | (s[i] & 0x3F);
  return c;
}

/* Returns the terminal columns a code point takes: 2 for East Asian wide characters, else 1. */
static int
columns_of(unsigned int c)
{
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD))
    return 2;
  return 1;
}

/* Removes the last character of the line being edited, a whole UTF-8 sequence, and erases its columns. */
static void
erase_last(void)
{
  int start = line_length, columns;

  if (line_length == edit_start)
    return;
  while (start > edit_start && (line[start - 1] & 0xC0) == 0x80)
    start--;
  if (start > edit_start)
    start--;
  columns = columns_of(decode_utf8((const unsigned char *)line + start, line_length - start));
  line_length = start;
  while (columns-- > 0)
    echo("\b \b");
}

/*
 * Reads one line into line[] with echo and editing, as a terminal in
 * canonical mode does. Backspace or Delete erases the last character
 * (a whole UTF-8 sequence, one or two columns), Ctrl-U the whole line.
 * Enter ends the line as CR, LF or CR LF, which count once and are stored
 * as \n. Ctrl-D ends the input: at the start of a line it gives end of
 * file, after some bytes it returns them without a newline. Escape
 * sequences (arrow keys) and other control bytes are dropped.
 */
static void
read_line(int append)
{
  int c, escape = ESCAPE_NONE;
  char text[2] = { 0, 0 };

  if (!append)
    line_length = line_next = 0;
  edit_start = line_length;
  line_eof = 0;
  for (;;) {
    c = read_raw();
    if (escape != ESCAPE_NONE) {
      if (escape == ESCAPE_START && c == '[')
        escape = ESCAPE_CSI;
      else if (escape == ESCAPE_START || (c >= 0x40 && c <= 0x7E))
        escape = ESCAPE_NONE;
      continue;
    }
    if (c == '\n' && last_was_cr) {
      last_was_cr = 0;
      continue;
    }
    last_was_cr = c == '\r';
    if (c == CTRL_D) {
      line_eof = line_length == edit_start;
      return;
    }
    if (c == '\r' || c == '\n') {
      line[line_length++] = '\n';
      echo("\n");
      return;
    }
    if (c == BACKSPACE || c == DELETE) {
      erase_last();
    } else if (c == CTRL_U) {
      while (line_length > edit_start)
        erase_last();
    } else if (c == ESCAPE) {
      escape = ESCAPE_START;
    } else if (c >= ' ' || c == '\t') {
      line[line_length++] = (char)c;
      text[0] = (char)c;
      echo(text);
      if (line_length == LINE_SIZE - 1)
        return;
    }
  }
}

void
console_set_raw(int raw)
{
  raw_mode = raw;
}

/*
 * Returns the next byte of stdin for getchar: what an earlier line read
 * left, else the next byte as it arrives, without echo, so apps can react
 * to single keys. CR, LF and CR LF become one \n unless raw mode is on;
 * Ctrl-D gives EOF.
 */
int
console_getc(void)
{
  int c;

  if (line_next < line_length)
    return (unsigned char)line[line_next++];
  for (;;) {
    c = read_raw();
    if (raw_mode)
      break;
    if (c == '\n' && last_was_cr) {
      last_was_cr = 0;
      continue;
    }
    last_was_cr = c == '\r';
    if (c == '\r')
      c = '\n';
    break;
  }
  return c == CTRL_D ? EOF : c;
}

/* Returns the next byte of an edited line (see read_line), or EOF after Ctrl-D at a line start. */
static int
line_getc(void)
{
  if (line_next < line_length)
    return (unsigned char)line[line_next++];
  if (raw_mode)
    return console_getc();
  read_line(0);
  if (line_eof || line_length == 0)
    return EOF;
  return (unsigned char)line[line_next++];
}

/*
 * Stores up to size - 1 bytes of stdin through the first newline in buf,
 * keeping the rest of a long line for the next call as fgets on Linux
 * does. Returns the number of bytes stored (0 at end of input).
 */
int
console_read_line(char *buf, int size)
{
  int c, n = 0;

  while (n < size - 1) {
    c = line_getc();
    if (c == EOF)
      break;
    buf[n++] = (char)c;
    if (c == '\n')
      break;
  }
  buf[n] = '\0';
  return n;
}

/*
 * Copies the unread bytes of stdin's line buffer to buf as a string, after
 * reading a line first when there are none or when more is set (the new
 * line is appended). Sets *at_eof when Ctrl-D ended the input. Returns
 * the length copied, at most size.
 */
int
console_scan_text(char *buf, int size, int more, int *at_eof)
{
  int unread = line_length - line_next, i;

  if (unread == 0 || more) {
    for (i = 0; i < unread; i++)
      line[i] = line[line_next + i];
    line_length = unread;
    line_next = 0;
    read_line(1);
    *at_eof = line_eof;
    unread = line_length;
  }
  if (unread > size)
    unread = size;
  for (i = 0; i < unread; i++)
    buf[i] = line[line_next + i];
  buf[unread] = '\0';
  return unread;
}

/* Marks n bytes of stdin's line buffer as read. */
void
console_scan_consume(int n)
{
  if (n > line_length - line_next)
    n = line_length - line_next;
  if (n > 0)
    line_next += n;
}
