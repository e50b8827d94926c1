/* Start-up code for the hartlab C benchmark guests (M-mode, bare metal).
 * Parks harts other than 0, sets up the stack, clears .bss, calls
 * main() and reports its return value through HTIF (0 = pass).
 * Built with -DBENCH_SV39, main() runs in S-mode instead, with every
 * access translated through an Sv39 identity gigapage: the same work
 * with address translation on, to measure what translation costs. */
        .file "crt0.S"   /* fixed FILE symbol: keeps the ELF reproducible */
        .section .text.init, "ax", @progbits
        .globl _start
_start:
        csrr t0, mhartid
        bnez t0, park
        la sp, __stack_top
        la t0, trap_entry
        csrw mtvec, t0
        la t0, __bss_start
        la t1, __bss_end
1:      bgeu t0, t1, 2f
        sd zero, 0(t0)
        addi t0, t0, 8
        j 1b
2:
#ifdef BENCH_SV39
        la t0, sv39_root
        li t1, (0x80000 << 10) | 0xCF   /* gigapage 2 = 0x8000_0000: V R W X A D */
        sd t1, 16(t0)
        srli t0, t0, 12
        li t1, 8 << 60                  /* MODE = Sv39, ASID 0 */
        or t0, t0, t1
        csrw satp, t0
        sfence.vma
        li t0, -1                       /* PMP: let S-mode reach all memory (QEMU */
        csrw pmpaddr0, t0               /* refuses to mret to S without a rule) */
        li t0, 0x1f                     /* NAPOT | X | W | R */
        csrw pmpcfg0, t0
        li t0, 1 << 11                  /* mstatus.MPP = S */
        csrs mstatus, t0
        la t0, 3f
        csrw mepc, t0
        mret
3:
#endif
        call main
        call htif_exit
park:
        wfi
        j park

        /* Any trap is a failure: exit code 128 + (mcause & 63). */
        .balign 4
trap_entry:
        csrr a0, mcause
        andi a0, a0, 63
        addi a0, a0, 128
        call htif_exit

        .text
        .globl htif_exit
htif_exit:
        slli a0, a0, 1
        ori a0, a0, 1
        la t0, tohost
        sd a0, 0(t0)
1:      j 1b

        .globl htif_putc
htif_putc:
        li t0, 0x0101
        slli t0, t0, 48
        andi a0, a0, 0xff
        or a0, a0, t0
        la t0, tohost
        sd a0, 0(t0)
        la t1, fromhost
1:      ld t2, 0(t1)
        beqz t2, 1b
        sd zero, 0(t1)
        ret

#ifdef BENCH_SV39
        .section .bss
        .balign 4096
sv39_root:
        .skip 4096
#endif

        .section .tohost, "aw", @progbits
        .balign 64
        .globl tohost
        .type tohost, @object
        .size tohost, 8
tohost: .dword 0
        .balign 64
        .globl fromhost
        .type fromhost, @object
        .size fromhost, 8
fromhost: .dword 0
