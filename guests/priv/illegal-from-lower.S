/* Privileged instructions and CSRs from lower privilege levels raise an
 * illegal-instruction exception (cause 2, mtval = the instruction bits; QEMU
 * 7.2 leaves mtval = 0 for these run-time checks, accepted only there).
 *   U-mode: M and S CSRs, SRET, MRET, WFI, SFENCE.VMA (every rs1/rs2 form);
 *   S-mode: M CSRs, MRET; satp and SFENCE.VMA with mstatus.TVM = 1, WFI with
 *           TW = 1, SRET with TSR = 1 (and all of them work with the bits 0).
 * The recording M handler skips each instruction and returns to the mode
 * the trap came from, so each mode runs its checks itself. */
#include "hartlab_priv.h"

/* The instruction must trap as illegal with mtval = its bits. */
#define ILLEGAL(num, ...)                                               \
        li TESTNUM, num;                                                \
        EXPECT_TRAP;                                                    \
test_##num##_insn:                                                      \
        __VA_ARGS__;                                                    \
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, test_##num##_insn);              \
        CHECK_TVAL_INSN32_Q(test_##num##_insn)

TEST_BEGIN
        .option norvc
        csrw mie, zero
        MRET_TO(PRV_U, umode)

umode:  li a1, 0x77
        ILLEGAL( 1, csrr a1, mstatus)
        ILLEGAL( 2, csrr a1, sstatus)
        ILLEGAL( 3, csrw sscratch, a1)
        ILLEGAL( 4, csrr a1, satp)
        ILLEGAL( 5, csrr a1, mscratch)
        ILLEGAL( 6, sret)
        ILLEGAL( 7, mret)
        ILLEGAL( 8, wfi)
        ILLEGAL( 9, sfence.vma)
        ILLEGAL(10, sfence.vma a1)
        ILLEGAL(11, sfence.vma zero, a1)
        ILLEGAL(12, sfence.vma a1, a1)
        TEST_CASE(13, a1, 0x77, nop)    /* no CSR read reached rd */
        li TESTNUM, 14
        ARM_RESUME_M(m1)
e14:    ecall
        j fail
m1:     CHECK_TRAP(CAUSE_ECALL_U, e14)

        /* S-mode, TVM = TW = TSR = 0 */
        MRET_TO(PRV_S, smode)
smode:  ILLEGAL(20, csrr a1, mscratch)
        ILLEGAL(21, csrr a1, mstatus)
        ILLEGAL(22, csrw mtvec, a1)
        ILLEGAL(23, mret)
        TEST_CASE(24, a1, 0, csrr a1, satp)     /* allowed */
        TEST_CASE(25, a1, 0x77, li a1, 0x77; sfence.vma; sfence.vma a1, a1)
        li TESTNUM, 26
        ARM_RESUME_M(m2)
e26:    ecall
        j fail
m2:     CHECK_TRAP(CAUSE_ECALL_S, e26)

        /* S-mode with TVM, TW and TSR set */
        li t0, MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
        csrs mstatus, t0
        MRET_TO(PRV_S, smode2)
smode2: ILLEGAL(30, csrr a1, satp)
        ILLEGAL(31, csrw satp, zero)
        ILLEGAL(32, csrrs a1, satp, zero)
        ILLEGAL(33, sfence.vma)
        ILLEGAL(34, sfence.vma a1, zero)
        ILLEGAL(35, sfence.vma zero, a1)
        ILLEGAL(36, wfi)
        ILLEGAL(37, sret)
        TEST_CASE(38, a1, 0x77, li a1, 0x77; csrw sscratch, a1; csrr a1, sscratch)  /* S CSRs still fine */
        li TESTNUM, 39
        ARM_RESUME_M(m3)
e39:    ecall
        j fail
m3:     CHECK_TRAP(CAUSE_ECALL_S, e39)

        /* M-mode ignores TVM and TSR */
        TEST_CASE(40, a1, 0, csrr a1, satp; sfence.vma)
        li TESTNUM, 41
        li t0, MSTATUS_SPP
        csrs mstatus, t0
        la t0, s41
        csrw sepc, t0
        sret                    /* M-mode SRET with TSR = 1: to S-mode */
        j fail
s41:    ARM_RESUME_M(m4)
e41:    ecall
        j fail
m4:     CHECK_TRAP(CAUSE_ECALL_S, e41)
        li t0, MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
        csrc mstatus, t0
        j hl_pass
PRIV_END
