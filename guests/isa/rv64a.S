/* RV64A: LR/SC (success, failure without a reservation, failure after a
 * completed SC), all AMOs in .W and .D forms (return old value, .W results
 * sign-extended, .W leaves the upper word untouched), misaligned AMO trap. */
#include "hartlab_test.h"

/* Memory dword starts as init; op a0, a2, (a1) with a2 = operand.
 * Checks the returned old value, then the whole memory dword. */
#define AMO(num, op, init, operand, exp_old, exp_mem)                   \
        li TESTNUM, num;                                                \
        la a1, amo_buf;                                                 \
        li t0, init;                                                    \
        sd t0, 0(a1);                                                   \
        li a2, operand;                                                 \
        op a0, a2, (a1);                                                \
        CHECK(a0, exp_old);                                             \
        ld a3, 0(a1);                                                   \
        CHECK(a3, exp_mem)

TEST_BEGIN
        .option norvc

        /* SC before any LR: no reservation, must fail and not write */
        TEST_CASE( 1, a0, 1,    la a1, lr_buf; li a2, 0x55; sc.w a0, a2, (a1); snez a0, a0)
        TEST_CASE( 2, a0, 0,    la a1, lr_buf; ld a0, 0(a1))

        /* LR.D / SC.D success */
        TEST_CASE( 3, a0, 0x1111222233334444, la a1, lr_buf; li a2, 0x1111222233334444; sd a2, 0(a1); lr.d a0, (a1))
        TEST_CASE( 4, a0, 0,    li a2, 0x5555666677778888; sc.d a0, a2, (a1))
        TEST_CASE( 5, a0, 0x5555666677778888, ld a0, 0(a1))
        /* a second SC after a completed SC fails and leaves memory alone */
        TEST_CASE( 6, a0, 1,    li a2, 0x9999; sc.d a0, a2, (a1); snez a0, a0)
        TEST_CASE( 7, a0, 0x5555666677778888, ld a0, 0(a1))

        /* LR.W sign-extends; SC.W writes 32 bits only */
        TEST_CASE( 8, a0, 0xffffffff80000001, la a1, lr_buf; li a2, 0xaaaaaaaa80000001; sd a2, 0(a1); lr.w a0, (a1))
        TEST_CASE( 9, a0, 0,    li a2, 0x123456789; sc.w a0, a2, (a1))
        TEST_CASE(10, a0, 0xaaaaaaaa23456789, ld a0, 0(a1))
        TEST_CASE(11, a0, 1,    li a2, 0x77; sc.w a0, a2, (a1); snez a0, a0)
        TEST_CASE(12, a0, 0xaaaaaaaa23456789, ld a0, 0(a1))
        /* LR/SC loop (acquire/release variants) */
        TEST_CASE(13, a0, 0xaaaaaaaa2345678c,
                  la a1, lr_buf; 1: lr.w.aq a3, (a1); addi a3, a3, 3; sc.w.rl a4, a3, (a1); bnez a4, 1b; ld a0, 0(a1))
        TEST_CASE(14, a0, 0x2345678c, lwu a0, 0(a1))
        TEST_CASE(15, a0, 0x2345678c, sext.w a0, a3)

        /* AMO*.W */
        AMO(20, amoswap.w, 0x1111111180000001, 0x12345678,          0xffffffff80000001, 0x1111111112345678)
        AMO(21, amoswap.w, 0x1111111112345678, 0xabcdef0080000000,  0x12345678,         0x1111111180000000)
        AMO(22, amoadd.w,  0x22222222ffffffff, 1,                   -1,                 0x2222222200000000)
        AMO(23, amoadd.w,  0x222222227fffffff, 1,                   0x7fffffff,         0x2222222280000000)
        AMO(24, amoand.w,  0x33333333ff00ff00, 0xffffffff0ff00ff0,  0xffffffffff00ff00, 0x333333330f000f00)
        AMO(25, amoor.w,   0x33333333ff00ff00, 0x0ff00ff0,          0xffffffffff00ff00, 0x33333333fff0fff0)
        AMO(26, amoxor.w,  0x33333333ff00ff00, 0x0ff00ff0,          0xffffffffff00ff00, 0x33333333f0f0f0f0)
        AMO(27, amomin.w,  0x4444444480000000, 1,                   0xffffffff80000000, 0x4444444480000000)
        AMO(28, amomin.w,  0x4444444400000005, -3,                  5,                  0x44444444fffffffd)
        AMO(29, amomax.w,  0x4444444480000000, 1,                   0xffffffff80000000, 0x4444444400000001)
        AMO(30, amomax.w,  0x44444444fffffffd, 0x7fffffff00000002,  -3,                 0x4444444400000002)
        AMO(31, amominu.w, 0x5555555580000000, 1,                   0xffffffff80000000, 0x5555555500000001)
        AMO(32, amominu.w, 0x5555555500000003, 0xffffffff00000007,  3,                  0x5555555500000003)
        AMO(33, amomaxu.w, 0x5555555580000000, 1,                   0xffffffff80000000, 0x5555555580000000)
        AMO(34, amomaxu.w, 0x5555555500000003, 0x00000001fffffffe,  3,                  0x55555555fffffffe)

        /* AMO*.D */
        AMO(40, amoswap.d, 0x8000000000000001, 0x0123456789abcdef,  0x8000000000000001, 0x0123456789abcdef)
        AMO(41, amoadd.d,  0x00000000ffffffff, 1,                   0x00000000ffffffff, 0x0000000100000000)
        AMO(42, amoadd.d,  -1,                 2,                   -1,                 1)
        AMO(43, amoand.d,  0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0,  0xff00ff00ff00ff00, 0x0f000f000f000f00)
        AMO(44, amoor.d,   0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0,  0xff00ff00ff00ff00, 0xfff0fff0fff0fff0)
        AMO(45, amoxor.d,  0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0,  0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0)
        AMO(46, amomin.d,  0x8000000000000000, 1,                   0x8000000000000000, 0x8000000000000000)
        AMO(47, amomin.d,  5,                  -3,                  5,                  -3)
        AMO(48, amomax.d,  0x8000000000000000, 1,                   0x8000000000000000, 1)
        AMO(49, amomax.d,  0x00000000ffffffff, 0x0000000100000000,  0x00000000ffffffff, 0x0000000100000000)
        AMO(50, amominu.d, 0x8000000000000000, 1,                   0x8000000000000000, 1)
        AMO(51, amominu.d, 0x00000000ffffffff, 0x0000000100000000,  0x00000000ffffffff, 0x00000000ffffffff)
        AMO(52, amomaxu.d, 0x8000000000000000, 1,                   0x8000000000000000, 0x8000000000000000)
        AMO(53, amomaxu.d, 7,                  -1,                  7,                  -1)

        /* aq/rl bits, and rd = x0 */
        AMO(60, amoadd.d.aqrl, 40, 2, 40, 42)
        TEST_CASE(61, a3, 52, la a1, amo_buf; li a2, 10; amoadd.d zero, a2, (a1); ld a3, 0(a1))
        /* rd == rs2: old value returned, new value computed from the operand */
        TEST_CASE(62, a2, 52, la a1, amo_buf; li a2, 100; amoswap.d a2, a2, (a1))
        TEST_CASE(63, a3, 100, ld a3, 0(a1))

        /* Misaligned AMOs raise store/AMO address-misaligned (cause 6),
         * mtval = faulting address, no register or memory update. */
        li TESTNUM, 70
        la a1, amo_buf
        sd zero, 0(a1)
        sd zero, 8(a1)
        addi a1, a1, 2
        li a0, 0x77
        li a2, 1
        EXPECT_TRAP
70:     amoadd.w a0, a2, (a1)
        CHECK_TRAP_Q(CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, 70b)
        TRAP_FIELD(t5, TA_TVAL)
        bne t5, a1, fail
        CHECK(a0, 0x77)
        la a1, amo_buf
        ld a3, 0(a1)
        CHECK(a3, 0)

        li TESTNUM, 71
        la a1, amo_buf + 4
        li a0, 0x88
        li a2, 5
        EXPECT_TRAP
71:     amoswap.d a0, a2, (a1)
        CHECK_TRAP_Q(CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, 71b)
        TRAP_FIELD(t5, TA_TVAL)
        bne t5, a1, fail
        CHECK(a0, 0x88)
        la a1, amo_buf
        ld a3, 0(a1)
        CHECK(a3, 0)
        ld a3, 8(a1)
        CHECK(a3, 0)

        li TESTNUM, 72
        la a1, amo_buf + 1
        li a0, 0x99
        EXPECT_TRAP
72:     amomaxu.d a0, a2, (a1)
        CHECK_TRAP_Q(CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, 72b)
        CHECK(a0, 0x99)

        j hl_pass
TEST_END

        .data
        .balign 64
lr_buf:
        .dword 0
        .balign 64
amo_buf:
        .dword 0
        .dword 0
