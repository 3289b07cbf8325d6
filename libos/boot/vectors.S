/* vectors.S: entry stubs for the CPU exceptions, the IRQs and the two ring 3 services. */

/*
 * Each stub starts 16 bytes after the previous one, so idt_init computes
 * the address of stub n as trap_vectors + 16 * n without a table. The CPU
 * pushes an error code for vectors 8, 10-14, 17, 21, 29 and 30; the other
 * stubs push 0 in its place so every trap frame has the same layout.
 * Vectors 48 and 49 are the services ring 3 code calls with int, because
 * hlt is privileged there.
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
  .irp irq, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47
  vector \irq, 0
  .endr

/* Vector 48: halts for good; libos_halt calls it after writing the exit code. */
  .align 16
halt_forever:
  cli
  hlt
  jmp halt_forever

/*
 * Vector 49: waits for the next interrupt with interrupts enabled, for
 * ring 3, where hlt is privileged. The caller gets interrupts enabled back,
 * so "cli; check; int $49" sleeps without missing an IRQ that arrives
 * between the check and the halt.
 */
  .align 16
  orl $0x200, 8(%esp)
  sti
  hlt
  iret

/*
 * Saves the general registers under the vector and error code and calls
 * trap(frame). When trap returns (an IRQ, or a page fault it resolved),
 * the registers are restored and the interrupted code resumes.
 */
trap_common:
  pushal
  cld
  movl %esp, %eax
  pushl %eax
  call trap
  addl $4, %esp
  popal
  addl $8, %esp
  iret

.section .note.GNU-stack, "", @progbits
