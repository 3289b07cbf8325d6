/* floor.S: floor, ceil and trunc, frndint under a temporary x87 rounding mode. */

#define RC_MASK 0xF3FF   /* clears the rounding-control bits of the control word */
#define RC_DOWN 0x0400
#define RC_UP 0x0800
#define RC_ZERO 0x0C00

/* Rounds the double at 12(%esp) (after the macro's 8 bytes of locals) with rounding mode \mode. */
.macro round_with mode
  subl $8, %esp
  fnstcw (%esp)
  movw (%esp), %ax
  andw $RC_MASK, %ax
  orw $\mode, %ax
  movw %ax, 2(%esp)
  fldcw 2(%esp)
  fldl 12(%esp)
  frndint
  fldcw (%esp)
  addl $8, %esp
  ret
.endm

.section .text.floor, "ax"
.globl floor
.type floor, @function
floor:
  round_with RC_DOWN
.size floor, . - floor

.section .text.ceil, "ax"
.globl ceil
.type ceil, @function
ceil:
  round_with RC_UP
.size ceil, . - ceil

.section .text.trunc, "ax"
.globl trunc
.type trunc, @function
trunc:
  round_with RC_ZERO
.size trunc, . - trunc

.section .note.GNU-stack, "", @progbits
