/* start.S: the multiboot header and the entry point that prepares C. */

#define MULTIBOOT_HEADER_MAGIC 0x1BADB002
#define MULTIBOOT_HEADER_FLAGS 0x00000003  /* page-align modules, memory info */

#define SEG_CODE 0x08                      /* GDT selector of the flat code segment */
#define SEG_DATA 0x10                      /* GDT selector of the flat data segment */
#define STACK_SIZE 16384

/* The linker places .multiboot first, within the first 8 KiB of the file. */
.section .multiboot, "a"
.align 4
.long MULTIBOOT_HEADER_MAGIC
.long MULTIBOOT_HEADER_FLAGS
.long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

/*
 * The loader enters in 32-bit protected mode with EAX = the multiboot magic,
 * EBX = the multiboot info address, interrupts off and no usable stack or
 * GDT. Keep EAX and EBX in ESI and EBX until libos_init gets them.
 */
.section .text._start, "ax"
.globl _start
.type _start, @function
_start:
  cli
  cld
  movl %eax, %esi

  /* Load our own flat GDT and reload every segment register from it. */
  lgdt gdt_descriptor
  ljmp $SEG_CODE, $1f
1:
  movw $SEG_DATA, %ax
  movw %ax, %ds
  movw %ax, %es
  movw %ax, %fs
  movw %ax, %gs
  movw %ax, %ss

  /* Zero .bss (the loader copies file bytes only): whole words, then the rest. */
  movl $__bss_start, %edi
  movl $__bss_end, %ecx
  subl %edi, %ecx
  movl %ecx, %edx
  shrl $2, %ecx
  xorl %eax, %eax
  rep stosl
  movl %edx, %ecx
  andl $3, %ecx
  rep stosb

  /* Stack in .bss, 16-byte aligned at the call as the i386 ABI expects. */
  movl $stack_top, %esp
  xorl %ebp, %ebp
  fninit
  subl $8, %esp
  pushl %ebx
  pushl %esi
  call libos_init

  /* libos_init never returns; halt if it does. */
2:
  cli
  hlt
  jmp 2b
.size _start, . - _start

/* Flat 4 GiB segments: null, code (execute/read), data (read/write). */
.section .rodata.gdt, "a"
.align 8
gdt:
  .quad 0
  .quad 0x00CF9A000000FFFF
  .quad 0x00CF92000000FFFF
gdt_end:
gdt_descriptor:
  .word gdt_end - gdt - 1
  .long gdt

.section .bss.stack, "aw", @nobits
.align 16
stack:
  .space STACK_SIZE
stack_top:

.section .note.GNU-stack, "", @progbits
