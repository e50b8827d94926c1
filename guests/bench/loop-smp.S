/* loop-smp: every hart runs the loop of loop.S (500,000,000 iterations of
 * MUL, ADD, XOR, ADDI, BNEZ) on its own registers, so N harts do N times
 * the work of one (long enough that starting threads does not blur the
 * scaling); hart 0 exits once every hart that arrived is done.
 * Measures how throughput scales with harts (parallel engine) and what the
 * deterministic engine's hart switching costs. */

#define EXPECTED 0xb055cd180e9d2d00
        .file "loop-smp.S"   /* fixed FILE symbol: keeps the ELF reproducible */
        .section .text.init, "ax", @progbits
        .option norvc
        .globl _start
_start:
        la t0, trap_entry
        csrw mtvec, t0
        la t1, arrived
        li t2, 1
        amoadd.w zero, t2, (t1)

        li t0, 500000000        /* iterations */
        li a0, 0x853c49e6748fea9b  /* state */
        li a1, 0                /* accumulator */
        li a2, 6364136223846793005
        li a3, 1442695040888963407
1:      mul a0, a0, a2
        add a0, a0, a3
        xor a1, a1, a0
        addi t0, t0, -1
        bnez t0, 1b

        li t1, EXPECTED
        bne a1, t1, wrong
        la t1, done
        li t2, 1
        amoadd.w zero, t2, (t1)
        csrr t0, mhartid
        bnez t0, park
        la t1, arrived
        la t2, done
2:      lw t3, 0(t1)
        lw t4, 0(t2)
        bne t3, t4, 2b
        li a0, 0
        j exit
wrong:
        li a0, 1
exit:
        slli a0, a0, 1
        ori a0, a0, 1
        la t0, tohost
        sd a0, 0(t0)
3:      j 3b
park:
        wfi
        j park

        /* any trap is a failure: exit code 128 + (mcause & 63) */
        .balign 4
trap_entry:
        csrr a0, mcause
        andi a0, a0, 63
        addi a0, a0, 128
        j exit

        .data
        .balign 64
arrived: .word 0
        .balign 64
done:   .word 0

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
