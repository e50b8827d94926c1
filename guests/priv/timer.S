/* Machine timer: mtime advances; MTIP follows mtime >= mtimecmp (set by a
 * comparator in the past, cleared by writing mtimecmp = -1); WFI with
 * mstatus.MIE = 0 wakes when mtimecmp = mtime + 500 fires, and setting MIE
 * then takes the interrupt with mcause = interrupt | 7 and mepc = the next
 * instruction; with MIE = 1 the interrupt itself ends a WFI. The handler
 * (registers s8-s11 only) counts in s0, records mcause (s10), mepc (s11)
 * and mip (s8), and disarms the comparator. */
#include "hartlab_priv.h"

#define DELTA 500

/* a1 = mip.MTIP */
#define READ_MTIP(reg)                                                  \
        csrr reg, mip;                                                  \
        andi reg, reg, MIP_MTIP

TEST_BEGIN
        .option norvc

        li s0, 0
        la t0, m_irq
        csrw mtvec, t0
        csrw mie, zero
        li s1, MTIME_ADDR
        li s2, MTIMECMP_BASE

        /* mtime moves on while the hart runs */
        li TESTNUM, 1
        ld a1, 0(s1)
        li t0, 5000
1:      addi t0, t0, -1
        bnez t0, 1b
        ld a2, 0(s1)
        bleu a2, a1, fail

        /* a comparator at or below mtime makes MTIP pending at once ... */
        TEST_CASE(2, a1, MIP_MTIP, sd zero, 0(s2); READ_MTIP(a1))
        TEST_CASE(3, a1, 0, ld a1, 0(s2))
        /* ... and -1 (never) clears it */
        TEST_CASE(4, a1, 0, li t0, -1; sd t0, 0(s2); READ_MTIP(a1))
        TEST_CASE(5, a1, -1, ld a1, 0(s2))
        /* the comparator halves are separately writable */
        TEST_CASE(6, a1, 0xffffffff00000000, sw zero, 0(s2); ld a1, 0(s2))
        TEST_CASE(7, a1, MIP_MTIP, sw zero, 4(s2); READ_MTIP(a1))
        TEST_CASE(8, a1, 0, li t0, -1; sd t0, 0(s2); READ_MTIP(a1))

        /* arm mtime + DELTA; MTIE on, MIE off: WFI returns once it fires */
        li TESTNUM, 10
        li t0, MIP_MTIP
        csrw mie, t0
        ld a3, 0(s1)
        addi a3, a3, DELTA
        sd a3, 0(s2)
        READ_MTIP(a1)
        bnez a1, fail           /* not yet */
        li TESTNUM, 11
1:      wfi                     /* may return early: loop until pending */
        READ_MTIP(a1)
        beqz a1, 1b
        li TESTNUM, 12
        ld a2, 0(s1)
        bltu a2, a3, fail       /* mtime >= mtimecmp */
        CHECK(s0, 0)            /* MIE = 0: not taken */

        /* MIE = 1 takes it before the next instruction */
        li TESTNUM, 13
        csrsi mstatus, MSTATUS_MIE
13:     csrci mstatus, MSTATUS_MIE
        CHECK(s0, 1)
        li TESTNUM, 14
        CHECK(s10, CAUSE_MTI_IRQ)
        la t0, 13b
        bne s11, t0, fail
        li TESTNUM, 15
        andi t0, s8, MIP_MTIP   /* pending in the handler ... */
        beqz t0, fail
        TEST_CASE(16, a1, 0, READ_MTIP(a1)) /* ... cleared by mtimecmp = -1 */
        TEST_CASE(17, a1, -1, ld a1, 0(s2))

        /* mie.MTIE = 0 masks it even with MIE = 1 */
        TEST_CASE(18, s0, 1, csrw mie, zero; csrsi mstatus, MSTATUS_MIE; sd zero, 0(s2); nop; nop; csrci mstatus, MSTATUS_MIE)
        TEST_CASE(19, a1, MIP_MTIP, READ_MTIP(a1))
        TEST_CASE(20, a1, 0, li t0, -1; sd t0, 0(s2); READ_MTIP(a1))

        /* MTIE and MIE on, then WFI: the interrupt ends the WFI and mepc is
         * the instruction after it (a far deadline keeps it from firing
         * before the WFI) */
        li TESTNUM, 21
        li t0, MIP_MTIP
        csrw mie, t0
        ld a3, 0(s1)
        li t0, 20 * DELTA
        add a3, a3, t0
        sd a3, 0(s2)
        csrsi mstatus, MSTATUS_MIE
        wfi
21:     csrci mstatus, MSTATUS_MIE
        CHECK(s0, 2)
        CHECK(s10, CAUSE_MTI_IRQ)
        li TESTNUM, 22
        la t0, 21b
        bne s11, t0, fail
        ld a2, 0(s1)
        bltu a2, a3, fail
        csrw mie, zero
        j hl_pass

        .balign 4
m_irq:  csrr s10, mcause
        csrr s11, mepc
        csrr s8, mip
        li s9, -1
        sd s9, 0(s2)
        addi s0, s0, 1
        mret
PRIV_END
