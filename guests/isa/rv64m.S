/* RV64M: multiply (low/high, signed/unsigned mixes), divide and remainder,
 * 32-bit W forms, division by zero and signed overflow results. */
#include "hartlab_test.h"

#define RR(num, op, expected, v1, v2) \
        TEST_CASE(num, a0, expected, li a1, v1; li a2, v2; op a0, a1, a2)

TEST_BEGIN
        .option norvc

        /* MUL */
        RR( 1, mul, 21, 3, 7)
        RR( 2, mul, -21, -3, 7)
        RR( 3, mul, 0xfffffffffffffffe, 0x7fffffffffffffff, 2)
        RR( 4, mul, 0x0000000000000000, 0x8000000000000000, 2)
        RR( 5, mul, 0x2236d88fe5618cf0, 0x123456789abcdef0, 0x0fedcba987654321)
        RR( 6, mul, 1, -1, -1)

        /* MULH (signed x signed) */
        RR(10, mulh, 0, -1, -1)
        RR(11, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000)
        RR(12, mulh, -1, -1, 1)
        RR(13, mulh, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff)
        RR(14, mulh, 0xc000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
        RR(15, mulh, 0, 3, 7)

        /* MULHU (unsigned x unsigned) */
        RR(20, mulhu, 0xfffffffffffffffe, -1, -1)
        RR(21, mulhu, 1, 0x8000000000000000, 2)
        RR(22, mulhu, 0, 0xffffffff, 0xffffffff)
        RR(23, mulhu, 0x00000000fffffffe, 0xffffffff00000000, 0xffffffff)

        /* MULHSU (signed rs1 x unsigned rs2) */
        RR(30, mulhsu, -1, -1, -1)
        RR(31, mulhsu, 0, 1, -1)
        RR(32, mulhsu, -1, 0x8000000000000000, 2)
        RR(33, mulhsu, -1, -1, 2)
        RR(34, mulhsu, 0x7ffffffffffffffe, 0x7fffffffffffffff, -1)
        RR(35, mulhsu, 0xc000000000000000, 0x8000000000000000, 0x8000000000000000)

        /* MULW: low 32 bits of the product, sign-extended */
        RR(40, mulw, 0xfffffffffffffffe, 0x7fffffff, 2)
        RR(41, mulw, 15, 0x100000003, 0x100000005)
        RR(42, mulw, 0xffffffff80000000, 0x40000000, 2)
        RR(43, mulw, 1, -1, -1)

        /* DIV / DIVU (truncating) */
        RR(50, div, 3, 20, 6)
        RR(51, div, -3, -20, 6)
        RR(52, div, -3, 20, -6)
        RR(53, div, 3, -20, -6)
        RR(54, div, -1, 20, 0)
        RR(55, div, -1, -20, 0)
        RR(56, div, 0x8000000000000000, 0x8000000000000000, -1)
        RR(57, divu, 0x7fffffffffffffff, -1, 2)
        RR(58, divu, -1, 20, 0)
        RR(59, divu, 0, 20, -6)
        RR(60, divu, 0x2aaaaaaaaaaaaaa7, -20, 6)

        /* REM / REMU: sign follows the dividend */
        RR(70, rem, 2, 20, 6)
        RR(71, rem, -2, -20, 6)
        RR(72, rem, 2, 20, -6)
        RR(73, rem, -2, -20, -6)
        RR(74, rem, -20, -20, 0)
        RR(75, rem, 0, 0x8000000000000000, -1)
        RR(76, remu, 5, -1, 10)
        RR(77, remu, -20, -20, 0)
        RR(78, remu, 20, 20, -6)

        /* DIVW / DIVUW / REMW / REMUW: 32-bit operands, sign-extended result */
        RR(80, divw, -3, -20, 6)
        RR(81, divw, 3, 0xffffffff00000014, 6)
        RR(82, divw, 0xffffffff80000000, 0x80000000, -1)
        RR(83, divw, -1, 20, 0)
        RR(84, divw, -1, 20, 0xffffffff00000000)
        RR(85, divuw, 0x7fffffff, 0xffffffff, 2)
        RR(86, divuw, 0xffffffff80000000, 0x80000000, 1)
        RR(87, divuw, -1, 20, 0)
        RR(88, divuw, 0x2aaaaaa7, -20, 6)
        RR(90, remw, -2, -20, 6)
        RR(91, remw, 0, 0x80000000, -1)
        RR(92, remw, 0xffffffff80000001, 0x80000001, 0)
        RR(93, remw, 2, 0x1234567800000014, 0x9876543200000006)
        RR(94, remuw, 5, 0xffffffff, 10)
        RR(95, remuw, 0xffffffff80000000, 0x80000000, 0)
        RR(96, remuw, 0xfffffffffffffffe, 0xfffffffffffffffe, 0xffffffff)
        RR(97, remuw, 0x7fffffff, 0x17fffffff, 0x80000000)

        /* same register as both operands / destination */
        TEST_CASE(100, a0, 49, li a0, 7; mul a0, a0, a0)
        TEST_CASE(101, a0, 1,  li a0, -7; div a0, a0, a0)

        j hl_pass
TEST_END
