/*
 * hartlab PMP test macros, on top of hartlab_vm.h: pmpNcfg bits and
 * pmpaddr values computed at run time from labels.
 *
 * TEST_BEGIN leaves entry 0 as NAPOT over all memory, RWX; the PMP tests
 * replace it. They keep entry 15 (pmpcfg2's top byte, the last of QEMU's
 * 16) as that catch-all, below the entries under test, so S/U-mode code,
 * trap areas and tohost stay reachable, and end every change of PMP with
 * PMP_SYNC: the spec requires an SFENCE.VMA after PMP CSR writes where a
 * TLB may hold their verdicts.
 */
#ifndef HARTLAB_PMP_H
#define HARTLAB_PMP_H

#include "hartlab_vm.h"

#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_RWX   0x07
#define PMP_TOR   0x08
#define PMP_NA4   0x10
#define PMP_NAPOT 0x18
#define PMP_L     0x80

/* cfg as the byte of entry n within its pmpcfg register */
#define PMP_CFG(n, cfg) ((cfg) << (8 * ((n) % 8)))

/* reg = pmpaddr of the NAPOT region of size bytes (a power of two, at
 * least 8) at label: label / 4 | (size / 8 - 1). Clobbers t6. */
#define PMP_NAPOT_ADDR(reg, label, size)                                \
        la reg, label;                                                  \
        srli reg, reg, 2;                                               \
        li t6, (size) / 8 - 1;                                          \
        or reg, reg, t6

/* reg = pmpaddr of the byte address label (a TOR bound or NA4 word) */
#define PMP_ADDR(reg, label)                                            \
        la reg, label;                                                  \
        srli reg, reg, 2

/* Entry 15: NAPOT over all memory, RWX, the rest of pmpcfg2 off.
 * Clobbers t0. */
#define PMP_OPEN_LAST                                                   \
        li t0, -1;                                                      \
        csrw pmpaddr15, t0;                                             \
        li t0, PMP_CFG(15, PMP_NAPOT | PMP_RWX);                        \
        csrw pmpcfg2, t0

#define PMP_SYNC sfence.vma zero, zero

/* The test macros below use no labels of their own but local label 9,
 * so num may be an expression (a base plus an offset). */

/* Like TEST_CASE. */
#define VALUE_CASE(num, reg, expected, ...)                             \
        li TESTNUM, num;                                                \
        __VA_ARGS__;                                                    \
        CHECK(reg, expected)

/* With t0 = address, the one instruction given must raise an access
 * fault of this cause in M-mode with mtval = t0, and the handler skips
 * it (the hart goes on in the mode it trapped from). Clobbers t1, t5, t6. */
#define ACCESS_FAULT(num, cause, ...)                                   \
        li TESTNUM, num;                                                \
        mv t1, t0;                                                      \
        EXPECT_TRAP;                                                    \
9:      __VA_ARGS__;                                                    \
        CHECK_TRAP(cause, 9b);                                          \
        TRAP_FIELD(t5, TA_TVAL);                                        \
        bne t5, t1, fail

/* Jumping to the address in t0 must raise an instruction access fault
 * (mepc = mtval = t0); the hart resumes in M-mode at the next line.
 * Clobbers t1, t5, t6, ra. */
#define FETCH_FAULT(num)                                                \
        li TESTNUM, num;                                                \
        mv t1, t0;                                                      \
        ARM_RESUME_M(9f);                                               \
        jalr t1;                                                        \
        j fail;                                                         \
9:      TRAP_FIELD(t5, TA_EXPECT);                                      \
        bnez t5, fail;                                                  \
        TRAP_FIELD(t5, TA_CAUSE);                                       \
        CHECK(t5, CAUSE_FETCH_ACCESS);                                  \
        TRAP_FIELD(t5, TA_EPC);                                         \
        bne t5, t1, fail;                                               \
        TRAP_FIELD(t5, TA_TVAL);                                        \
        bne t5, t1, fail

/* From M-mode: MRET to label in privilege prv must raise an instruction
 * access fault there (mepc = mtval = label, MPP = prv); the hart resumes
 * in M-mode at the next line. Clobbers t0, t5, t6. */
#define MRET_FETCH_FAULT(num, prv, label)                               \
        li TESTNUM, num;                                                \
        ARM_RESUME_M(9f);                                               \
        MRET_TO(prv, label);                                            \
9:      CHECK_TRAP(CAUSE_FETCH_ACCESS, label);                          \
        CHECK_TVAL_LABEL(label);                                        \
        CHECK_MPP(prv)

/* mstatus.MPP recorded by the M handler's last trap must be prv. */
#define CHECK_MPP(prv)                                                  \
        TRAP_FIELD(t5, TA_STATUS);                                      \
        srli t5, t5, 11;                                                \
        andi t5, t5, 3;                                                 \
        CHECK(t5, prv)

#endif
