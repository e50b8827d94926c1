/*
 * hartlab F/D test macros, on top of hartlab_test.h. Operands go in through
 * integer registers (FMV_IN: fmv.w.x boxes a single, fmv.d.x copies a double)
 * and results come out as all 64 bits of the f register (fmv.x.d), so single
 * results are checked NaN-boxed: write them with the S() macro. Each test
 * clears fflags first and checks both the result and the flags it raised.
 *
 * Register use: f1, f2, f4 operands, f3 result; a0 result, a1 flags, t0.
 */
#ifndef HARTLAB_FP_H
#define HARTLAB_FP_H

#include "hartlab_test.h"

#define MSTATUS_FS       0x6000
#define MSTATUS_FS_INIT  0x2000

#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

/* A single NaN-boxed in a 64-bit register. */
#define S(bits) (0xffffffff00000000 | (bits))

#define FP_ENABLE                                                       \
        li t0, MSTATUS_FS_INIT;                                         \
        csrs mstatus, t0

#define FP_LOAD(freg, value)                                            \
        li t0, value;                                                   \
        FMV_IN freg, t0

#define FP_CHECK(res, flags)                                            \
        fmv.x.d a0, f3;                                                 \
        CHECK(a0, res);                                                 \
        frflags a1;                                                     \
        CHECK(a1, flags)

#define X_CHECK(res, flags)                                             \
        CHECK(a0, res);                                                 \
        frflags a1;                                                     \
        CHECK(a1, flags)

/* f3 = op(f1, f2) in rounding mode rm. */
#define TEST_FP2(num, op, rm, res, flags, a, b)                         \
test_##num:                                                             \
        li TESTNUM, num;                                                \
        FP_LOAD(f1, a); FP_LOAD(f2, b);                                 \
        fsflags x0;                                                     \
        op f3, f1, f2, rm;                                              \
        FP_CHECK(res, flags)

/* f3 = op(f1, f2) for the operations without a rounding mode. */
#define TEST_FP2N(num, op, res, flags, a, b)                            \
test_##num:                                                             \
        li TESTNUM, num;                                                \
        FP_LOAD(f1, a); FP_LOAD(f2, b);                                 \
        fsflags x0;                                                     \
        op f3, f1, f2;                                                  \
        FP_CHECK(res, flags)

/* f3 = op(f1) in rounding mode rm. */
#define TEST_FP1(num, op, rm, res, flags, a)                            \
test_##num:                                                             \
        li TESTNUM, num;                                                \
        FP_LOAD(f1, a);                                                 \
        fsflags x0;                                                     \
        op f3, f1, rm;                                                  \
        FP_CHECK(res, flags)

/* f3 = op(f1, f2, f4): the fused multiply-adds. */
#define TEST_FP3(num, op, rm, res, flags, a, b, c)                      \
test_##num:                                                             \
        li TESTNUM, num;                                                \
        FP_LOAD(f1, a); FP_LOAD(f2, b); FP_LOAD(f4, c);                 \
        fsflags x0;                                                     \
        op f3, f1, f2, f4, rm;                                          \
        FP_CHECK(res, flags)

/* a0 = op(f1, f2): the comparisons. */
#define TEST_CMP(num, op, res, flags, a, b)                             \
test_##num:                                                             \
        li TESTNUM, num;                                                \
        FP_LOAD(f1, a); FP_LOAD(f2, b);                                 \
        fsflags x0;                                                     \
        op a0, f1, f2;                                                  \
        X_CHECK(res, flags)

/* a0 = op(f1) [, rm]: conversions to integers (rm given) and FCLASS (rm empty). */
#define TEST_TOX(num, op, res, flags, a, ...)                           \
test_##num:                                                             \
        li TESTNUM, num;                                                \
        FP_LOAD(f1, a);                                                 \
        fsflags x0;                                                     \
        op a0, f1 __VA_OPT__(,) __VA_ARGS__;                            \
        X_CHECK(res, flags)

/* f3 = op(integer a) [, rm]: conversions from integers. */
#define TEST_FROMX(num, op, res, flags, a, ...)                         \
test_##num:                                                             \
        li TESTNUM, num;                                                \
        li t0, a;                                                       \
        fsflags x0;                                                     \
        op f3, t0 __VA_OPT__(,) __VA_ARGS__;                            \
        FP_CHECK(res, flags)

#endif
