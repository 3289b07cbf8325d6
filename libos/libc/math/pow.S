/* pow.S: pow(x, y), after libos_pow_special settles the special cases and integer exponents. */

#define POW_COMPUTE 0        /* libos_pow_special: compute 2^(y log2|x|) */
#define POW_DONE 1           /* the result is stored */
#define POW_NEGATE 2         /* compute, then negate */
#define POW_INTEGER 3        /* x^n by repeated squaring */

/* Frame: -8(%ebp) result, -12 the libos_pow_special code, -16 n; x at 8(%ebp), y at 16(%ebp). */
.section .text.pow, "ax"
.globl pow
.type pow, @function
pow:
  pushl %ebp
  movl %esp, %ebp
  subl $40, %esp
  leal -16(%ebp), %eax
  movl %eax, 12(%esp)
  leal -8(%ebp), %eax
  movl %eax, 8(%esp)
  leal 16(%ebp), %eax
  movl %eax, 4(%esp)
  leal 8(%ebp), %eax
  movl %eax, (%esp)
  call libos_pow_special
  movl %eax, -12(%ebp)
  cmpl $POW_DONE, %eax
  jne 1f
  fldl -8(%ebp)
  leave
  ret
1:
  cmpl $POW_INTEGER, %eax
  je 3f
  fldl 16(%ebp)
  fldl 8(%ebp)
  fabs
  fyl2x
  call libos_exp2_st0
  cmpl $POW_NEGATE, -12(%ebp)
  jne 2f
  fchs
2:
  leave
  ret

/* st(0) = x^|n| by squaring, then its reciprocal for a negative n. */
3:
  movl -16(%ebp), %ecx
  movl %ecx, %edx
  negl %edx
  cmovsl %ecx, %edx
  fld1
  fldl 8(%ebp)          /* square, power */
4:
  testl %edx, %edx
  jz 6f
  testl $1, %edx
  jz 5f
  fmul %st(0), %st(1)
5:
  fmul %st(0), %st
  shrl $1, %edx
  jmp 4b
6:
  fstp %st(0)
  testl %ecx, %ecx
  jns 7f
  fld1
  fdivp
7:
  leave
  ret
.size pow, . - pow

.section .note.GNU-stack, "", @progbits
