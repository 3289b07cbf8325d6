/* trig.S: sin, cos, tan, atan and atan2 on the x87. */

#define SW_C2 0x0400     /* status word: fsin, fcos, fptan and fprem1 need another round */
#define MAX_ROUNDS 64    /* fprem1 removes up to 63 bits of exponent per round; doubles need 34 */

/*
 * fsin, fcos and fptan take |x| < 2^63 and set C2 otherwise; then x is
 * reduced modulo 2 pi with fprem1 until C2 clears, and the instruction runs
 * again. NOTE: the x87's internal pi has 66 bits, so results for very large
 * |x| differ from glibc's, which reduces with more bits.
 */
.macro trig_with instruction
  fldl 4(%esp)
  \instruction
  fnstsw %ax
  testw $SW_C2, %ax
  jz 2f
  fldpi
  fadd %st(0), %st
  fxch %st(1)
  movl $MAX_ROUNDS, %ecx
1:
  fprem1
  fnstsw %ax
  testw $SW_C2, %ax
  loopnz 1b
  fstp %st(1)
  \instruction
2:
.endm

.section .text.sin, "ax"
.globl sin
.type sin, @function
sin:
  trig_with fsin
  ret
.size sin, . - sin

.section .text.cos, "ax"
.globl cos
.type cos, @function
cos:
  trig_with fcos
  ret
.size cos, . - cos

/* fptan pushes 1.0 above the tangent; the result is below it. */
.section .text.tan, "ax"
.globl tan
.type tan, @function
tan:
  trig_with fptan
  fstp %st(0)
  ret
.size tan, . - tan

.section .text.atan, "ax"
.globl atan
.type atan, @function
atan:
  fldl 4(%esp)
  fld1
  fpatan
  ret
.size atan, . - atan

/* atan2(y, x): fpatan takes the quadrant from the signs of both. */
.section .text.atan2, "ax"
.globl atan2
.type atan2, @function
atan2:
  fldl 4(%esp)
  fldl 12(%esp)
  fpatan
  ret
.size atan2, . - atan2

.section .note.GNU-stack, "", @progbits
