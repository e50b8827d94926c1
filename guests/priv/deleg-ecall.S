/* medeleg for environment calls: with bit 8 set an ECALL from U-mode traps
 * to S-mode (stvec, scause = 8, sepc = the ecall, stval = 0, SPP = U) and
 * M-mode sees nothing; an ECALL from S-mode still goes to M (cause 9) until
 * bit 9 is set too, and then stays in S (SPP = S). With medeleg cleared, U's
 * ECALL goes to M (cause 8). M-mode traps are never delegated: ECALL from M
 * is cause 11 in M even with every medeleg bit set. */
#include "hartlab_priv.h"

#define DELEG_ECALL_U (1 << CAUSE_ECALL_U)
#define DELEG_ECALL_S (1 << CAUSE_ECALL_S)

/* sstatus.SPP recorded by the S handler's last trap, in reg */
#define S_LAST_SPP(reg)                                                 \
        S_TRAP_FIELD(reg, TA_STATUS);                                   \
        andi reg, reg, MSTATUS_SPP

/* mstatus.MPP recorded by the M handler's last trap, in reg */
#define M_LAST_MPP(reg)                                                 \
        TRAP_FIELD(reg, TA_STATUS);                                     \
        srli reg, reg, 11;                                              \
        andi reg, reg, 3

TEST_BEGIN
        .option norvc

        csrw mie, zero
        STRAP_INIT
        TEST_CASE(1, a1, DELEG_ECALL_U, li t0, DELEG_ECALL_U; csrw medeleg, t0; csrr a1, medeleg)
        MRET_TO(PRV_S, s1)

s1:     /* S: SRET to U, whose ECALL comes back here through stvec */
        li TESTNUM, 2
        S_RESUME_AT(s2)
        li t0, MSTATUS_SPP
        csrc sstatus, t0
        la t0, u1
        csrw sepc, t0
        sret
u1:     li s1, 0x55
2:      ecall
        j fail
s2:     CHECK(s1, 0x55)
        S_CHECK_TRAP(CAUSE_ECALL_U, 2b)
        li TESTNUM, 3
        S_CHECK_TVAL(0)
        li TESTNUM, 4
        S_LAST_SPP(t5)
        CHECK(t5, 0)
        TEST_CASE(5, a1, 0, TRAP_FIELD(a1, TA_COUNT))      /* M saw nothing */

        /* S's ECALL is not delegated: M-mode, cause 9, MPP = S */
        li TESTNUM, 6
        ARM_RESUME_M(m1)
6:      ecall
        j fail
m1:     CHECK_TRAP(CAUSE_ECALL_S, 6b)
        li TESTNUM, 7
        CHECK_TVAL(0)
        M_LAST_MPP(t5)
        CHECK(t5, PRV_S)

        /* bit 9 set: S's ECALL is taken in S-mode, SPP = S */
        li t0, DELEG_ECALL_U | DELEG_ECALL_S
        csrw medeleg, t0
        MRET_TO(PRV_S, s3)
s3:     li TESTNUM, 8
        S_EXPECT_TRAP
8:      ecall
        S_CHECK_TRAP(CAUSE_ECALL_S, 8b)
        li TESTNUM, 9
        S_LAST_SPP(t5)
        CHECK(t5, MSTATUS_SPP)
        TEST_CASE(10, a1, 1, TRAP_FIELD(a1, TA_COUNT))     /* still one M trap */

        /* back to M through a trap that is not delegated (illegal CSR) */
        li TESTNUM, 11
        ARM_RESUME_M(m2)
11:     csrr a1, mscratch
        j fail
m2:     CHECK_TRAP(CAUSE_ILLEGAL_INSN, 11b)

        /* medeleg = 0: U's ECALL goes to M */
        csrw medeleg, zero
        MRET_TO(PRV_U, u2)
u2:     li TESTNUM, 12
        ARM_RESUME_M(m3)
12:     ecall
        j fail
m3:     CHECK_TRAP(CAUSE_ECALL_U, 12b)
        TEST_CASE(13, a1, 2, S_TRAP_COUNT(a1))            /* S saw nothing */

        /* every bit set: M-mode traps still stay in M */
        li t0, -1
        csrw medeleg, t0
        li TESTNUM, 14
        EXPECT_TRAP
14:     ecall
        CHECK_TRAP(CAUSE_ECALL_M, 14b)
        li TESTNUM, 15
        EXPECT_TRAP
15:     .word 0xfe000033        /* illegal instruction */
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, 15b)
        TEST_CASE(16, a1, 2, S_TRAP_COUNT(a1))
        csrw medeleg, zero
        j hl_pass
PRIV_END
