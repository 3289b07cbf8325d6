/* start.S: the multiboot header and the entry point that prepares C. */

#define MULTIBOOT_HEADER_MAGIC 0x1BADB002
#define MULTIBOOT_HEADER_FLAGS 0x00000003  /* page-align modules, memory info */

#define SEG_CODE 0x08                      /* GDT selector of the flat code segment */
#define SEG_DATA 0x10                      /* GDT selector of the flat data segment */
#define SEG_USER_CODE 0x1B                 /* ring 3 code segment, RPL 3 */
#define SEG_USER_DATA 0x23                 /* ring 3 data segment, RPL 3 */
#define SEG_USER_TLS 0x33                  /* ring 3 segment over libos_tls, for %gs */
#define EFLAGS_USER 0x3002                 /* IOPL 3, interrupts off, reserved bit 1 */
#define STACK_SIZE 8192                    /* the boot stack, used until main starts */

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

/*
 * libos_enter_user(entry, stack_top): continues at entry in ring 3 with
 * IOPL 3 on the app stack below stack_top, so the app keeps port I/O, cli
 * and sti while every exception switches to the kernel stack in the TSS.
 * A page fault in the guard below the app stack can then be reported; in
 * ring 0 the CPU would fault again pushing the exception frame. Entry sees
 * a zero return address and EBP, where a backtrace stops.
 */
.section .text.libos_enter_user, "ax"
.globl libos_enter_user
.type libos_enter_user, @function
libos_enter_user:
  movl 4(%esp), %ecx
  movl 8(%esp), %edx
  movw $SEG_USER_DATA, %ax
  movw %ax, %ds
  movw %ax, %es
  movw %ax, %fs
  movw $SEG_USER_TLS, %ax
  movw %ax, %gs
  movl $0, -4(%edx)
  xorl %ebp, %ebp
  pushl $SEG_USER_DATA
  leal -4(%edx), %eax
  pushl %eax
  pushl $EFLAGS_USER
  pushl $SEG_USER_CODE
  pushl %ecx
  iret
.size libos_enter_user, . - libos_enter_user

/*
 * Flat 4 GiB segments: null, ring 0 code and data, ring 3 code and data,
 * then the TSS descriptor and the %gs segment over libos_tls, which
 * tss_init fills in at run time. The GDT is writable because ltr sets the
 * busy bit of the TSS descriptor.
 */
.section .data.gdt, "aw"
.align 8
.globl gdt
gdt:
  .quad 0
  .quad 0x00CF9A000000FFFF
  .quad 0x00CF92000000FFFF
  .quad 0x00CFFA000000FFFF
  .quad 0x00CFF2000000FFFF
  .quad 0
  .quad 0
gdt_end:
gdt_descriptor:
  .word gdt_end - gdt - 1
  .long gdt

/* The app's own stack lies above the image; see paging_init. */
.section .bss.stack, "aw", @nobits
.align 16
stack:
  .space STACK_SIZE
stack_top:

.section .note.GNU-stack, "", @progbits
