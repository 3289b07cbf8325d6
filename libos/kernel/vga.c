/* vga.c: the 80x25 VGA text screen as a second console output. */

#include <unikernel.h>
#include "kernel.h"
#include "x86.h"

#define VGA_TEXT_BUFFER 0xB8000
#define CRTC_INDEX 0x3D4
#define CRTC_DATA 0x3D5
#define CRTC_CURSOR_START 0x0A    /* bit 5 hides the cursor */
#define CRTC_CURSOR_HIGH 0x0E
#define CRTC_CURSOR_LOW 0x0F
#define TAB_WIDTH 8

static volatile unsigned short *const screen = (volatile unsigned short *)VGA_TEXT_BUFFER;
static int row, column;
static unsigned char attribute = VGA_LIGHT_GREY;

static void
update_cursor(void)
{
  unsigned int position = row * VGA_COLUMNS + column;

  x86_outb(CRTC_INDEX, CRTC_CURSOR_HIGH);
  x86_outb(CRTC_DATA, position >> 8);
  x86_outb(CRTC_INDEX, CRTC_CURSOR_LOW);
  x86_outb(CRTC_DATA, position & 0xFF);
}

static void
scroll(void)
{
  int i;

  for (i = 0; i < (VGA_ROWS - 1) * VGA_COLUMNS; i++)
    screen[i] = screen[i + VGA_COLUMNS];
  for (; i < VGA_ROWS * VGA_COLUMNS; i++)
    screen[i] = attribute << 8 | ' ';
  row = VGA_ROWS - 1;
}

/* Writes one byte at the cursor; \n, \r, \b and \t move the cursor as a terminal does. */
static void
put_byte(int c)
{
  switch (c) {
  case '\n':
    column = 0;
    row++;
    break;
  case '\r':
    column = 0;
    break;
  case '\b':
    if (column > 0)
      column--;
    break;
  case '\t':
    column = (column + TAB_WIDTH) & ~(TAB_WIDTH - 1);
    break;
  default:
    screen[row * VGA_COLUMNS + column] = attribute << 8 | (unsigned char)c;
    column++;
  }
  if (column >= VGA_COLUMNS) {
    column = 0;
    row++;
  }
  if (row >= VGA_ROWS)
    scroll();
}

void
vga_putc(int c)
{
  put_byte(c);
  update_cursor();
}

void
vga_puts(const char *s)
{
  while (*s != '\0')
    put_byte(*s++);
  update_cursor();
}

void
vga_clear(void)
{
  int i;

  for (i = 0; i < VGA_ROWS * VGA_COLUMNS; i++)
    screen[i] = attribute << 8 | ' ';
  row = column = 0;
  update_cursor();
}

void
vga_set_color(int foreground, int background)
{
  attribute = (unsigned char)((background & 0xF) << 4 | (foreground & 0xF));
}

void
vga_move_cursor(int new_row, int new_column)
{
  if (new_row < 0 || new_row >= VGA_ROWS || new_column < 0 || new_column >= VGA_COLUMNS)
    return;
  row = new_row;
  column = new_column;
  update_cursor();
}

void
vga_console(int enable)
{
  if (enable) {
    vga_clear();
    libos_console_mirror = vga_putc;
  } else {
    libos_console_mirror = 0;
  }
}
