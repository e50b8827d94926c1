/* RV64C: every compressed instruction form, written with explicit c.
 * mnemonics so the assembler cannot choose a 32-bit encoding. */
#include "hartlab_test.h"

TEST_BEGIN
        .option rvc

        /* C.ADDI4SPN: rd' = sp + nzuimm */
        TEST_CASE( 1, a0, 16,   c.addi4spn a0, sp, 16; sub a0, a0, sp)
        TEST_CASE( 2, s1, 1020, c.addi4spn s1, sp, 1020; sub s1, s1, sp)
        TEST_CASE( 3, a5, 4,    c.addi4spn a5, sp, 4; sub a5, a5, sp)

        /* C.LW / C.LD (rs1', rd') */
        TEST_CASE( 4, a0, 0xffffffff80000001, la a1, cdat; c.lw a0, 0(a1))
        TEST_CASE( 5, a0, 0x7ffffffe,         la a1, cdat; c.lw a0, 4(a1))
        TEST_CASE( 6, s0, 0x0123456789abcdef, la a2, cdat; c.ld s0, 8(a2))
        TEST_CASE( 7, a5, 0x000000000000007c, la s1, cdat; c.lw a5, 124(s1))
        TEST_CASE( 8, a4, 0x000000fc000000f8, la a3, cdat; c.ld a4, 248(a3))

        /* C.SW / C.SD */
        TEST_CASE( 9, a0, 0xaaaaaaaa12345678, la a1, cbuf; li a2, -0x5555555600000000; c.sd a2, 0(a1); li a3, 0xdeadbeef12345678; c.sw a3, 0(a1); c.ld a0, 0(a1))
        TEST_CASE(10, a0, 0xfedcba9876543210, la s0, cbuf; li s1, 0xfedcba9876543210; c.sd s1, 248(s0); ld a0, 248(s0))
        TEST_CASE(11, a0, 0x0000000055667788, la a5, cbuf; li a4, 0x11223344556677 << 8 | 0x88; c.sw a4, 124(a5); lwu a0, 124(a5))

        /* C.ADDI / C.ADDIW / C.LI / C.LUI */
        TEST_CASE(12, a0, -32,                li a0, 0; c.addi a0, -32)
        TEST_CASE(13, t0, 0x100000030,        li t0, 0x100000001; c.addi t0, 31; c.addi t0, 16)
        TEST_CASE(14, ra, 1,                  li ra, 0; c.addi ra, 1)
        TEST_CASE(15, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
        TEST_CASE(16, s2, 0xffffffffdeadbeef, li s2, 0x12345678deadbeef; c.addiw s2, 0)
        TEST_CASE(17, a1, 0x000000007fffffe0, li a1, 0x100000000 - 0x80000000; c.addiw a1, -32)
        TEST_CASE(18, a0, -32,                c.li a0, -32)
        TEST_CASE(19, t3, 31,                 c.li t3, 31)
        TEST_CASE(20, s0, 0,                  li s0, 77; c.li s0, 0)
        TEST_CASE(21, a0, 0x1000,             c.lui a0, 1)
        TEST_CASE(22, a0, 0x1f000,            c.lui a0, 31)
        TEST_CASE(23, t1, 0xfffffffffffe0000, c.lui t1, 0xfffe0)
        TEST_CASE(24, a0, 0xfffffffffffff000, c.lui a0, 0xfffff)

        /* C.ADDI16SP */
        li TESTNUM, 25
        mv s11, sp
        c.addi16sp sp, -512
        sub a0, s11, sp
        CHECK(a0, 512)
        c.addi16sp sp, 496
        c.addi16sp sp, 16
        bne sp, s11, fail

        /* C.SRLI / C.SRAI / C.ANDI */
        TEST_CASE(26, a0, 1,                  li a0, 0x8000000000000000; c.srli a0, 63)
        TEST_CASE(27, a1, 0x0000000080000000, li a1, 0x8000000000000000; c.srli a1, 32)
        TEST_CASE(28, s0, 0xc000000000000000, li s0, 0x8000000000000000; c.srai s0, 1)
        TEST_CASE(29, s1, 0xffffffffffff8000, li s1, 0x8000000000000000; c.srai s1, 48)
        TEST_CASE(30, a2, 0x123456789abcdee0, li a2, 0x123456789abcdeff; c.andi a2, -32)
        TEST_CASE(31, a3, 0x000000000000001f, li a3, 0x123456789abcdeff; c.andi a3, 31)
        TEST_CASE(32, a4, 0x0000000000000000, li a4, 0x123456789abcdeff; c.andi a4, 0)

        /* C.SUB / C.XOR / C.OR / C.AND / C.SUBW / C.ADDW */
        TEST_CASE(33, a0, -2,                 li a0, 3; li a1, 5; c.sub a0, a1)
        TEST_CASE(34, s0, 0xf0f0f0f0f0f0f0f0, li s0, 0xff00ff00ff00ff00; li s1, 0x0ff00ff00ff00ff0; c.xor s0, s1)
        TEST_CASE(35, a2, 0xfff0fff0fff0fff0, li a2, 0xff00ff00ff00ff00; li a3, 0x0ff00ff00ff00ff0; c.or a2, a3)
        TEST_CASE(36, a4, 0x0f000f000f000f00, li a4, 0xff00ff00ff00ff00; li a5, 0x0ff00ff00ff00ff0; c.and a4, a5)
        TEST_CASE(37, a0, 0xffffffff80000000, li a0, 0x0000000080000001; li a1, 1; c.subw a0, a1)
        TEST_CASE(38, a0, 0x000000007fffffff, li a0, 0x1111111180000000; li a1, 1; c.subw a0, a1)
        TEST_CASE(39, s1, 0xffffffff80000000, li s1, 0x7fffffff; li a5, 1; c.addw s1, a5)
        TEST_CASE(40, s1, 3,                  li s1, 0xabcdef0000000001; li a5, 0x1234560000000002; c.addw s1, a5)

        /* C.J */
        li TESTNUM, 41
        c.j 1f
        j fail
1:
        li TESTNUM, 42
        li a0, 0
        c.j 2f
1:      c.addi a0, 1
        c.j 3f
2:      c.j 1b
3:      CHECK(a0, 1)

        /* C.BEQZ / C.BNEZ: full 64-bit comparison with zero */
        li TESTNUM, 43
        li s0, 0
        c.beqz s0, 1f
        j fail
1:      li TESTNUM, 44
        li s0, 0x100000000
        c.beqz s0, fail_near
        li TESTNUM, 45
        c.bnez s0, 1f
        j fail
1:      li TESTNUM, 46
        li a5, 0
        c.bnez a5, fail_near
        li TESTNUM, 47
        li a0, 3
1:      c.addi a0, -1
        c.bnez a0, 1b
        CHECK(a0, 0)
        j 2f
fail_near:
        j fail
2:

        /* C.SLLI */
        TEST_CASE(48, a0, 0x8000000000000000, li a0, 3; c.slli a0, 63)
        TEST_CASE(49, t4, 0x0000000300000000, li t4, 3; c.slli t4, 32)
        TEST_CASE(50, ra, 0x2468acf13579bde0, li ra, 0x123456789abcdef0; c.slli ra, 1)

        /* C.LWSP / C.LDSP / C.SWSP / C.SDSP (sp pointed at cdat/cbuf) */
        li TESTNUM, 51
        mv s11, sp
        la sp, cdat
        c.lwsp a0, 0(sp)
        c.lwsp t2, 252(sp)
        c.ldsp a1, 8(sp)
        c.ldsp t3, 504(sp)
        mv sp, s11
        CHECK(a0, 0xffffffff80000001)
        CHECK(t2, 0x00000000000000fc)
        CHECK(a1, 0x0123456789abcdef)
        CHECK(t3, 0x000001fc000001f8)

        li TESTNUM, 52
        la sp, cbuf
        li a0, 0x1122334455667788
        li a1, 0x99aabbccddeeff00
        c.sdsp a0, 0(sp)
        c.sdsp a1, 504(sp)
        c.swsp a1, 252(sp)
        c.swsp a1, 4(sp)
        mv sp, s11
        la a2, cbuf
        ld a3, 0(a2)
        CHECK(a3, 0xddeeff0055667788)
        ld a3, 504(a2)
        CHECK(a3, 0x99aabbccddeeff00)
        lwu a3, 252(a2)
        CHECK(a3, 0xddeeff00)

        /* C.JR / C.JALR */
        li TESTNUM, 53
        la t0, 1f
        c.jr t0
        j fail
1:
        li TESTNUM, 54
        la a5, 1f
        c.jalr a5
2:      j fail
1:      la t1, 2b
        bne ra, t1, fail
        li TESTNUM, 55
        la ra, 1f
        c.jr ra
        j fail
1:
        /* C.JALR with rs1 == ra: target is the old ra */
        li TESTNUM, 56
        la ra, 1f
        c.jalr ra
2:      j fail
1:      la t1, 2b
        bne ra, t1, fail

        /* C.MV / C.ADD */
        TEST_CASE(57, a0, 0x123456789abcdef0, li a1, 0x123456789abcdef0; c.mv a0, a1)
        TEST_CASE(58, t5, -1,                 li t4, -1; c.mv t5, t4)
        TEST_CASE(59, a0, 0x0000000100000000, li a0, 0xffffffff; li a1, 1; c.add a0, a1)
        TEST_CASE(60, s3, 42,                 li s3, 21; c.add s3, s3)

        /* C.NOP */
        TEST_CASE(61, a0, 5, li a0, 5; c.nop; c.nop)

        /* C.EBREAK: breakpoint, mepc = address of the 16-bit instruction */
        li TESTNUM, 62
        EXPECT_TRAP
62:     c.ebreak
        CHECK_TRAP(CAUSE_BREAKPOINT, 62b)

        /* 2-byte aligned 32-bit instruction after a compressed one */
        TEST_CASE(63, a0, 9, c.li a0, 4; .option push; .option norvc; addi a0, a0, 5; .option pop)

        j hl_pass
TEST_END

        .data
        .balign 64
cdat:   /* word i (i >= 2) holds 4*i, i.e. its own offset */
        .word 0x80000001, 0x7ffffffe
        .dword 0x0123456789abcdef
        .set hl_i, 16
        .rept 126
        .word hl_i
        .set hl_i, hl_i + 4
        .endr
        .balign 64
cbuf:
        .zero 512
