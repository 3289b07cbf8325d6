/* float_convert.S: the x87 steps of strtod and sscanf, which the integer-only C code calls. */

/*
 * libos_decimal_to_double(mantissa, exponent10, out): stores mantissa *
 * 10^exponent10 as a double. mantissa must be below 2^63 (fildll is
 * signed). 10^|exponent10| is built in 80-bit precision from the squares
 * 10, 10^2, 10^4, ... (exact up to 10^16) and applied with one multiply or
 * divide, so the result is correctly rounded except for inputs very close
 * to halfway between two doubles.
 */
.section .text.libos_decimal_to_double, "ax"
.globl libos_decimal_to_double
.type libos_decimal_to_double, @function
libos_decimal_to_double:
  movl 12(%esp), %ecx
  movl %ecx, %edx
  negl %edx
  cmovsl %ecx, %edx       /* edx = |exponent10| */
  fildll 4(%esp)          /* m */
  fld1                    /* power, m */
  pushl $10
  fildl (%esp)            /* square, power, m */
  addl $4, %esp
1:
  testl %edx, %edx
  jz 3f
  testl $1, %edx
  jz 2f
  fmul %st(0), %st(1)     /* power *= square */
2:
  fmul %st(0), %st        /* square *= square */
  shrl $1, %edx
  jmp 1b
3:
  fstp %st(0)             /* power, m */
  testl %ecx, %ecx
  js 4f
  fmulp                   /* m * power */
  jmp 5f
4:
  fdivrp                  /* m / power */
5:
  movl 16(%esp), %eax
  fstpl (%eax)
  ret
.size libos_decimal_to_double, . - libos_decimal_to_double

/* libos_binary_to_double(mantissa, exponent2, out): stores mantissa * 2^exponent2 (mantissa below 2^63). */
.section .text.libos_binary_to_double, "ax"
.globl libos_binary_to_double
.type libos_binary_to_double, @function
libos_binary_to_double:
  fildl 12(%esp)
  fildll 4(%esp)
  fscale
  fstp %st(1)
  movl 16(%esp), %eax
  fstpl (%eax)
  ret
.size libos_binary_to_double, . - libos_binary_to_double

/* libos_store_float(double_bits, destination): rounds a double to float. */
.section .text.libos_store_float, "ax"
.globl libos_store_float
.type libos_store_float, @function
libos_store_float:
  movl 4(%esp), %eax
  fldl (%eax)
  movl 8(%esp), %eax
  fstps (%eax)
  ret
.size libos_store_float, . - libos_store_float

/* libos_store_long_double(double_bits, destination): widens a double to long double. */
.section .text.libos_store_long_double, "ax"
.globl libos_store_long_double
.type libos_store_long_double, @function
libos_store_long_double:
  movl 4(%esp), %eax
  fldl (%eax)
  movl 8(%esp), %eax
  fstpt (%eax)
  ret
.size libos_store_long_double, . - libos_store_long_double

/* strtod and atof return in st(0), which the C parser cannot touch. */
.section .text.strtod, "ax"
.globl strtod
.type strtod, @function
strtod:
  pushl %ebp
  movl %esp, %ebp
  subl $24, %esp
  leal -8(%ebp), %eax
  movl %eax, 8(%esp)
  movl 12(%ebp), %eax
  movl %eax, 4(%esp)
  movl 8(%ebp), %eax
  movl %eax, (%esp)
  call libos_strtod_bits
  fldl -8(%ebp)
  leave
  ret
.size strtod, . - strtod

.section .text.atof, "ax"
.globl atof
.type atof, @function
atof:
  pushl $0
  pushl 8(%esp)
  call strtod
  addl $8, %esp
  ret
.size atof, . - atof

.section .note.GNU-stack, "", @progbits
