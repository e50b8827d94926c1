/* RV64I register/immediate ALU operations, shifts, LUI, AUIPC. */
#include "hartlab_test.h"

TEST_BEGIN
        .option norvc

        /* ADD / ADDI */
        TEST_CASE( 1, a0, 3,                  li a1, 1; li a2, 2; add a0, a1, a2)
        TEST_CASE( 2, a0, 0x8000000000000000, li a1, 0x7fffffffffffffff; li a2, 1; add a0, a1, a2)
        TEST_CASE( 3, a0, 0,                  li a1, -1; li a2, 1; add a0, a1, a2)
        TEST_CASE( 4, a0, 0x100000000,        li a1, 0xffffffff; li a2, 1; add a0, a1, a2)
        TEST_CASE( 5, a0, -1,                 li a1, 5; addi a0, a1, -6)
        TEST_CASE( 6, a0, 2047,               addi a0, zero, 2047)
        TEST_CASE( 7, a0, -2048,              addi a0, zero, -2048)
        TEST_CASE( 8, a0, 0x7fffffffffffffff, li a1, 0x8000000000000000; addi a0, a1, -1)

        /* SUB */
        TEST_CASE(10, a0, -2,                 li a1, 3; li a2, 5; sub a0, a1, a2)
        TEST_CASE(11, a0, 0x8000000000000000, li a1, 0x8000000000000000; sub a0, zero, a1)
        TEST_CASE(12, a0, 0x7fffffffffffffff, li a1, 0x8000000000000000; li a2, 1; sub a0, a1, a2)
        TEST_CASE(13, a0, 0,                  li a1, 1234; sub a0, a1, a1)

        /* SLT / SLTU / SLTI / SLTIU */
        TEST_CASE(20, a0, 1, li a1, -1; li a2, 1; slt a0, a1, a2)
        TEST_CASE(21, a0, 0, li a1, 1; li a2, -1; slt a0, a1, a2)
        TEST_CASE(22, a0, 0, li a1, -1; li a2, 1; sltu a0, a1, a2)
        TEST_CASE(23, a0, 1, li a1, 1; li a2, -1; sltu a0, a1, a2)
        TEST_CASE(24, a0, 0, li a1, 7; li a2, 7; slt a0, a1, a2)
        TEST_CASE(25, a0, 1, li a1, 0x8000000000000000; li a2, 0x7fffffffffffffff; slt a0, a1, a2)
        TEST_CASE(26, a0, 0, li a1, 0x8000000000000000; li a2, 0x7fffffffffffffff; sltu a0, a1, a2)
        TEST_CASE(27, a0, 1, li a1, -5; slti a0, a1, -4)
        TEST_CASE(28, a0, 0, li a1, -4; slti a0, a1, -4)
        TEST_CASE(29, a0, 1, li a1, 0xfffffffffffffffe; sltiu a0, a1, -1)
        TEST_CASE(30, a0, 0, li a1, -1; sltiu a0, a1, -1)
        TEST_CASE(31, a0, 1, li a1, 0; sltiu a0, a1, 1)
        TEST_CASE(32, a0, 0, li a1, 0x100000000; sltiu a0, a1, 1)
        TEST_CASE(33, a0, 0, li a1, 2047; sltiu a0, a1, 2047)

        /* AND / OR / XOR and immediate forms (sign-extended immediates) */
        TEST_CASE(40, a0, 0x0f000f000f000f00, li a1, 0xff00ff00ff00ff00; li a2, 0x0ff00ff00ff00ff0; and a0, a1, a2)
        TEST_CASE(41, a0, 0xfff0fff0fff0fff0, li a1, 0xff00ff00ff00ff00; li a2, 0x0ff00ff00ff00ff0; or a0, a1, a2)
        TEST_CASE(42, a0, 0xf0f0f0f0f0f0f0f0, li a1, 0xff00ff00ff00ff00; li a2, 0x0ff00ff00ff00ff0; xor a0, a1, a2)
        TEST_CASE(43, a0, 0x123456789abcdef0, li a1, 0x123456789abcdeff; andi a0, a1, -16)
        TEST_CASE(44, a0, 0x00000000000000ff, li a1, 0x123456789abcdeff; andi a0, a1, 0xff)
        TEST_CASE(45, a0, 0xfffffffffffff80f, li a1, 0x000000000000000f; ori a0, a1, -2048)
        TEST_CASE(46, a0, 0xedcba9876543210f, li a1, 0x123456789abcdef0; xori a0, a1, -1)
        TEST_CASE(47, a0, 0x123456789abcd90f, li a1, 0x123456789abcdef0; xori a0, a1, 0x7ff)

        /* SLL / SRL / SRA: shift amount is rs2[5:0] */
        TEST_CASE(50, a0, 0x8000000000000000, li a1, 1; li a2, 63; sll a0, a1, a2)
        TEST_CASE(51, a0, 0x123456789abcdef0, li a1, 0x123456789abcdef0; li a2, 64; sll a0, a1, a2)
        TEST_CASE(52, a0, 0x2468acf13579bde0, li a1, 0x123456789abcdef0; li a2, 65; sll a0, a1, a2)
        TEST_CASE(53, a0, 0x0000000100000000, li a1, 1; li a2, 0xffffffffffffffe0; sll a0, a1, a2)
        TEST_CASE(54, a0, 1,                  li a1, 0x8000000000000000; li a2, 63; srl a0, a1, a2)
        TEST_CASE(55, a0, 0x4000000000000000, li a1, 0x8000000000000000; li a2, -63; srl a0, a1, a2)
        TEST_CASE(56, a0, 0x0000000080000000, li a1, 0x8000000000000000; li a2, 32; srl a0, a1, a2)
        TEST_CASE(57, a0, -1,                 li a1, 0x8000000000000000; li a2, 63; sra a0, a1, a2)
        TEST_CASE(58, a0, 0xffffffff80000000, li a1, 0x8000000000000000; li a2, 0x7fffffe0; sra a0, a1, a2)
        TEST_CASE(59, a0, 0x3fffffffffffffff, li a1, 0x7fffffffffffffff; li a2, 1; sra a0, a1, a2)
        TEST_CASE(60, a0, 0x8000000000000000, li a1, 0x8000000000000000; li a2, 128; sra a0, a1, a2)

        /* SLLI / SRLI / SRAI: 6-bit shamt */
        TEST_CASE(61, a0, 0x8000000000000000, li a1, 3; slli a0, a1, 63)
        TEST_CASE(62, a0, 0x0000000300000000, li a1, 3; slli a0, a1, 32)
        TEST_CASE(63, a0, 1,                  li a1, 0x8000000000000000; srli a0, a1, 63)
        TEST_CASE(64, a0, 0x00000000ffffffff, li a1, -1; srli a0, a1, 32)
        TEST_CASE(65, a0, -1,                 li a1, 0x8000000000000000; srai a0, a1, 63)
        TEST_CASE(66, a0, 0xfffffffff0000000, li a1, 0xf000000000000000; srai a0, a1, 32)
        TEST_CASE(67, a0, 0x123456789abcdef0, li a1, 0x123456789abcdef0; srai a0, a1, 0)
        TEST_CASE(68, a0, 0x0123456789abcdef, li a1, 0x123456789abcdef0; srli a0, a1, 4)

        /* LUI: 20-bit immediate << 12, sign-extended to 64 bits */
        TEST_CASE(70, a0, 0x000000007ffff000, lui a0, 0x7ffff)
        TEST_CASE(71, a0, 0xffffffff80000000, lui a0, 0x80000)
        TEST_CASE(72, a0, 0xfffffffffffff000, lui a0, 0xfffff)
        TEST_CASE(73, a0, 0,                  lui a0, 0)
        TEST_CASE(74, a0, 0x0000000012345000, lui a0, 0x12345)

        /* AUIPC: pc + (imm << 12) */
        TEST_CASE(80, a0, 0,       1: auipc a0, 0; lla a1, 1b; sub a0, a0, a1)
        TEST_CASE(81, a0, 0x1000,  1: auipc a0, 1; lla a1, 1b; sub a0, a0, a1)
        TEST_CASE(82, a0, -0x1000, 1: auipc a0, 0xfffff; lla a1, 1b; sub a0, a0, a1)
        TEST_CASE(83, a0, -0x80000000, 1: auipc a0, 0x80000; lla a1, 1b; sub a0, a0, a1)
        TEST_CASE(84, a0, 0x7ffff000, 1: auipc a0, 0x7ffff; lla a1, 1b; sub a0, a0, a1)

        /* x0 is hard-wired to zero; rd == rs */
        TEST_CASE(90, a0, 0,  addi x0, x0, 5; add x0, sp, sp; lui x0, 1; mv a0, x0)
        TEST_CASE(91, a0, 24, li a0, 12; add a0, a0, a0)
        TEST_CASE(92, a0, 0,  li a0, 12; xor a0, a0, a0)
        TEST_CASE(93, a0, 8, li a0, 1; sll a0, a0, a0; sll a0, a0, a0)

        j hl_pass
TEST_END
