/*
 * hartlab multi-hart test macros, on top of hartlab_priv.h.
 *
 * Every hart runs from _start with a0 = mhartid; harts numbered NHARTS or
 * more park in wfi, the others continue at the code after SMP_BEGIN with
 * a0 = their hart id. Any trap on any hart is fatal (mtvec points at
 * hl_trap_fatal), and any hart may fail: `fail` writes its own TESTNUM to
 * tohost, so the exit code names the failed check whichever hart saw it.
 * Shared words that harts write concurrently should sit in separate 64-byte
 * lines (SHARED_WORD) so that a test never depends on false sharing.
 *
 * The tests are built for NHARTS = 4 and run with --harts 4 (hartlab) or
 * -smp 4 (QEMU); with fewer harts, hart 0 waits forever.
 */
#ifndef HARTLAB_SMP_H
#define HARTLAB_SMP_H

#include "hartlab_priv.h"

#ifndef NHARTS
#define NHARTS 4
#endif

#define SMP_BEGIN                                                       \
        .file __FILE__; /* else ld names the FILE symbol after a temp .o */ \
        .section .text.init, "ax", @progbits;                           \
        .globl _start;                                                  \
        .option push;                                                   \
        .option norvc; /* 4-byte instructions keep later code aligned */ \
_start:                                                                 \
        li TESTNUM, 0;                                                  \
        la t0, hl_trap_fatal;                                           \
        csrw mtvec, t0;                                                 \
        csrw mie, zero;                                                 \
        csrr a0, mhartid;                                               \
        li t0, NHARTS;                                                  \
        bltu a0, t0, hl_smp_main;                                       \
hl_smp_park:                                                            \
        wfi;                                                            \
        j hl_smp_park;                                                  \
        .option pop;                                                    \
hl_smp_main:

/* This hart stops taking part (mie = 0, so wfi never returns). */
#define SMP_PARK                                                        \
        csrw mie, zero;                                                 \
        j hl_smp_park

/* Spin until the 32-bit word at label equals reg; clobbers t0, t1. */
#define WAIT_WORD_EQ(label, reg)                                        \
        la t1, label;                                                   \
1:      lw t0, 0(t1);                                                   \
        bne t0, reg, 1b;                                                \
        fence r, rw

/* Store reg to the 32-bit word at label after all earlier accesses;
 * clobbers t1. */
#define RELEASE_WORD(label, reg)                                        \
        fence rw, w;                                                    \
        la t1, label;                                                   \
        sw reg, 0(t1)

/* A 64-bit shared variable alone in its 64-byte line (use in .data). */
#define SHARED_WORD(name, value)                                        \
        .balign 64;                                                     \
name:   .dword value;                                                   \
        .balign 64

#define SMP_END PRIV_END

#endif
