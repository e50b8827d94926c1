/* Vectored trap vectors (xtvec.MODE = 1): an interrupt with cause n enters
 * at BASE + 4 * n, every exception at BASE.
 *   M: ECALL -> mtvec base; MSI (msip) -> +12; MTI (mtimecmp = 0) -> +28;
 *      SSI, not delegated (mip.SSIP) -> +4.
 *   S: delegated SSI -> stvec base + 4; delegated ECALL from U -> stvec base.
 * Each vector entry records which entry ran (s9), the cause (s10) and the
 * epc (s11), counts in s0, silences its source and returns; handlers use
 * s8-s11 only. */
#include "hartlab_priv.h"

/* Expect entry `vec` to have run once more, with cause `cause`. */
#define CHECK_VECTOR(count, vec, cause)                                 \
        CHECK(s0, count);                                               \
        CHECK(s9, vec);                                                 \
        CHECK(s10, cause)

TEST_BEGIN
        .option norvc

        li s0, 0
        csrw mie, zero
        la t0, m_table
        ori t0, t0, 1
        csrw mtvec, t0
        TEST_CASE(1, a1, 1, csrr a1, mtvec; andi a1, a1, 3)

        /* exception: base */
        li TESTNUM, 2
2:      ecall
        CHECK_VECTOR(1, 0, CAUSE_ECALL_M)
        la t0, 2b
        bne s11, t0, fail

        /* machine software interrupt: base + 4 * 3 */
        li TESTNUM, 3
        li t0, MIP_MSIP
        csrw mie, t0
        li t0, MSWI_BASE
        li t1, 1
        sw t1, 0(t0)
        csrsi mstatus, MSTATUS_MIE
        li t2, 100000           /* the IPI may take a while */
1:      li t1, 2
        beq s0, t1, 3f
        addi t2, t2, -1
        bnez t2, 1b
        j fail
3:      csrci mstatus, MSTATUS_MIE
        CHECK_VECTOR(2, 3, CAUSE_MSI_IRQ)

        /* machine timer interrupt: base + 4 * 7 */
        li TESTNUM, 4
        li t0, MIP_MTIP
        csrw mie, t0
        li t0, MTIMECMP_BASE
        sd zero, 0(t0)
        csrsi mstatus, MSTATUS_MIE
4:      csrci mstatus, MSTATUS_MIE
        CHECK_VECTOR(3, 7, CAUSE_MTI_IRQ)
        la t0, 4b
        bne s11, t0, fail

        /* supervisor software interrupt, not delegated: M, base + 4 */
        li TESTNUM, 5
        li t0, MIP_SSIP
        csrw mie, t0
        csrs mip, t0
        csrsi mstatus, MSTATUS_MIE
5:      csrci mstatus, MSTATUS_MIE
        CHECK_VECTOR(4, 1, CAUSE_SSI_IRQ)

        /* S-mode with vectored stvec: SSI and U's ECALL delegated */
        li TESTNUM, 6
        la t0, s_table
        ori t0, t0, 1
        csrw stvec, t0
        li t0, MIP_SSIP
        csrw mideleg, t0
        li t0, 1 << CAUSE_ECALL_U
        csrw medeleg, t0
        MRET_TO(PRV_S, smode)
smode:  li t0, MIP_SSIP
        csrs sip, t0
        csrsi sstatus, MSTATUS_SIE
6:      csrci sstatus, MSTATUS_SIE
        CHECK_VECTOR(5, 101, CAUSE_SSI_IRQ)
        la t0, 6b
        bne s11, t0, fail

        li TESTNUM, 7
        li t0, MSTATUS_SPP
        csrc sstatus, t0
        la t0, umode
        csrw sepc, t0
        sret
umode:
7:      ecall                   /* S: base, then back to U after it */
        CHECK_VECTOR(6, 100, CAUSE_ECALL_U)
        la t0, 7b
        bne s11, t0, fail
        li TESTNUM, 8
        .word 0xfe000033        /* illegal, not delegated: M, base */
        j fail

        /* ---- vector tables: one 4-byte jump per entry ---- */
        .balign 256
m_table:
        j m_exception           /* 0: every exception */
        j m_ssi                 /* 1 */
        j fail                  /* 2 */
        j m_msi                 /* 3 */
        j fail                  /* 4 */
        j fail                  /* 5 */
        j fail                  /* 6 */
        j m_mti                 /* 7 */
        j fail                  /* 8 */
        j fail                  /* 9 */
        j fail                  /* 10 */
        j fail                  /* 11 */

m_exception:
        li s9, 0
        csrr s10, mcause
        csrr s11, mepc
        addi s0, s0, 1
        li s8, CAUSE_ILLEGAL_INSN
        beq s10, s8, m_done     /* test 8: finished */
        addi s8, s11, 4
        csrw mepc, s8
        mret
m_ssi:  li s9, 1
        li s8, MIP_SSIP
        csrc mip, s8
        j m_irq_common
m_msi:  li s9, 3
        li s8, MSWI_BASE
        sw zero, 0(s8)
        j m_irq_common
m_mti:  li s9, 7
        li s8, MTIMECMP_BASE
        li s10, -1
        sd s10, 0(s8)
m_irq_common:
        csrr s10, mcause
        csrr s11, mepc
        addi s0, s0, 1
        mret

m_done: CHECK_VECTOR(7, 0, CAUSE_ILLEGAL_INSN)
        li t0, MSTATUS_MPP
        csrs mstatus, t0
        csrw medeleg, zero
        csrw mideleg, zero
        j hl_pass

        .balign 256
s_table:
        j s_exception           /* 0 */
        j s_ssi                 /* 1 */
        j fail                  /* 2 */
        j fail                  /* 3 */
        j fail                  /* 4 */
        j fail                  /* 5 */

s_exception:
        li s9, 100
        csrr s10, scause
        csrr s11, sepc
        addi s0, s0, 1
        addi s8, s11, 4
        csrw sepc, s8
        sret
s_ssi:  li s9, 101
        li s8, MIP_SSIP
        csrc sip, s8
        csrr s10, scause
        csrr s11, sepc
        addi s0, s0, 1
        sret
PRIV_END
