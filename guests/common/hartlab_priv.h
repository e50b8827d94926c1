/*
 * hartlab privileged-mode test macros: everything in hartlab_test.h, plus
 * CSR bit names, the ACLINT addresses, switching privilege, and a second
 * recording trap handler for S-mode (stvec) that mirrors the M-mode one.
 *
 *   #include "hartlab_priv.h"
 *   TEST_BEGIN
 *     STRAP_INIT
 *     MRET_TO(PRV_S, smode)
 *   smode:
 *     ...
 *   PRIV_END
 *
 * The S-mode handler records scause/sepc/stval/sstatus in strap_area (same
 * TA_* layout as trap_area), then returns to TA_RESUME in S-mode if set,
 * else skips the trapping instruction, reading it with sstatus.SUM and MXR
 * set so a faulting instruction on a U or execute-only page can be sized.
 * An unannounced trap fails the test. It uses sscratch; t0-t2 are preserved.
 */
#ifndef HARTLAB_PRIV_H
#define HARTLAB_PRIV_H

#include "hartlab_test.h"

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define CAUSE_FETCH_ACCESS      1
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_STORE_ACCESS      7
#define CAUSE_FETCH_PAGE_FAULT  12
#define CAUSE_LOAD_PAGE_FAULT   13
#define CAUSE_STORE_PAGE_FAULT  15

/* interrupt numbers, mip/mie bits, and mcause/scause values */
#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define MIP_SSIP (1 << IRQ_SSI)
#define MIP_MSIP (1 << IRQ_MSI)
#define MIP_STIP (1 << IRQ_STI)
#define MIP_MTIP (1 << IRQ_MTI)
#define CAUSE_INTERRUPT 0x8000000000000000
#define CAUSE_SSI_IRQ   (CAUSE_INTERRUPT | IRQ_SSI)
#define CAUSE_MSI_IRQ   (CAUSE_INTERRUPT | IRQ_MSI)
#define CAUSE_MTI_IRQ   (CAUSE_INTERRUPT | IRQ_MTI)

#define MSTATUS_SIE   0x2
#define MSTATUS_SPIE  0x20
#define MSTATUS_SPP   0x100
#define MSTATUS_MPP_S 0x800
#define MSTATUS_MPRV  0x20000
#define MSTATUS_SUM   0x40000
#define MSTATUS_MXR   0x80000
#define MSTATUS_TVM   0x100000
#define MSTATUS_TW    0x200000
#define MSTATUS_TSR   0x400000

/* ACLINT (CLINT-compatible layout; SSWI is not on QEMU 7.2's spike machine) */
#define MSWI_BASE      0x02000000      /* msip, 4 bytes per hart */
#define MTIMECMP_BASE  0x02004000      /* mtimecmp, 8 bytes per hart */
#define MTIME_ADDR     0x0200BFF8
#define SSWI_BASE      0x02F00000      /* setssip, 4 bytes per hart */

/* ---------------------------------------------------------------- */
/* From M-mode: continue at label in privilege prv (PRV_U/S/M) through
 * MRET. MPIE is left alone, so MIE becomes whatever MPIE holds. Clobbers t0. */
#define MRET_TO(prv, label)                                             \
        li t0, MSTATUS_MPP;                                             \
        csrc mstatus, t0;                                               \
        li t0, (prv) << 11;                                             \
        csrs mstatus, t0;                                               \
        la t0, label;                                                   \
        csrw mepc, t0;                                                  \
        mret

/* Arm the M-mode handler so that the next trap (e.g. an ECALL from a lower
 * mode) resumes at label in M-mode. Must run where trap_area is writable
 * (M-mode, or S/U-mode without translation). Clobbers t5, t6. */
#define ARM_RESUME_M(label)                                             \
        EXPECT_TRAP;                                                    \
        la t5, label;                                                   \
        sd t5, TA_RESUME(t6)

/* From any mode that can write trap_area: ECALL and continue in M-mode at
 * label (the trap is recorded: cause 8/9/11 says where it came from). */
#define ECALL_TO_M(label)                                               \
        ARM_RESUME_M(label);                                            \
        ecall;                                                          \
        j fail

/* IF_QEMU72 reads marchid, an M-mode CSR. QEMU72_DETECT (in M-mode) keeps
 * its verdict in memory, where IF_QEMU72_ANY reads it from any mode.
 * Clobbers t0, t1 (detect) or reg (branch). */
#define QEMU72_DETECT                                                   \
        li t0, 1;                                                       \
        IF_QEMU72(t1, 1f);                                              \
        li t0, 0;                                                       \
1:      la t1, hl_qemu72;                                               \
        sd t0, 0(t1)

#define IF_QEMU72_ANY(reg, label)                                       \
        la reg, hl_qemu72;                                              \
        ld reg, 0(reg);                                                 \
        bnez reg, label

/* ---------------------------------------------------------------- */
/* S-mode recording handler (use from S-mode or, to arm it, M-mode). */
#define STRAP_INIT                                                      \
        la t0, strap_area;                                              \
        csrw sscratch, t0;                                              \
        la t0, hl_strap_handler;                                        \
        csrw stvec, t0

#define S_EXPECT_TRAP                                                   \
        la t6, strap_area;                                              \
        sd t6, TA_EXPECT(t6)

/* The next S-mode trap returns to label in S-mode. Clobbers t5, t6. */
#define S_RESUME_AT(label)                                              \
        S_EXPECT_TRAP;                                                  \
        la t5, label;                                                   \
        sd t5, TA_RESUME(t6)

#define S_TRAP_FIELD(reg, off)                                          \
        la reg, strap_area;                                             \
        ld reg, off(reg)

/* The announced S-mode trap happened with this cause and sepc. */
#define S_CHECK_TRAP(cause, epc_label)                                  \
        S_TRAP_FIELD(t5, TA_EXPECT);                                    \
        bnez t5, fail;                                                  \
        S_TRAP_FIELD(t5, TA_CAUSE);                                     \
        CHECK(t5, cause);                                               \
        S_TRAP_FIELD(t5, TA_EPC);                                       \
        la t6, epc_label;                                               \
        bne t5, t6, fail

/* Same, with sepc given as a number (e.g. a virtual address). */
#define S_CHECK_TRAP_AT(cause, epc)                                     \
        S_TRAP_FIELD(t5, TA_EXPECT);                                    \
        bnez t5, fail;                                                  \
        S_TRAP_FIELD(t5, TA_CAUSE);                                     \
        CHECK(t5, cause);                                               \
        S_TRAP_FIELD(t5, TA_EPC);                                       \
        CHECK(t5, epc)

#define S_CHECK_TVAL(expected)                                          \
        S_TRAP_FIELD(t5, TA_TVAL);                                      \
        CHECK(t5, expected)

/* Number of S-mode traps taken so far. */
#define S_TRAP_COUNT(reg) S_TRAP_FIELD(reg, TA_COUNT)

/* ---------------------------------------------------------------- */
/* Epilogue: the S-mode handler and its save area, then TEST_END. */
#define PRIV_END                                                        \
        .balign 4;                                                      \
hl_strap_handler:                                                       \
        csrrw t0, sscratch, t0;                                         \
        sd t1, TA_T1(t0);                                               \
        sd t2, TA_T2(t0);                                               \
        ld t1, TA_EXPECT(t0);                                           \
        beqz t1, hl_strap_unexpected;                                   \
        sd zero, TA_EXPECT(t0);                                         \
        ld t1, TA_CAUSE(t0);                                            \
        sd t1, TA_PCAUSE(t0);                                           \
        ld t1, TA_EPC(t0);                                              \
        sd t1, TA_PEPC(t0);                                             \
        ld t1, TA_TVAL(t0);                                             \
        sd t1, TA_PTVAL(t0);                                            \
        csrr t1, scause;                                                \
        sd t1, TA_CAUSE(t0);                                            \
        csrr t1, sepc;                                                  \
        sd t1, TA_EPC(t0);                                              \
        csrr t1, stval;                                                 \
        sd t1, TA_TVAL(t0);                                             \
        csrr t1, sstatus;                                               \
        sd t1, TA_STATUS(t0);                                           \
        ld t1, TA_COUNT(t0);                                            \
        addi t1, t1, 1;                                                 \
        sd t1, TA_COUNT(t0);                                            \
        ld t1, TA_RESUME(t0);                                           \
        beqz t1, 3f;                                                    \
        sd zero, TA_RESUME(t0);                                         \
        csrw sepc, t1;                                                  \
        li t1, MSTATUS_SPP;                                             \
        csrs sstatus, t1;                                               \
        j 4f;                                                           \
3:      li t1, MSTATUS_SUM | MSTATUS_MXR;                               \
        csrrs t2, sstatus, t1;                                          \
        csrr t1, sepc;                                                  \
        lhu t1, 0(t1);                                                  \
        csrw sstatus, t2;                                               \
        andi t1, t1, 3;                                                 \
        addi t1, t1, -3;                                                \
        csrr t2, sepc;                                                  \
        addi t2, t2, 2;                                                 \
        bnez t1, 5f;                                                    \
        addi t2, t2, 2;                                                 \
5:      csrw sepc, t2;                                                  \
4:      ld t1, TA_T1(t0);                                               \
        ld t2, TA_T2(t0);                                               \
        csrrw t0, sscratch, t0;                                         \
        sret;                                                           \
hl_strap_unexpected:                                                    \
        csrrw t0, sscratch, t0;                                         \
        j fail;                                                         \
                                                                        \
        .data;                                                          \
        .balign 64;                                                     \
        .globl strap_area;                                              \
strap_area: .zero TA_SIZE;                                              \
hl_qemu72: .dword 0;                                                    \
        .text;                                                          \
        TEST_END

#endif
