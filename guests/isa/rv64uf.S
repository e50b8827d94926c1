/* RV64F: single precision in every rounding mode with its fflags,
 * NaN-boxing of inputs and results, fused multiply-add without double
 * rounding, NaN rules, overflow/underflow, FMIN/FMAX, comparisons, FCLASS,
 * conversions and moves. Expected values worked out by hand; results are
 * checked as whole 64-bit registers, so S(x) is x NaN-boxed. */
#define FMV_IN fmv.w.x
#include "hartlab_fp.h"

#define ONE     0x3f800000
#define TWO     0x40000000
#define THREE   0x40400000
#define HALF    0x3f000000
#define M_ONE   0xbf800000
#define QNAN    0x7fc00000
#define SNAN    0x7f800001
#define INF     0x7f800000
#define M_INF   0xff800000
#define MAX     0x7f7fffff

TEST_BEGIN
        .option norvc
        FP_ENABLE

        TEST_FP2( 1, fdiv.s, rne, S(0x3eaaaaab), NX, ONE, THREE)
        TEST_FP2( 2, fdiv.s, rtz, S(0x3eaaaaaa), NX, ONE, THREE)
        TEST_FP2( 3, fdiv.s, rdn, S(0x3eaaaaaa), NX, ONE, THREE)
        TEST_FP2( 4, fdiv.s, rup, S(0x3eaaaaab), NX, ONE, THREE)
        TEST_FP2( 5, fdiv.s, rmm, S(0x3eaaaaab), NX, ONE, THREE)
        TEST_FP2( 6, fdiv.s, rdn, S(0xbeaaaaab), NX, M_ONE, THREE)

        /* 1 + 2^-24 is a tie */
        TEST_FP2(10, fadd.s, rne, S(ONE), NX, ONE, 0x33800000)
        TEST_FP2(11, fadd.s, rmm, S(0x3f800001), NX, ONE, 0x33800000)
        TEST_FP2(12, fadd.s, rup, S(0x3f800001), NX, ONE, 0x33800000)
        TEST_FP2(13, fsub.s, rdn, S(0x3f7fffff), 0, ONE, 0x33800000)  /* exact: below 1 the step is 2^-24 */
        TEST_FP2(14, fadd.s, rne, S(THREE), 0, ONE, TWO)
        TEST_FP2(15, fsub.s, rdn, S(0x80000000), 0, ONE, ONE)

        TEST_FP2(20, fmul.s, rne, S(INF), OF|NX, MAX, TWO)
        TEST_FP2(21, fmul.s, rtz, S(MAX), OF|NX, MAX, TWO)
        TEST_FP2(22, fmul.s, rne, S(0), UF|NX, 1, HALF)
        TEST_FP2(23, fmul.s, rmm, S(1), UF|NX, 1, HALF)
        TEST_FP2(24, fmul.s, rne, S(0x00400000), 0, 0x00800000, HALF)

        TEST_FP2(30, fdiv.s, rne, S(M_INF), DZ, M_ONE, 0)
        TEST_FP2(31, fdiv.s, rne, S(QNAN), NV, INF, INF)
        TEST_FP2(32, fadd.s, rne, S(QNAN), NV, SNAN, ONE)
        TEST_FP2(33, fmul.s, rne, S(QNAN), 0, 0xffc00123, ONE)

        TEST_FP1(35, fsqrt.s, rne, S(0x3fb504f3), NX, TWO)
        TEST_FP1(36, fsqrt.s, rup, S(0x3fb504f4), NX, TWO)
        TEST_FP1(37, fsqrt.s, rne, S(QNAN), NV, M_ONE)

        /* a*b = 1 + 2^-24 exactly (2^24 + 1 = 97 * 257 * 673); + 2^-80 is
         * above the tie: rounding the sum to double first would lose it */
        TEST_FP3(40, fmadd.s, rne, S(0x3f800001), NX, 0x3f42c200, 0x3fa84000, 0x17800000)
        TEST_FP3(41, fmadd.s, rne, S(ONE), NX, 0x3f42c200, 0x3fa84000, 0)
        TEST_FP3(42, fnmadd.s, rne, S(0xbf800001), NX, 0x3f42c200, 0x3fa84000, 0x17800000)
        TEST_FP3(43, fmsub.s, rne, S(0x33800000), 0, 0x3f42c200, 0x3fa84000, ONE)
        TEST_FP3(44, fnmsub.s, rne, S(0xb3800000), 0, 0x3f42c200, 0x3fa84000, ONE)

        TEST_FP2N(50, fsgnjn.s, S(M_ONE), 0, ONE, ONE)
        TEST_FP2N(51, fsgnjx.s, S(ONE), 0, M_ONE, M_ONE)
        TEST_FP2N(52, fmin.s, S(0x80000000), 0, 0, 0x80000000)
        TEST_FP2N(53, fmax.s, S(ONE), NV, SNAN, ONE)
        TEST_FP2N(54, fmax.s, S(QNAN), 0, 0xffc00000, 0x7fc00001)

        TEST_CMP(60, feq.s, 1, 0, 0x80000000, 0)
        TEST_CMP(61, feq.s, 0, 0, QNAN, ONE)
        TEST_CMP(62, fle.s, 0, NV, QNAN, ONE)
        TEST_CMP(63, flt.s, 1, 0, M_ONE, ONE)

        TEST_TOX(70, fclass.s, 0x008, 0, 0x80000000)
        TEST_TOX(71, fclass.s, 0x020, 0, 1)
        TEST_TOX(72, fclass.s, 0x100, 0, SNAN)
        TEST_TOX(73, fclass.s, 0x200, 0, QNAN)

        TEST_TOX(80, fcvt.w.s, 2, NX, 0x40200000, rne)
        TEST_TOX(81, fcvt.w.s, -3, NX, 0xc0200000, rmm)
        TEST_TOX(82, fcvt.w.s, 0x7fffffff, NV, QNAN, rtz)
        TEST_TOX(83, fcvt.wu.s, 0xffffffffb2d05e00, 0, 0x4f32d05e, rtz)
        TEST_TOX(84, fcvt.l.s, 0x8000000000000000, NV, M_INF, rtz)
        TEST_TOX(85, fcvt.lu.s, 0, NX, 0xbf000000, rtz)

        TEST_FROMX(90, fcvt.s.l, S(0x4b800000), NX, 0x1000001, rne)
        TEST_FROMX(91, fcvt.s.l, S(0x4b800001), NX, 0x1000001, rup)
        TEST_FROMX(92, fcvt.s.w, S(0xcf000000), 0, 0xffffffff80000000, rne)
        TEST_FROMX(93, fcvt.s.wu, S(0x4f800000), NX, 0xffffffff, rne)
        TEST_FROMX(94, fcvt.s.lu, S(0x5f7fffff), NX, -1, rtz)

        /* an input that is not NaN-boxed reads as the canonical NaN */
test_100:
        li TESTNUM, 100
        li t0, 0x3f800000        /* 1.0f without its box */
        fmv.d.x f1, t0
        FP_LOAD(f2, ONE)
        fsflags x0
        fadd.s f3, f1, f2
        FP_CHECK(S(QNAN), 0)
test_101:
        li TESTNUM, 101
        fsgnj.s f3, f1, f2       /* canonical NaN with f2's sign */
        FP_CHECK(S(QNAN), 0)
test_102:
        li TESTNUM, 102
        li t0, 0x123456789abcdef0
        fmv.d.x f1, t0
        fmv.x.w a0, f1           /* raw low half, sign-extended: no box check */
        CHECK(a0, 0xffffffff9abcdef0)
test_103:
        li TESTNUM, 103
        la s0, fp_data
        fsw f1, 0(s0)            /* raw low half */
        lwu a0, 0(s0)
        CHECK(a0, 0x9abcdef0)
        flw f3, 0(s0)            /* loads box */
        FP_CHECK(S(0x9abcdef0), 0)
test_104:
        li TESTNUM, 104
        FP_LOAD(f1, ONE)
        fcvt.d.s f3, f1
        FP_CHECK(0x3ff0000000000000, 0)

        j hl_pass
TEST_END

        .data
        .balign 8
fp_data: .zero 16
