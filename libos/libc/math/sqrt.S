/* sqrt.S: sqrt and fabs, one x87 instruction each. */

.section .text.sqrt, "ax"
.globl sqrt
.type sqrt, @function
sqrt:
  fldl 4(%esp)
  fsqrt
  ret
.size sqrt, . - sqrt

.section .text.fabs, "ax"
.globl fabs
.type fabs, @function
fabs:
  fldl 4(%esp)
  fabs
  ret
.size fabs, . - fabs

.section .note.GNU-stack, "", @progbits
