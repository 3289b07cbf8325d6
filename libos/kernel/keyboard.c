/* keyboard.c: the PS/2 keyboard on IRQ 1, scan code set 1 turned into US-layout ASCII for stdin. */

#include <unikernel.h>
#include "kernel.h"
#include "x86.h"

#define PS2_DATA 0x60
#define PS2_STATUS 0x64
#define STATUS_INPUT_FULL 0x02    /* the controller has not taken the last byte yet */
#define KBD_ENABLE_SCANNING 0xF4
#define KBD_ACK 0xFA
#define IRQ_KEYBOARD 1

#define SC_RELEASED 0x80          /* set on the scan code of a key release */
#define SC_EXTENDED 0xE0          /* prefix of the arrow, navigation and right-hand keys */
#define SC_LEFT_SHIFT 0x2A
#define SC_RIGHT_SHIFT 0x36
#define SC_CTRL 0x1D
#define SC_CAPS_LOCK 0x3A
#define KEYMAP_SIZE 0x3A          /* scan codes below Caps Lock map to characters */

/* Characters for scan codes 0x00-0x39, without and with Shift; 0 means no character. */
static const char plain[KEYMAP_SIZE] =
  "\0\033" "1234567890-=" "\b\t" "qwertyuiop[]" "\n\0" "asdfghjkl;'`" "\0\\" "zxcvbnm,./" "\0*\0 ";
static const char shifted[KEYMAP_SIZE] =
  "\0\033" "!@#$%^&*()_+" "\b\t" "QWERTYUIOP{}" "\n\0" "ASDFGHJKL:\"~" "\0|" "ZXCVBNM<>?" "\0*\0 ";

static int shift, ctrl, caps_lock, extended;

/* Returns the character for a key press, or 0 for keys without one. */
static int
translate(int code)
{
  int c, letter;

  if (code >= KEYMAP_SIZE)
    return 0;
  c = shift ? shifted[code] : plain[code];
  letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (letter && caps_lock)
    c ^= 0x20;
  if (letter && ctrl)
    c &= 0x1F;
  return c;
}

static void
on_keyboard(void)
{
  int code = x86_inb(PS2_DATA), released, c;

  if (code == KBD_ACK)
    return;
  if (code == SC_EXTENDED) {
    extended = 1;
    return;
  }
  released = code & SC_RELEASED;
  code &= ~SC_RELEASED;
  if (extended) {
    extended = 0;
    if (code == SC_CTRL)
      ctrl = !released;
    return;
  }
  if (code == SC_LEFT_SHIFT || code == SC_RIGHT_SHIFT)
    shift = !released;
  else if (code == SC_CTRL)
    ctrl = !released;
  else if (code == SC_CAPS_LOCK && !released)
    caps_lock = !caps_lock;
  else if (!released && (c = translate(code)) != 0)
    console_input_push(c);
}

/* Starts the keyboard: IRQ 1 on, then scanning enabled (its ACK byte is skipped). */
void
keyboard_init(void)
{
  irq_set_handler(IRQ_KEYBOARD, on_keyboard);
  while (x86_inb(PS2_STATUS) & STATUS_INPUT_FULL)
    ;
  x86_outb(PS2_DATA, KBD_ENABLE_SCANNING);
}
