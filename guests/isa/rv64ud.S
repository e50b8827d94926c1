/* RV64D: arithmetic in every rounding mode with its fflags, fused
 * multiply-add without intermediate rounding, signed zeros, NaN rules
 * (canonical NaN, signalling operands), overflow and underflow (tininess
 * after rounding), FMIN/FMAX, comparisons, FCLASS, saturating conversions,
 * frm, mstatus.FS, and the RV64DC loads and stores. Expected values were
 * worked out by hand from IEEE 754 and the ISA manual. */
#define FMV_IN fmv.d.x
#include "hartlab_fp.h"

#define ONE     0x3ff0000000000000
#define TWO     0x4000000000000000
#define THREE   0x4008000000000000
#define HALF    0x3fe0000000000000
#define M_ONE   0xbff0000000000000
#define QNAN    0x7ff8000000000000
#define SNAN    0x7ff0000000000001
#define INF     0x7ff0000000000000
#define M_INF   0xfff0000000000000
#define MAX     0x7fefffffffffffff
#define M_MAX   0xffefffffffffffff
#define MIN_NORM 0x0010000000000000
#define ULP_HALF 0x3ca0000000000000   /* 2^-53: half an ulp of 1.0 */
#define ULP_1_5  0x3cb8000000000000   /* 3 * 2^-53: one and a half ulps of 1.0 */

TEST_BEGIN
        .option norvc
        FP_ENABLE

        /* 1/3 in each rounding mode: inexact */
        TEST_FP2( 1, fdiv.d, rne, 0x3fd5555555555555, NX, ONE, THREE)
        TEST_FP2( 2, fdiv.d, rtz, 0x3fd5555555555555, NX, ONE, THREE)
        TEST_FP2( 3, fdiv.d, rdn, 0x3fd5555555555555, NX, ONE, THREE)
        TEST_FP2( 4, fdiv.d, rup, 0x3fd5555555555556, NX, ONE, THREE)
        TEST_FP2( 5, fdiv.d, rmm, 0x3fd5555555555555, NX, ONE, THREE)
        TEST_FP2( 6, fdiv.d, rdn, 0xbfd5555555555556, NX, M_ONE, THREE)
        TEST_FP2( 7, fdiv.d, rup, 0xbfd5555555555555, NX, M_ONE, THREE)

        /* 1 + 2^-53 is a tie: even for RNE, away for RMM */
        TEST_FP2(10, fadd.d, rne, ONE, NX, ONE, ULP_HALF)
        TEST_FP2(11, fadd.d, rmm, 0x3ff0000000000001, NX, ONE, ULP_HALF)
        TEST_FP2(12, fadd.d, rup, 0x3ff0000000000001, NX, ONE, ULP_HALF)
        TEST_FP2(13, fadd.d, rtz, ONE, NX, ONE, ULP_HALF)
        TEST_FP2(14, fsub.d, rdn, 0x3fefffffffffffff, 0, ONE, ULP_HALF)  /* exact: below 1 the step is 2^-53 */
        TEST_FP2(15, fadd.d, rne, 0x3ff0000000000002, NX, ONE, ULP_1_5)
        TEST_FP2(16, fadd.d, rne, THREE, 0, ONE, TWO)

        /* exact cancellation: +0, or -0 when rounding down */
        TEST_FP2(20, fsub.d, rne, 0, 0, ONE, ONE)
        TEST_FP2(21, fsub.d, rdn, 0x8000000000000000, 0, ONE, ONE)

        /* multiply: overflow by mode, underflow */
        TEST_FP2(25, fmul.d, rne, INF, OF|NX, MAX, TWO)
        TEST_FP2(26, fmul.d, rtz, MAX, OF|NX, MAX, TWO)
        TEST_FP2(27, fmul.d, rdn, M_INF, OF|NX, M_MAX, TWO)
        TEST_FP2(28, fmul.d, rup, M_MAX, OF|NX, M_MAX, TWO)
        TEST_FP2(29, fmul.d, rne, 0x0008000000000000, 0, MIN_NORM, HALF)
        TEST_FP2(30, fmul.d, rne, 0, UF|NX, 1, HALF)
        TEST_FP2(31, fmul.d, rup, 1, UF|NX, 1, HALF)
        /* (1 - 2^-53) 2^-1022 is tiny, then rounds to 2^-1022: still underflow */
        TEST_FP2(32, fmul.d, rne, MIN_NORM, UF|NX, 0x3fefffffffffffff, MIN_NORM)

        /* invalid operations and division by zero */
        TEST_FP2(35, fdiv.d, rne, INF, DZ, ONE, 0)
        TEST_FP2(36, fdiv.d, rne, QNAN, NV, 0, 0)
        TEST_FP2(37, fsub.d, rne, QNAN, NV, INF, INF)
        TEST_FP2(38, fmul.d, rne, QNAN, NV, INF, 0)
        TEST_FP2(39, fadd.d, rne, QNAN, NV, SNAN, ONE)
        TEST_FP2(40, fadd.d, rne, QNAN, 0, 0xfff8000000001234, ONE)

        /* square root */
        TEST_FP1(45, fsqrt.d, rne, 0x3ff6a09e667f3bcd, NX, TWO)
        TEST_FP1(46, fsqrt.d, rdn, 0x3ff6a09e667f3bcc, NX, TWO)
        TEST_FP1(47, fsqrt.d, rne, TWO, 0, 0x4010000000000000)
        TEST_FP1(48, fsqrt.d, rne, QNAN, NV, M_ONE)
        TEST_FP1(49, fsqrt.d, rne, 0x8000000000000000, 0, 0x8000000000000000)

        /* fused: (1 + 2^-27)(1 - 2^-27) - 1 = -2^-54 exactly, unfused 0 */
        TEST_FP3(50, fmadd.d, rne, 0xbc90000000000000, 0, 0x3ff0000002000000, 0x3feffffffc000000, M_ONE)
        TEST_FP3(51, fmsub.d, rne, 0xbc90000000000000, 0, 0x3ff0000002000000, 0x3feffffffc000000, ONE)
        TEST_FP3(52, fnmadd.d, rne, 0x3c90000000000000, 0, 0x3ff0000002000000, 0x3feffffffc000000, M_ONE)
        TEST_FP3(53, fnmsub.d, rne, 0x3c90000000000000, 0, 0x3ff0000002000000, 0x3feffffffc000000, ONE)
        TEST_FP3(54, fmadd.d, rne, QNAN, NV, INF, 0, QNAN)
        TEST_FP3(55, fmadd.d, rtz, 0x3fefffffffffffff, NX, 0x3ff0000002000000, 0x3feffffffc000000, 0)
        TEST_FP3(56, fmadd.d, rne, QNAN, NV, INF, ONE, M_INF)

        /* sign injection works on raw bits, NaNs included */
        TEST_FP2N(60, fsgnj.d, M_ONE, 0, ONE, M_ONE)
        TEST_FP2N(61, fsgnjn.d, M_ONE, 0, ONE, ONE)
        TEST_FP2N(62, fsgnjx.d, ONE, 0, M_ONE, M_ONE)
        TEST_FP2N(63, fsgnjn.d, 0x7ff0000000000001, 0, SNAN, M_ONE)

        /* minimumNumber / maximumNumber */
        TEST_FP2N(65, fmin.d, 0x8000000000000000, 0, 0, 0x8000000000000000)
        TEST_FP2N(66, fmax.d, 0, 0, 0x8000000000000000, 0)
        TEST_FP2N(67, fmin.d, ONE, 0, QNAN, ONE)
        TEST_FP2N(68, fmax.d, ONE, NV, ONE, SNAN)
        TEST_FP2N(69, fmin.d, QNAN, 0, 0xfff8000000000001, QNAN)
        TEST_FP2N(70, fmax.d, TWO, 0, ONE, TWO)

        /* comparisons: FEQ quiet, FLT/FLE signalling */
        TEST_CMP(75, feq.d, 1, 0, 0x8000000000000000, 0)
        TEST_CMP(76, feq.d, 0, 0, QNAN, QNAN)
        TEST_CMP(77, feq.d, 0, NV, SNAN, ONE)
        TEST_CMP(78, flt.d, 0, NV, QNAN, ONE)
        TEST_CMP(79, fle.d, 1, 0, ONE, ONE)
        TEST_CMP(80, flt.d, 1, 0, M_INF, M_MAX)

        /* FCLASS */
        TEST_TOX(85, fclass.d, 0x001, 0, M_INF)
        TEST_TOX(86, fclass.d, 0x002, 0, M_ONE)
        TEST_TOX(87, fclass.d, 0x004, 0, 0x800fffffffffffff)
        TEST_TOX(88, fclass.d, 0x008, 0, 0x8000000000000000)
        TEST_TOX(89, fclass.d, 0x010, 0, 0)
        TEST_TOX(90, fclass.d, 0x020, 0, 1)
        TEST_TOX(91, fclass.d, 0x040, 0, ONE)
        TEST_TOX(92, fclass.d, 0x080, 0, INF)
        TEST_TOX(93, fclass.d, 0x100, 0, SNAN)
        TEST_TOX(94, fclass.d, 0x200, 0, QNAN)

        /* to integers: rounding and saturation */
        TEST_TOX(100, fcvt.l.d, 2, NX, 0x4004000000000000, rne)
        TEST_TOX(101, fcvt.l.d, 3, NX, 0x4004000000000000, rmm)
        TEST_TOX(102, fcvt.l.d, -3, NX, 0xc004000000000000, rdn)
        TEST_TOX(103, fcvt.l.d, -2, NX, 0xc004000000000000, rtz)
        TEST_TOX(104, fcvt.l.d, 3, NX, 0x4004000000000000, rup)
        TEST_TOX(105, fcvt.w.d, 0x7fffffff, NV, QNAN, rtz)
        TEST_TOX(106, fcvt.w.d, 0xffffffff80000000, NV, 0xc1e65a0bc0000000, rtz)
        TEST_TOX(107, fcvt.wu.d, 0, NX, 0xbfe0000000000000, rtz)
        TEST_TOX(108, fcvt.wu.d, 0, NV, M_ONE, rtz)
        TEST_TOX(109, fcvt.wu.d, 0xffffffffb2d05e00, 0, 0x41e65a0bc0000000, rtz)
        TEST_TOX(110, fcvt.lu.d, -1, NV, 0x43f0000000000000, rtz)
        TEST_TOX(111, fcvt.l.d, 0x7fffffffffffffff, NV, INF, rtz)
        TEST_TOX(112, fcvt.lu.d, 0, NV, M_INF, rtz)

        /* from integers */
        TEST_FROMX(115, fcvt.d.l, 0x4340000000000000, NX, 0x20000000000001, rne)
        TEST_FROMX(116, fcvt.d.l, 0x4340000000000001, NX, 0x20000000000001, rup)
        TEST_FROMX(117, fcvt.d.lu, 0x43efffffffffffff, NX, -1, rtz)
        TEST_FROMX(118, fcvt.d.lu, 0x43f0000000000000, NX, -1, rne)
        TEST_FROMX(119, fcvt.d.w, 0xc1e0000000000000, 0, 0xffffffff80000000)
        TEST_FROMX(120, fcvt.d.wu, 0x41efffffffe00000, 0, 0xffffffff)
        TEST_FROMX(121, fmv.d.x, 0x123456789abcdef0, 0, 0x123456789abcdef0)

        /* between the formats */
        TEST_FP1(125, fcvt.s.d, rne, S(0x3dcccccd), NX, 0x3fb999999999999a)
        TEST_FP1(126, fcvt.s.d, rtz, S(0x3dcccccc), NX, 0x3fb999999999999a)
        TEST_FP1(127, fcvt.s.d, rne, S(0x7f800000), OF|NX, MAX)
        TEST_FP1(128, fcvt.s.d, rne, S(0x7fc00000), NV, SNAN)
test_129:
        li TESTNUM, 129
        li t0, 0x7f800001        /* a signalling single, boxed */
        fmv.w.x f1, t0
        fsflags x0
        fcvt.d.s f3, f1
        FP_CHECK(QNAN, NV)

        /* dynamic rounding through frm; fcsr = frm << 5 | fflags */
test_130:
        li TESTNUM, 130
        FP_LOAD(f1, ONE)
        FP_LOAD(f2, ULP_1_5)
        fsrmi 1                  /* RTZ */
        fsflags x0
        fadd.d f3, f1, f2        /* rm = dyn */
        FP_CHECK(0x3ff0000000000001, NX)
        frcsr a0
        CHECK(a0, (1 << 5) | NX)
        fsrmi 0

        /* a reserved frm traps when an instruction uses it, not before */
test_131:
        li TESTNUM, 131
        fsrmi 5
        frrm a0
        CHECK(a0, 5)
        EXPECT_TRAP
fadd_reserved:
        fadd.d f3, f1, f2
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, fadd_reserved)
        fsrmi 0

        /* FP results make mstatus.FS Dirty, and SD summarises it */
test_132:
        li TESTNUM, 132
        fadd.d f3, f1, f2
        csrr a0, mstatus
        bgez a0, fail
        li t0, MSTATUS_FS
        and a0, a0, t0
        CHECK(a0, MSTATUS_FS)

        /* with FS Off every FP instruction and FP CSR is illegal */
test_133:
        li TESTNUM, 133
        li t0, MSTATUS_FS
        csrc mstatus, t0
        EXPECT_TRAP
fp_off_insn:
        fadd.d f3, f1, f2
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, fp_off_insn)
        EXPECT_TRAP
fp_off_csr:
        frflags a0
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, fp_off_csr)
        csrr a0, mstatus
        bltz a0, fail            /* SD clear again */
        FP_ENABLE

        /* RV64DC: c.fsd / c.fld / c.fsdsp / c.fldsp */
test_134:
        li TESTNUM, 134
        la s0, fp_data
        li t0, 0x0123456789abcdef
        fmv.d.x f8, t0
        .option rvc
        c.fsd f8, 8(s0)
        c.fld f9, 8(s0)
        .option norvc
        fmv.x.d a0, f9
        CHECK(a0, 0x0123456789abcdef)
test_135:
        li TESTNUM, 135
        mv s1, sp
        la sp, fp_data
        .option rvc
        c.fsdsp f8, 16(sp)
        c.fldsp f0, 16(sp)
        .option norvc
        mv sp, s1
        fmv.x.d a0, f0
        CHECK(a0, 0x0123456789abcdef)

        j hl_pass
TEST_END

        .data
        .balign 8
fp_data: .zero 32
