/*
 * fmod.S: fmod with fprem, which keeps the sign of x as C requires, after
 * libos_fmod_special settles NaNs, infinities, zeros and |x| < |y|.
 */

#define SW_C2 0x0400     /* status word: the partial remainder needs another round */
#define MAX_ROUNDS 64    /* each round removes up to 63 bits of exponent difference; doubles need 34 */
#define SW_C3 0x4000     /* status word after ftst: the value is zero */

.section .text.fmod, "ax"
.globl fmod
.type fmod, @function
fmod:
  pushl %ebp
  movl %esp, %ebp
  subl $24, %esp
  leal -8(%ebp), %eax
  movl %eax, 8(%esp)
  leal 16(%ebp), %eax
  movl %eax, 4(%esp)
  leal 8(%ebp), %eax
  movl %eax, (%esp)
  call libos_fmod_special
  testl %eax, %eax
  jz 1f
  fldl -8(%ebp)
  leave
  ret
1:
  fldl 16(%ebp)
  fldl 8(%ebp)
  movl $MAX_ROUNDS, %ecx
2:
  fprem
  fnstsw %ax
  testw $SW_C2, %ax
  loopnz 2b
  fstp %st(1)
  /* A zero remainder takes the sign of x; v86 0.5's fprem returns +0 for negative x. */
  ftst
  fnstsw %ax
  testw $SW_C3, %ax
  jz 3f
  testl $0x80000000, 12(%ebp)
  jz 3f
  fchs
3:
  leave
  ret
.size fmod, . - fmod

.section .note.GNU-stack, "", @progbits
