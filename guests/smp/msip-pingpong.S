/* Machine software interrupts between two harts: hart 0 and hart 1 bounce
 * MSIP back and forth ROUNDS times; harts 2 and up park. Each hart enables
 * only mie.MSIE and waits with the race-free idiom: test the condition with
 * mstatus.MIE = 0, WFI (which wakes on a pending enabled interrupt even
 * with MIE = 0), then set MIE to take the interrupt.
 * The handler checks mcause = interrupt | 3, clears its own msip, checks
 * that mip.MSIP dropped, and counts the interrupt in got[hartid].
 * Handler registers: a1-a5 (main code does not use them). */
#include "hartlab_smp.h"

#define ROUNDS 200

/* Wait until got[hartid] >= s1; clobbers t0, t1. */
#define WAIT_GOT                                                        \
1:      csrci mstatus, MSTATUS_MIE;                                     \
        ld t0, 0(s0);                                                   \
        bgeu t0, s1, 2f;                                                \
        wfi;                                                            \
        csrsi mstatus, MSTATUS_MIE;                                     \
        j 1b;                                                           \
2:

/* msip[hart] = 1; clobbers t0, t1 */
#define SEND_MSIP(hart)                                                 \
        li t0, MSWI_BASE + 4 * (hart);                                  \
        li t1, 1;                                                       \
        sw t1, 0(t0)

SMP_BEGIN
        .option norvc

        li t0, 2
        bgeu a0, t0, hl_smp_park
        la t0, pp_handler
        csrw mtvec, t0
        la s0, got0
        beqz a0, 1f
        la s0, got1
1:      li t0, MIP_MSIP
        csrw mie, t0
        li s1, 1                /* round */
        li s2, ROUNDS
        li TESTNUM, 1
        beqz a0, ping

pong:   /* hart 1: wait for the r-th interrupt, answer it */
        WAIT_GOT
        SEND_MSIP(0)
        addi s1, s1, 1
        bleu s1, s2, pong
        SMP_PARK

ping:   /* hart 0: send, wait for the answer */
        SEND_MSIP(1)
        WAIT_GOT
        addi s1, s1, 1
        bleu s1, s2, ping

        csrci mstatus, MSTATUS_MIE
        TEST_CASE(2, a1, ROUNDS, la t0, got0; ld a1, 0(t0))
        TEST_CASE(3, a1, ROUNDS, la t0, got1; ld a1, 0(t0))
        TEST_CASE(4, a1, 0, csrr a1, mip; andi a1, a1, MIP_MSIP)
        /* msip reads back what was last written (0, by each handler) */
        TEST_CASE(5, a1, 0, li t0, MSWI_BASE; lw a1, 0(t0))
        TEST_CASE(6, a1, 0, li t0, MSWI_BASE + 4; lw a1, 0(t0))
        /* and a write of 1 reads back as 1 (not delivered: MSIE off) */
        csrw mie, zero
        TEST_CASE(7, a1, 1, li t0, MSWI_BASE; li t1, 1; sw t1, 0(t0); lw a1, 0(t0))
        TEST_CASE(8, a1, 0, li t0, MSWI_BASE; sw zero, 0(t0); lw a1, 0(t0))
        j hl_pass

        .balign 4
pp_handler:
        li TESTNUM, 10
        csrr a1, mcause
        li a2, CAUSE_MSI_IRQ
        bne a1, a2, fail
        csrr a1, mhartid        /* msip[hartid] = 0 */
        slli a1, a1, 2
        li a2, MSWI_BASE
        add a1, a1, a2
        sw zero, 0(a1)
        li TESTNUM, 11
        csrr a3, mip
        andi a3, a3, MIP_MSIP
        bnez a3, fail
        ld a4, 0(s0)
        addi a4, a4, 1
        sd a4, 0(s0)
        li TESTNUM, 1
        mret

        .data
SHARED_WORD(got0, 0)
SHARED_WORD(got1, 0)
        .text
SMP_END
