/*
 * hartlab ISA test macros (assembly, preprocessed by cpp).
 *
 * Register conventions inside tests:
 *   gp (x3)  holds the number of the test being run; on failure the guest
 *            exits through HTIF with exit code = gp (keep numbers 1..255:
 *            QEMU passes the code to exit(), which keeps only 8 bits).
 *   t5, t6   are scratch for the CHECK* macros; test code must not rely
 *            on them across a check.
 *   mscratch points at the trap-handler save area (see TRAP_INIT).
 *
 * Traps: the handler records mcause/mepc/mtval/mstatus in trap_area and
 * skips the trapping instruction. A trap not announced with EXPECT_TRAP
 * fails the test (exit code = current test number).
 *
 * Usage:
 *   #include "hartlab_test.h"
 *   TEST_BEGIN
 *     TEST_CASE(1, a0, 3, li a1, 1; li a2, 2; add a0, a1, a2)
 *   TEST_END
 */
#ifndef HARTLAB_TEST_H
#define HARTLAB_TEST_H

#define TESTNUM gp

#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_ILLEGAL_INSN      2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_ECALL_U           8
#define CAUSE_ECALL_S           9
#define CAUSE_ECALL_M           11

#define MSTATUS_MIE   0x8
#define MSTATUS_MPIE  0x80
#define MSTATUS_MPP   0x1800

/* Offsets in the trap save area (trap_area). */
#define TA_T1       0
#define TA_T2       8
#define TA_CAUSE    16   /* last trap: mcause   */
#define TA_EPC      24   /*            mepc     */
#define TA_TVAL     32   /*            mtval    */
#define TA_STATUS   40   /*            mstatus  */
#define TA_COUNT    48   /* number of traps taken */
#define TA_EXPECT   56   /* nonzero: a trap is expected (cleared by handler) */
#define TA_RESUME   64   /* nonzero: return to this address in M-mode */
#define TA_PCAUSE   72   /* previous trap: mcause */
#define TA_PEPC     80   /*                mepc   */
#define TA_PTVAL    88   /*                mtval  */
#define TA_SIZE     96

/* ---------------------------------------------------------------- */
/* Start-up: park secondary harts, open PMP, install the trap handler. */
#define TEST_BEGIN                                                      \
        .file __FILE__; /* else ld names the FILE symbol after a temp .o */ \
        .section .text.init, "ax", @progbits;                           \
        .globl _start;                                                  \
_start:                                                                 \
        csrr t0, mhartid;                                               \
        bnez t0, hl_park;                                               \
        li TESTNUM, 0;                                                  \
        la sp, __stack_top;                                             \
        /* Give U-mode access to everything; skip if PMP is absent. */  \
        la t0, hl_pmp_done;                                             \
        csrw mtvec, t0;                                                 \
        li t0, -1;                                                      \
        csrw pmpaddr0, t0;                                              \
        li t0, 0x1f; /* NAPOT | X | W | R */                            \
        csrw pmpcfg0, t0;                                               \
        .balign 4;                                                      \
hl_pmp_done:                                                            \
        TRAP_INIT;                                                      \
        j hl_tests;                                                     \
hl_park:                                                                \
        wfi;                                                            \
        j hl_park;                                                      \
hl_tests:

/* Point mtvec at the recording handler and mscratch at its save area. */
#define TRAP_INIT                                                       \
        la t0, trap_area;                                               \
        csrw mscratch, t0;                                              \
        la t0, hl_trap_handler;                                         \
        csrw mtvec, t0

/* Any trap is fatal (exit code = current test number). Use while
 * mscratch is being used as a data register. */
#define TRAP_FATAL                                                      \
        la t0, hl_trap_fatal;                                           \
        csrw mtvec, t0

/* ---------------------------------------------------------------- */
/* Compare a register with an expected (up to 64-bit) constant. */
#define CHECK(reg, expected)                                            \
        li t6, expected;                                                \
        bne reg, t6, fail

/* Run code, then compare reg with expected. */
#define TEST_CASE(num, reg, expected, ...)                              \
test_##num:                                                             \
        li TESTNUM, num;                                                \
        __VA_ARGS__;                                                    \
        CHECK(reg, expected)

/* Announce that the next instruction must trap (handler records it). */
#define EXPECT_TRAP                                                     \
        la t6, trap_area;                                               \
        sd t6, TA_EXPECT(t6)

/* Load a field of the save area into reg. */
#define TRAP_FIELD(reg, off)                                            \
        la reg, trap_area;                                              \
        ld reg, off(reg)

/* Check that the expected trap happened with the given cause and epc
 * (epc given as a label). Clobbers t5, t6. */
#define CHECK_TRAP(cause, epc_label)                                    \
        TRAP_FIELD(t5, TA_EXPECT);                                      \
        bnez t5, fail;                                                  \
        TRAP_FIELD(t5, TA_CAUSE);                                       \
        CHECK(t5, cause);                                               \
        TRAP_FIELD(t5, TA_EPC);                                         \
        la t6, epc_label;                                               \
        bne t5, t6, fail

#define CHECK_TVAL(expected)                                            \
        TRAP_FIELD(t5, TA_TVAL);                                        \
        CHECK(t5, expected)

#define CHECK_TVAL_LABEL(label)                                         \
        TRAP_FIELD(t5, TA_TVAL);                                        \
        la t6, label;                                                   \
        bne t5, t6, fail

/* mtval must hold the instruction bits found at label (32 or 16 bits). */
#define CHECK_TVAL_INSN32(label)                                        \
        TRAP_FIELD(t5, TA_TVAL);                                        \
        lla t6, label;                                                  \
        lwu t6, 0(t6);                                                  \
        bne t5, t6, fail

#define CHECK_TVAL_INSN16(label)                                        \
        TRAP_FIELD(t5, TA_TVAL);                                        \
        lla t6, label;                                                  \
        lhu t6, 0(t6);                                                  \
        bne t5, t6, fail

/* QEMU 7.2 deviates from Spike/hartlab in three places (see README):
 * misaligned AMOs trap with cause 4 instead of 6, EBREAK leaves mtval = 0
 * instead of the pc, and illegal-instruction traps detected at run time
 * (CSR privilege / read-only checks) leave mtval = 0 instead of the
 * instruction bits. Tests accept those values only when
 * running on QEMU 7.2.x, recognised by marchid = 0x0702xx (QEMU puts
 * its version there). Branches to label when on QEMU 7.2.x; clobbers reg. */
#define IF_QEMU72(reg, label)                                           \
        csrr reg, marchid;                                              \
        srli reg, reg, 8;                                               \
        addi reg, reg, -0x702;                                          \
        beqz reg, label

/* Like CHECK_TVAL_INSN32, but on QEMU 7.2 also accept mtval = 0. */
#define CHECK_TVAL_INSN32_Q(label)                                      \
        TRAP_FIELD(t5, TA_TVAL);                                        \
        lla t6, label;                                                  \
        lwu t6, 0(t6);                                                  \
        beq t5, t6, 8f;                                                 \
        bnez t5, fail;                                                  \
        IF_QEMU72(t6, 8f);                                              \
        j fail;                                                         \
8:

/* Like CHECK_TRAP, but on QEMU 7.2 also accept qemu_cause. */
#define CHECK_TRAP_Q(cause, qemu_cause, epc_label)                      \
        TRAP_FIELD(t5, TA_EXPECT);                                      \
        bnez t5, fail;                                                  \
        TRAP_FIELD(t5, TA_CAUSE);                                       \
        li t6, cause;                                                   \
        beq t5, t6, 7f;                                                 \
        IF_QEMU72(t6, 6f);                                              \
        j fail;                                                         \
6:      CHECK(t5, qemu_cause);                                          \
7:      TRAP_FIELD(t5, TA_EPC);                                         \
        la t6, epc_label;                                               \
        bne t5, t6, fail

/* ---------------------------------------------------------------- */
#define HTIF_EXIT(reg)   /* exits with code reg (clobbers reg, t0) */   \
        slli reg, reg, 1;                                               \
        ori reg, reg, 1;                                                \
        la t0, tohost;                                                  \
        sd reg, 0(t0);                                                  \
1:      j 1b

#define PASS                                                            \
        li a0, 0;                                                       \
        HTIF_EXIT(a0)

#define FAIL                                                            \
        j fail

/* ---------------------------------------------------------------- */
/* Epilogue: pass/fail exits, trap handler, HTIF words, data areas. */
#define TEST_END                                                        \
hl_pass:                                                                \
        PASS;                                                           \
fail:   /* code = test number; 255 if its low byte is 0 (QEMU keeps */  \
        /* only the low 8 bits of the exit code)                     */ \
        mv a0, TESTNUM;                                                 \
        andi t0, a0, 0xff;                                              \
        bnez t0, 2f;                                                    \
        li a0, 255;                                                     \
2:      HTIF_EXIT(a0);                                                  \
                                                                        \
        .balign 4;                                                      \
hl_trap_fatal:                                                          \
        j fail;                                                         \
                                                                        \
        /* Recording handler: logs mcause/mepc/mtval/mstatus, then   */ \
        /* returns to TA_RESUME in M-mode if set, else skips the     */ \
        /* trapping instruction (2 or 4 bytes). Preserves all GPRs.  */ \
        .balign 4;                                                      \
hl_trap_handler:                                                        \
        csrrw t0, mscratch, t0;                                         \
        sd t1, TA_T1(t0);                                               \
        sd t2, TA_T2(t0);                                               \
        ld t1, TA_EXPECT(t0);                                           \
        beqz t1, hl_trap_unexpected;                                    \
        sd zero, TA_EXPECT(t0);                                         \
        ld t1, TA_CAUSE(t0);                                            \
        sd t1, TA_PCAUSE(t0);                                           \
        ld t1, TA_EPC(t0);                                              \
        sd t1, TA_PEPC(t0);                                             \
        ld t1, TA_TVAL(t0);                                             \
        sd t1, TA_PTVAL(t0);                                            \
        csrr t1, mcause;                                                \
        sd t1, TA_CAUSE(t0);                                            \
        csrr t1, mepc;                                                  \
        sd t1, TA_EPC(t0);                                              \
        csrr t1, mtval;                                                 \
        sd t1, TA_TVAL(t0);                                             \
        csrr t1, mstatus;                                               \
        sd t1, TA_STATUS(t0);                                           \
        ld t1, TA_COUNT(t0);                                            \
        addi t1, t1, 1;                                                 \
        sd t1, TA_COUNT(t0);                                            \
        ld t1, TA_RESUME(t0);                                           \
        beqz t1, 3f;                                                    \
        sd zero, TA_RESUME(t0);                                         \
        csrw mepc, t1;                                                  \
        li t1, MSTATUS_MPP;                                             \
        csrs mstatus, t1;                                               \
        j 4f;                                                           \
3:      csrr t1, mepc;                                                  \
        lhu t2, 0(t1);                                                  \
        andi t2, t2, 3;                                                 \
        addi t1, t1, 2;                                                 \
        addi t2, t2, -3;                                                \
        bnez t2, 5f;                                                    \
        addi t1, t1, 2;                                                 \
5:      csrw mepc, t1;                                                  \
4:      ld t1, TA_T1(t0);                                               \
        ld t2, TA_T2(t0);                                               \
        csrrw t0, mscratch, t0;                                         \
        mret;                                                           \
hl_trap_unexpected:                                                     \
        csrrw t0, mscratch, t0;                                         \
        j fail;                                                         \
                                                                        \
        .section .tohost, "aw", @progbits;                              \
        .balign 64;                                                     \
        .globl tohost;                                                  \
        .type tohost, @object;                                          \
        .size tohost, 8;                                                \
tohost: .dword 0;                                                       \
        .balign 64;                                                     \
        .globl fromhost;                                                \
        .type fromhost, @object;                                        \
        .size fromhost, 8;                                              \
fromhost: .dword 0;                                                     \
                                                                        \
        .data;                                                          \
        .balign 64;                                                     \
        .globl trap_area;                                               \
trap_area: .zero TA_SIZE;                                               \
        .text

#endif
