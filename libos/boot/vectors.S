/* vectors.S: entry stubs for the 32 CPU exception vectors. */

/*
 * Each stub starts 16 bytes after the previous one, so idt_init computes
 * the address of stub n as trap_vectors + 16 * n without a table. The CPU
 * pushes an error code for vectors 8, 10-14, 17, 21, 29 and 30; the other
 * stubs push 0 in its place so every trap frame has the same layout.
 */
.macro vector n, has_error
  .align 16
  .if \has_error == 0
  pushl $0
  .endif
  pushl $\n
  jmp trap_common
.endm

.section .text.trap_vectors, "ax"
.align 16
.globl trap_vectors
trap_vectors:
  vector 0, 0
  vector 1, 0
  vector 2, 0
  vector 3, 0
  vector 4, 0
  vector 5, 0
  vector 6, 0
  vector 7, 0
  vector 8, 1
  vector 9, 0
  vector 10, 1
  vector 11, 1
  vector 12, 1
  vector 13, 1
  vector 14, 1
  vector 15, 0
  vector 16, 0
  vector 17, 1
  vector 18, 0
  vector 19, 0
  vector 20, 0
  vector 21, 1
  vector 22, 0
  vector 23, 0
  vector 24, 0
  vector 25, 0
  vector 26, 0
  vector 27, 0
  vector 28, 0
  vector 29, 1
  vector 30, 1
  vector 31, 0

/* Saves the general registers under the vector and error code, then calls trap(frame). */
trap_common:
  pushal
  cld
  movl %esp, %eax
  pushl %eax
  call trap
1:
  cli
  hlt
  jmp 1b

.section .note.GNU-stack, "", @progbits
