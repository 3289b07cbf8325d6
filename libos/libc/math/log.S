/* log.S: log, log2 and log10 with fyl2x, which computes st(1) * log2(st(0)). */

.section .text.log, "ax"
.globl log
.type log, @function
log:
  fldln2
  fldl 4(%esp)
  fyl2x
  ret
.size log, . - log

.section .text.log2, "ax"
.globl log2
.type log2, @function
log2:
  fld1
  fldl 4(%esp)
  fyl2x
  ret
.size log2, . - log2

.section .text.log10, "ax"
.globl log10
.type log10, @function
log10:
  fldlg2
  fldl 4(%esp)
  fyl2x
  ret
.size log10, . - log10

.section .note.GNU-stack, "", @progbits
