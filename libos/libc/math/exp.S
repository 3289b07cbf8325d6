/* exp.S: exp and exp2 through 2^t = 2^n * 2^f, n = round(t), |f| <= 0.5. */

#define SW_CLASS 0x4700  /* status word bits C3, C2, C1 and C0, which fxam sets */
#define CLASS_NAN 0x0100
#define CLASS_NEGATIVE_NAN 0x0300
#define CLASS_INFINITY 0x0500
#define CLASS_NEGATIVE_INFINITY 0x0700

/*
 * Replaces st(0) = t with 2^t: f2xm1 gives 2^f - 1 for the fraction and
 * fscale multiplies by 2^n, which overflows to infinity or underflows to
 * zero as it should. Infinities and NaNs are handled first, because
 * frndint keeps them and t - n would be NaN. Clobbers eax. For pow.S too.
 */
.section .text.libos_exp2_st0, "ax"
.globl libos_exp2_st0
.type libos_exp2_st0, @function
libos_exp2_st0:
  fxam
  fnstsw %ax
  andw $SW_CLASS, %ax
  cmpw $CLASS_INFINITY, %ax
  je 1f
  cmpw $CLASS_NAN, %ax
  je 1f
  cmpw $CLASS_NEGATIVE_NAN, %ax
  je 1f
  cmpw $CLASS_NEGATIVE_INFINITY, %ax
  je 2f
  fld %st(0)
  frndint
  fxch %st(1)
  fsub %st(1), %st
  f2xm1
  fld1
  faddp
  fscale
  fstp %st(1)
1:
  ret
2:
  fstp %st(0)
  fldz
  ret
.size libos_exp2_st0, . - libos_exp2_st0

.section .text.exp, "ax"
.globl exp
.type exp, @function
exp:
  fldl 4(%esp)
  fldl2e
  fmulp
  jmp libos_exp2_st0
.size exp, . - exp

.section .text.exp2, "ax"
.globl exp2
.type exp2, @function
exp2:
  fldl 4(%esp)
  jmp libos_exp2_st0
.size exp2, . - exp2

.section .note.GNU-stack, "", @progbits
