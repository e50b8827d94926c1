/* RV64I loads and stores: widths, sign/zero extension, offsets,
 * and misaligned accesses (which hartlab, like QEMU, performs in hardware). */
#include "hartlab_test.h"

TEST_BEGIN
        .option norvc

        /* tdat bytes: 12 34 56 78 9a bc de f0 | ef cd ab 89 67 45 23 01 */
        TEST_CASE( 1, a0, 0x12,               la a1, tdat; lb a0, 0(a1))
        TEST_CASE( 2, a0, 0xfffffffffffffff0, la a1, tdat; lb a0, 7(a1))
        TEST_CASE( 3, a0, 0xf0,               la a1, tdat; lbu a0, 7(a1))
        TEST_CASE( 4, a0, 0xffffffffffffffbc, la a1, tdat; lb a0, 5(a1))
        TEST_CASE( 5, a0, 0x3412,             la a1, tdat; lh a0, 0(a1))
        TEST_CASE( 6, a0, 0xfffffffffffff0de, la a1, tdat; lh a0, 6(a1))
        TEST_CASE( 7, a0, 0xf0de,             la a1, tdat; lhu a0, 6(a1))
        TEST_CASE( 8, a0, 0x78563412,         la a1, tdat; lw a0, 0(a1))
        TEST_CASE( 9, a0, 0xfffffffff0debc9a, la a1, tdat; lw a0, 4(a1))
        TEST_CASE(10, a0, 0xf0debc9a,         la a1, tdat; lwu a0, 4(a1))
        TEST_CASE(11, a0, 0xf0debc9a78563412, la a1, tdat; ld a0, 0(a1))
        TEST_CASE(12, a0, 0x0123456789abcdef, la a1, tdat; ld a0, 8(a1))
        /* negative offsets */
        TEST_CASE(13, a0, 0xfffffffff0debc9a, la a1, tdat + 8; lw a0, -4(a1))
        TEST_CASE(14, a0, 0xffffffffffffffef, la a1, tdat + 2048 + 8; lb a0, -2048(a1))
        TEST_CASE(15, a0, 0x89abcdef,         la a1, tdat - 2047 + 8; lwu a0, 2047(a1))
        /* a load into x0 has no architectural effect */
        TEST_CASE(16, a0, 0,                  la a1, tdat; ld x0, 0(a1); mv a0, x0)

        /* stores write exactly 1/2/4/8 bytes */
        TEST_CASE(20, a0, 0x00000000000000a5, la a1, sbuf; sd zero, 0(a1); li a2, 0x12345678a5; sb a2, 0(a1); ld a0, 0(a1))
        TEST_CASE(21, a0, 0x00a5000000000000, la a1, sbuf; sd zero, 0(a1); li a2, 0xa5; sb a2, 6(a1); ld a0, 0(a1))
        TEST_CASE(22, a0, 0x00000000beef0000, la a1, sbuf; sd zero, 0(a1); li a2, 0xdeadbeef; sh a2, 2(a1); ld a0, 0(a1))
        TEST_CASE(23, a0, 0xdeadbeef00000000, la a1, sbuf; sd zero, 0(a1); li a2, 0x12345678deadbeef; sw a2, 4(a1); ld a0, 0(a1))
        TEST_CASE(24, a0, 0x0102030405060708, la a1, sbuf; li a2, 0x0102030405060708; sd a2, 0(a1); ld a0, 0(a1))
        TEST_CASE(25, a0, 0x11111111ffff1111, la a1, sbuf; li a2, 0x1111111111111111; sd a2, 0(a1); li a2, -1; sh a2, 2(a1); ld a0, 0(a1))
        TEST_CASE(26, a0, 0xffffffffffffff80, la a1, sbuf; li a2, 0x180; sb a2, 3(a1); lb a0, 3(a1))
        TEST_CASE(27, a0, 0x80,               la a1, sbuf; lbu a0, 3(a1))
        TEST_CASE(28, a0, 0xffffffff80000000, la a1, sbuf; li a2, 0x80000000; sw a2, 8(a1); lw a0, 8(a1))
        TEST_CASE(29, a0, 0x0000000080000000, la a1, sbuf; lwu a0, 8(a1))
        TEST_CASE(30, a0, 0x5a,               la a1, sbuf + 16; li a2, 0x5a; sb a2, -1(a1); lbu a0, 15(a1); la a1, sbuf; lbu a0, 15(a1))

        /* misaligned loads */
        TEST_CASE(40, a0, 0x5634,             la a1, tdat; lh a0, 1(a1))
        TEST_CASE(41, a0, 0xffffffffffffeff0, la a1, tdat; lh a0, 7(a1))
        TEST_CASE(42, a0, 0xeff0,             la a1, tdat; lhu a0, 7(a1))
        TEST_CASE(43, a0, 0xffffffff9a785634, la a1, tdat; lw a0, 1(a1))
        TEST_CASE(44, a0, 0xeff0debc,         la a1, tdat; lwu a0, 5(a1))
        TEST_CASE(45, a0, 0xffffffffeff0debc, la a1, tdat; lw a0, 5(a1))
        TEST_CASE(46, a0, 0xabcdeff0debc9a78, la a1, tdat; ld a0, 3(a1))
        TEST_CASE(47, a0, 0x23456789abcdeff0, la a1, tdat; ld a0, 7(a1))

        /* misaligned stores */
        TEST_CASE(50, a0, 0x7766554433221100, la a1, sbuf; sd zero, 0(a1); sd zero, 8(a1); li a2, 0x7766554433221100; sd a2, 5(a1); ld a0, 5(a1))
        TEST_CASE(51, a0, 0x2211000000000000, la a1, sbuf; ld a0, 0(a1))
        TEST_CASE(52, a0, 0x0000007766554433, la a1, sbuf; ld a0, 8(a1))
        TEST_CASE(53, a0, 0x00000000cafef00d, la a1, sbuf; sd zero, 0(a1); sd zero, 8(a1); li a2, 0xcafef00d; sw a2, 6(a1); lwu a0, 6(a1))
        TEST_CASE(54, a0, 0xf00d000000000000, la a1, sbuf; ld a0, 0(a1))
        TEST_CASE(55, a0, 0x000000000000cafe, la a1, sbuf; ld a0, 8(a1))
        TEST_CASE(56, a0, 0x00000000000abcd0, la a1, sbuf; sd zero, 0(a1); sd zero, 8(a1); li a2, 0xabcd; sh a2, 1(a1); ld a0, 0(a1); srli a0, a0, 4)
        TEST_CASE(57, a0, 0xbe00000000000000, la a1, sbuf; sd zero, 0(a1); sd zero, 8(a1); li a2, 0xbabe; sh a2, 7(a1); ld a0, 0(a1))
        TEST_CASE(58, a0, 0xba,               la a1, sbuf; ld a0, 8(a1))

        /* store then load through a different base register */
        TEST_CASE(60, a0, 0x1122334455667788, la a1, sbuf; addi a2, a1, 64; li a3, 0x1122334455667788; sd a3, -56(a2); ld a0, 8(a1))

        j hl_pass
TEST_END

        .data
        .balign 16
tdat:
        .dword 0xf0debc9a78563412
        .dword 0x0123456789abcdef
        .dword 0
        .balign 16
sbuf:
        .zero 32
