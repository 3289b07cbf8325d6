/* setjmp.S: setjmp and longjmp, saving the registers the i386 ABI makes the callee keep. */

/* jmp_buf layout, in 4-byte words: ebx, esi, edi, ebp, esp after the return, return address. */
#define JB_EBX 0
#define JB_ESI 4
#define JB_EDI 8
#define JB_EBP 12
#define JB_ESP 16
#define JB_EIP 20

.section .text.setjmp, "ax"
.globl setjmp
.type setjmp, @function
setjmp:
  movl 4(%esp), %eax
  movl %ebx, JB_EBX(%eax)
  movl %esi, JB_ESI(%eax)
  movl %edi, JB_EDI(%eax)
  movl %ebp, JB_EBP(%eax)
  leal 4(%esp), %ecx
  movl %ecx, JB_ESP(%eax)
  movl (%esp), %ecx
  movl %ecx, JB_EIP(%eax)
  xorl %eax, %eax
  ret
.size setjmp, . - setjmp

/* longjmp(env, value): setjmp returns again, with value, or 1 when value is 0. */
.section .text.longjmp, "ax"
.globl longjmp
.type longjmp, @function
longjmp:
  movl 4(%esp), %edx
  movl 8(%esp), %eax
  testl %eax, %eax
  jnz 1f
  incl %eax
1:
  movl JB_EBX(%edx), %ebx
  movl JB_ESI(%edx), %esi
  movl JB_EDI(%edx), %edi
  movl JB_EBP(%edx), %ebp
  movl JB_ESP(%edx), %esp
  jmp *JB_EIP(%edx)
.size longjmp, . - longjmp

.section .note.GNU-stack, "", @progbits
