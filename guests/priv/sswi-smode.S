/* Supervisor software interrupts handled in S-mode: mideleg.SSI sends
 * them to stvec; they are taken when sie.SSIE and (in S-mode) sstatus.SIE
 * allow, always in U-mode, never in M-mode. Sources: a CSR write of
 * sip.SSIP, and a store of 1 to the ACLINT SSWI setssip register, which is
 * an ordinary store from S-mode (QEMU 7.2's spike machine has no SSWI, so
 * those cases are skipped there).
 * The handler (registers s8-s11 only) counts in s0, records scause (s10),
 * sepc (s11) and sstatus (s8), and clears sip.SSIP. */
#include "hartlab_priv.h"

#define SPIN 100000

/* Fail unless the interrupt count s0 reaches n within SPIN iterations. */
#define WAIT_COUNT(n)                                                   \
        li t2, SPIN;                                                    \
1:      li t1, n;                                                       \
        beq s0, t1, 2f;                                                 \
        addi t2, t2, -1;                                                \
        bnez t2, 1b;                                                    \
        j fail;                                                         \
2:

/* The last interrupt was SSI, taken from privilege spp (sstatus.SPP). */
#define CHECK_SSI(spp)                                                  \
        CHECK(s10, CAUSE_SSI_IRQ);                                      \
        andi t0, s8, MSTATUS_SPP;                                       \
        CHECK(t0, (spp) << 8)

/* S-mode: the handler's write cleared sip.SSIP. */
#define CHECK_SIP_CLEAR                                                 \
        csrr t0, sip;                                                   \
        andi t0, t0, MIP_SSIP;                                          \
        bnez t0, fail

TEST_BEGIN
        .option norvc

        QEMU72_DETECT
        li s0, 0
        csrw mie, zero
        la t0, s_irq
        csrw stvec, t0
        /* (QEMU 7.2 also shows its read-only VS bits in mideleg) */
        TEST_CASE(1, a1, MIP_SSIP, li t0, MIP_SSIP; csrw mideleg, t0; csrr a1, mideleg; andi a1, a1, MIP_SSIP)
        MRET_TO(PRV_S, smode)

smode:  /* sie is the delegated part of mie */
        TEST_CASE(2, a1, MIP_SSIP, li t0, MIP_SSIP; csrs sie, t0; csrr a1, sie)
        TEST_CASE(3, a1, 0, csrr a1, sip)
        /* pending but masked by sstatus.SIE = 0 in S-mode */
        TEST_CASE(4, a1, MIP_SSIP, li t0, MIP_SSIP; csrs sip, t0; nop; nop; csrr a1, sip)
        TEST_CASE(5, s0, 0, nop)

        /* setting SIE takes it before the next instruction */
        li TESTNUM, 6
        csrsi sstatus, MSTATUS_SIE
6:      CHECK(s0, 1)
        CHECK_SSI(PRV_S)
        CHECK_SIP_CLEAR
        li TESTNUM, 7
        la t0, 6b
        bne s11, t0, fail
        andi t0, s8, MSTATUS_SPIE
        beqz t0, fail
        andi t0, s8, MSTATUS_SIE        /* SIE = 0 inside the handler */
        bnez t0, fail
        li TESTNUM, 8                   /* sret restored SIE */
        csrr t0, sstatus
        andi t0, t0, MSTATUS_SIE
        beqz t0, fail

        /* SSWI from S-mode: a store of 1 to setssip[0] */
        IF_QEMU72_ANY(t0, no_sswi)
        li TESTNUM, 9
        li t0, SSWI_BASE
        li t1, 1
        sw t1, 0(t0)
        WAIT_COUNT(2)
        CHECK_SSI(PRV_S)
        CHECK_SIP_CLEAR
        TEST_CASE(10, a1, 0, li t0, SSWI_BASE; lw a1, 0(t0))   /* reads as 0 */
        /* writing 0 does nothing */
        TEST_CASE(11, s0, 2, li t0, SSWI_BASE; sw zero, 0(t0); li t2, 1000; 1: addi t2, t2, -1; bnez t2, 1b)

        /* with SIE = 0: WFI wakes on the pending SSIP, SIE takes it */
        li TESTNUM, 12
        csrci sstatus, MSTATUS_SIE
        li t0, SSWI_BASE
        li t1, 1
        sw t1, 0(t0)
        wfi
        CHECK(s0, 2)
        li t2, SPIN                     /* the wfi may return early */
1:      csrr t0, sip
        andi t0, t0, MIP_SSIP
        bnez t0, 2f
        addi t2, t2, -1
        bnez t2, 1b
        j fail
2:      csrsi sstatus, MSTATUS_SIE
        CHECK(s0, 3)
        CHECK_SSI(PRV_S)
        CHECK_SIP_CLEAR
        j 1f
no_sswi:
        li s0, 3                /* count as if the three SSWI cases ran */
1:
        /* In U-mode a delegated SSI is taken even with sstatus.SIE = 0:
         * leave SSIP pending with SIE = 0, SRET to U with SPIE = 0. */
        li TESTNUM, 13
        csrci sstatus, MSTATUS_SIE
        li t0, MIP_SSIP
        csrs sip, t0
        li t0, MSTATUS_SPP | MSTATUS_SPIE
        csrc sstatus, t0
        la t0, umode
        csrw sepc, t0
        sret
umode:  CHECK(s0, 4)
        CHECK_SSI(PRV_U)
        li TESTNUM, 14
        la t0, umode
        bne s11, t0, fail
        andi t0, s8, MSTATUS_SPIE       /* SIE was 0 in U-mode */
        bnez t0, fail
        li TESTNUM, 15
        ECALL_TO_M(mmode)

mmode:  /* In M-mode a delegated SSI is never taken, whatever MIE says */
        li TESTNUM, 16
        li t0, MIP_SSIP
        csrs mip, t0
        li t0, MSTATUS_SIE
        csrs mstatus, t0
        csrsi mstatus, MSTATUS_MIE
        nop
        nop
        csrci mstatus, MSTATUS_MIE
        CHECK(s0, 4)
        /* ... and is taken as soon as MRET drops to S-mode (SIE = 1) */
        li TESTNUM, 17
        MRET_TO(PRV_S, smode2)
smode2: CHECK(s0, 5)
        CHECK_SSI(PRV_S)
        CHECK_SIP_CLEAR
        li TESTNUM, 18
        la t0, smode2
        bne s11, t0, fail
        ECALL_TO_M(hl_pass)

        .balign 4
s_irq:  csrr s10, scause
        csrr s11, sepc
        csrr s8, sstatus
        li s9, MIP_SSIP
        csrc sip, s9
        addi s0, s0, 1
        sret
PRIV_END
