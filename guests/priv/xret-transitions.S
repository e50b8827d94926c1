/* Trap returns. MRET: privilege = MPP, MIE = MPIE, MPIE = 1, MPP = U, and
 * MPRV = 0 when MPP < M (kept when returning to M). SRET (from M or S):
 * privilege = SPP, SIE = SPIE, SPIE = 1, SPP = U, MPRV = 0. The mode reached
 * is told by the cause of the ECALL that follows (8 = U, 9 = S); fields
 * that the ECALL's trap into M overwrites (MIE, MPIE) are read from the
 * mstatus it recorded (MPIE there = MIE after the return).
 * QEMU 7.2 leaves MPRV set on an xRET to a lower mode (a rule of privileged
 * spec 1.12); the MPRV checks accept that only on QEMU 7.2. */
#include "hartlab_priv.h"

/* t5 = recorded mstatus & mask */
#define LAST_STATUS(mask)                                               \
        TRAP_FIELD(t5, TA_STATUS);                                      \
        li t6, mask;                                                    \
        and t5, t5, t6

/* The recorded mstatus.MPRV is 0 (or, on QEMU 7.2, anything). */
#define CHECK_MPRV_CLEARED                                              \
        LAST_STATUS(MSTATUS_MPRV);                                      \
        beqz t5, 8f;                                                    \
        IF_QEMU72(t5, 8f);                                              \
        j fail;                                                         \
8:

/* mstatus: clear clr, then set set; clobbers t0 */
#define MSTATUS_CS(clr, set)                                            \
        li t0, clr;                                                     \
        csrc mstatus, t0;                                               \
        li t0, set;                                                     \
        csrs mstatus, t0

TEST_BEGIN
        .option norvc
        csrw mie, zero

        /* MRET to M: MIE = MPIE (1), MPIE = 1, MPP = U, MPRV kept */
        li TESTNUM, 1
        MSTATUS_CS(MSTATUS_MIE, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MPRV)
        la t0, 1f
        csrw mepc, t0
        mret
        j fail
1:      csrr a0, mstatus
        MSTATUS_CS(MSTATUS_MIE | MSTATUS_MPRV, 0)
        andi a1, a0, MSTATUS_MIE
        beqz a1, fail
        li TESTNUM, 2
        andi a1, a0, MSTATUS_MPIE
        beqz a1, fail
        li TESTNUM, 3
        li t0, MSTATUS_MPP
        and a1, a0, t0
        bnez a1, fail
        li TESTNUM, 4
        li t0, MSTATUS_MPRV
        and a1, a0, t0
        beqz a1, fail

        /* MRET to M with MPIE = 0: MIE = 0, MPIE = 1 */
        li TESTNUM, 5
        MSTATUS_CS(MSTATUS_MPIE, MSTATUS_MPP | MSTATUS_MIE)
        la t0, 1f
        csrw mepc, t0
        mret
        j fail
1:      csrr a0, mstatus
        andi a1, a0, MSTATUS_MIE
        bnez a1, fail
        li TESTNUM, 6
        andi a1, a0, MSTATUS_MPIE
        beqz a1, fail

        /* MRET to S with MPIE = 0 and MPRV = 1: S-mode, MIE = 0, MPRV = 0 */
        li TESTNUM, 7
        ARM_RESUME_M(m7)
        MSTATUS_CS(MSTATUS_MPIE, MSTATUS_MPRV)
        MRET_TO(PRV_S, s7)
s7:     ecall
        j fail
m7:     CHECK_TRAP(CAUSE_ECALL_S, s7)
        li TESTNUM, 8
        LAST_STATUS(MSTATUS_MPIE)
        bnez t5, fail
        li TESTNUM, 21
        CHECK_MPRV_CLEARED

        /* MRET to U with MPIE = 1 and MPRV = 1: U-mode, MIE = 1, MPRV = 0 */
        li TESTNUM, 9
        ARM_RESUME_M(m9)
        MSTATUS_CS(0, MSTATUS_MPIE | MSTATUS_MPRV)
        MRET_TO(PRV_U, u9)
u9:     ecall
        j fail
m9:     CHECK_TRAP(CAUSE_ECALL_U, u9)
        li TESTNUM, 10
        LAST_STATUS(MSTATUS_MPIE)
        CHECK(t5, MSTATUS_MPIE)
        li TESTNUM, 22
        CHECK_MPRV_CLEARED

        /* SRET from M to S (SPP = S, SPIE = 1, SIE = 0), MPRV = 1:
         * S-mode sees SIE = 1, SPIE = 1, SPP = U; M sees MPRV = 0 */
        li TESTNUM, 11
        MSTATUS_CS(MSTATUS_SIE | MSTATUS_MPP, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_MPRV)
        la t0, s11
        csrw sepc, t0
        sret
        j fail
s11:    csrr a0, sstatus
        csrci sstatus, MSTATUS_SIE
        andi a1, a0, MSTATUS_SIE
        beqz a1, fail
        li TESTNUM, 12
        andi a1, a0, MSTATUS_SPIE
        beqz a1, fail
        li TESTNUM, 13
        andi a1, a0, MSTATUS_SPP
        bnez a1, fail
        li TESTNUM, 14
        ARM_RESUME_M(m14)
e14:    ecall
        j fail
m14:    CHECK_TRAP(CAUSE_ECALL_S, e14)
        li TESTNUM, 15
        CHECK_MPRV_CLEARED

        /* SRET from S to S with SPIE = 0, SIE = 1: SIE = 0, SPIE = 1 */
        li TESTNUM, 16
        MRET_TO(PRV_S, s16)
s16:    li t0, MSTATUS_SPP | MSTATUS_SIE
        csrs sstatus, t0
        li t0, MSTATUS_SPIE
        csrc sstatus, t0
        la t0, 1f
        csrw sepc, t0
        sret
        j fail
1:      csrr a0, sstatus
        andi a1, a0, MSTATUS_SIE
        bnez a1, fail
        li TESTNUM, 17
        andi a1, a0, MSTATUS_SPIE
        beqz a1, fail
        li TESTNUM, 18
        andi a1, a0, MSTATUS_SPP
        bnez a1, fail

        /* SRET from S to U (SPP = U, SPIE = 1): U-mode, and the
         * ECALL's trap into M records SIE = 1, SPIE = 1, SPP = U */
        li TESTNUM, 19
        li t0, MSTATUS_SPIE
        csrs sstatus, t0
        li t0, MSTATUS_SPP
        csrc sstatus, t0
        la t0, u19
        csrw sepc, t0
        sret
        j fail
u19:    ECALL_TO_M(m19)
m19:    TRAP_FIELD(t5, TA_CAUSE)
        CHECK(t5, CAUSE_ECALL_U)
        li TESTNUM, 20
        LAST_STATUS(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP)
        CHECK(t5, MSTATUS_SIE | MSTATUS_SPIE)
        MSTATUS_CS(MSTATUS_SIE | MSTATUS_MPRV, 0)
        j hl_pass
PRIV_END
