/* RV64I 32-bit (W) operations: results are sign-extended from bit 31,
 * upper 32 bits of the sources are ignored, shift amounts use 5 bits. */
#include "hartlab_test.h"

TEST_BEGIN
        .option norvc

        /* ADDIW */
        TEST_CASE( 1, a0, 0xffffffff80000000, li a1, 0x7fffffff; addiw a0, a1, 1)
        TEST_CASE( 2, a0, 0x0000000023456789, li a1, 0x0000000123456789; addiw a0, a1, 0)
        TEST_CASE( 3, a0, -1,                 li a1, 0x00000000ffffffff; addiw a0, a1, 0)
        TEST_CASE( 4, a0, 0x000000007fffffff, li a1, 0xffffffff80000000; addiw a0, a1, -1)
        TEST_CASE( 5, a0, -2048,              addiw a0, zero, -2048)
        TEST_CASE( 6, a0, 0x7ff,              li a1, 0xdeadbeef00000000; addiw a0, a1, 2047)

        /* ADDW / SUBW */
        TEST_CASE(10, a0, 0xfffffffffffffffe, li a1, 0x7fffffff; li a2, 0x7fffffff; addw a0, a1, a2)
        TEST_CASE(11, a0, 3,                  li a1, 0x1234567800000001; li a2, 0x8765432100000002; addw a0, a1, a2)
        TEST_CASE(12, a0, 0,                  li a1, 0xffffffff; li a2, 1; addw a0, a1, a2)
        TEST_CASE(13, a0, 0xffffffff80000000, li a1, 0x80000000; subw a0, zero, a1)
        TEST_CASE(14, a0, -1,                 li a1, 1; li a2, 2; subw a0, a1, a2)
        TEST_CASE(15, a0, 0x000000007fffffff, li a1, 0xffffffff80000000; li a2, 1; subw a0, a1, a2)
        TEST_CASE(16, a0, 0x10,               li a1, 0xaaaaaaaa00000020; li a2, 0x5555555500000010; subw a0, a1, a2)

        /* SLLW / SRLW / SRAW: shift amount is rs2[4:0] */
        TEST_CASE(20, a0, 0xffffffff80000000, li a1, 1; li a2, 31; sllw a0, a1, a2)
        TEST_CASE(21, a0, 1,                  li a1, 1; li a2, 32; sllw a0, a1, a2)
        TEST_CASE(22, a0, 2,                  li a1, 1; li a2, 33; sllw a0, a1, a2)
        TEST_CASE(23, a0, 0x10,               li a1, 0xdeadbeef00000001; li a2, 4; sllw a0, a1, a2)
        TEST_CASE(24, a0, 0x0000000078000000, li a1, 0x000000000f000000; li a2, 3; sllw a0, a1, a2)
        TEST_CASE(25, a0, 1,                  li a1, 0xffffffff80000000; li a2, 31; srlw a0, a1, a2)
        TEST_CASE(26, a0, 0xffffffff80000000, li a1, 0x0000000080000000; li a2, 0; srlw a0, a1, a2)
        TEST_CASE(27, a0, 0x000000007fffffff, li a1, -1; li a2, 1; srlw a0, a1, a2)
        TEST_CASE(28, a0, 0x0000000000000001, li a1, 0x1234567880000000; li a2, 63; srlw a0, a1, a2)
        TEST_CASE(29, a0, -1,                 li a1, 0x0000000080000000; li a2, 31; sraw a0, a1, a2)
        TEST_CASE(30, a0, 0x000000003fffffff, li a1, 0xffffffff7fffffff; li a2, 1; sraw a0, a1, a2)
        TEST_CASE(31, a0, 0xfffffffff8000000, li a1, 0x0000000080000000; li a2, 36; sraw a0, a1, a2)
        TEST_CASE(32, a0, 0x0000000012345678, li a1, 0xfedcba9812345678; li a2, 32; sraw a0, a1, a2)

        /* SLLIW / SRLIW / SRAIW */
        TEST_CASE(40, a0, 0xffffffff80000000, li a1, 1; slliw a0, a1, 31)
        TEST_CASE(41, a0, 0x0000000012345678, li a1, 0xabcdef0012345678; slliw a0, a1, 0)
        TEST_CASE(42, a0, 0xfffffffff0000000, li a1, 0x000000000000000f; slliw a0, a1, 28)
        TEST_CASE(43, a0, 0x0000000000000001, li a1, 0x0000000080000000; srliw a0, a1, 31)
        TEST_CASE(44, a0, 0xffffffff80000000, li a1, 0x0000000080000000; srliw a0, a1, 0)
        TEST_CASE(45, a0, 0x000000000000ffff, li a1, 0x12345678ffff0000; srliw a0, a1, 16)
        TEST_CASE(46, a0, 0xffffffffffff8000, li a1, 0x0000000080000000; sraiw a0, a1, 16)
        TEST_CASE(47, a0, 0x0000000000007fff, li a1, 0xffffffff7fffffff; sraiw a0, a1, 16)
        TEST_CASE(48, a0, 0xffffffff87654321, li a1, 0x0000000087654321; sraiw a0, a1, 0)

        /* sext.w pseudo-instruction and rd == rs */
        TEST_CASE(50, a0, 0xffffffffdeadbeef, li a0, 0x12345678deadbeef; sext.w a0, a0)
        TEST_CASE(51, a0, 0xfffffffffffffffe, li a0, 0x00000000ffffffff; addw a0, a0, a0)

        j hl_pass
TEST_END
