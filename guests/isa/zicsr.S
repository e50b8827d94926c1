/* Zicsr: CSRRW/CSRRS/CSRRC and immediate forms on mscratch, x0 rules,
 * mhartid/misa, cycle/instret counting, writes to read-only CSRs. */
#include "hartlab_test.h"

TEST_BEGIN
        .option norvc

        /* mscratch is used as plain data here, so any trap is fatal. */
        TRAP_FATAL

        /* CSRRW returns the old value and writes the new one */
        TEST_CASE( 1, a0, 0, li a1, 0; csrw mscratch, a1; li a1, 0x123456789abcdef0; csrrw a0, mscratch, a1)
        TEST_CASE( 2, a0, 0x123456789abcdef0, csrr a0, mscratch)
        TEST_CASE( 3, a0, 0x123456789abcdef0, li a1, -1; csrrw a0, mscratch, a1)
        TEST_CASE( 4, a0, -1, csrr a0, mscratch)
        /* rd == rs1 */
        TEST_CASE( 5, a0, -1, li a0, 0x55; csrrw a0, mscratch, a0)
        TEST_CASE( 6, a1, 0x55, csrr a1, mscratch)

        /* CSRRS / CSRRC */
        TEST_CASE(10, a0, 0x55, li a1, 0xf00000000000000a; csrrs a0, mscratch, a1)
        TEST_CASE(11, a0, 0xf00000000000005f, csrr a0, mscratch)
        TEST_CASE(12, a0, 0xf00000000000005f, li a1, 0x700000000000000f; csrrc a0, mscratch, a1)
        TEST_CASE(13, a0, 0x8000000000000050, csrr a0, mscratch)

        /* immediate forms: 5-bit zero-extended uimm */
        TEST_CASE(20, a0, 0x8000000000000050, csrrwi a0, mscratch, 31)
        TEST_CASE(21, a0, 31, csrr a0, mscratch)
        TEST_CASE(22, a0, 31, csrrci a0, mscratch, 0x15)
        TEST_CASE(23, a0, 0x0a, csrr a0, mscratch)
        TEST_CASE(24, a0, 0x0a, csrrsi a0, mscratch, 0x10)
        TEST_CASE(25, a0, 0x1a, csrr a0, mscratch)
        TEST_CASE(26, a0, 0x1a, csrrwi a0, mscratch, 0)
        TEST_CASE(27, a0, 0, csrr a0, mscratch)

        /* rd = x0: write still happens, x0 stays zero */
        TEST_CASE(30, a0, 0x77, li a1, 0x77; csrrw x0, mscratch, a1; csrr a0, mscratch)
        TEST_CASE(31, a0, 0x7f, li a1, 0x0f; csrrs x0, mscratch, a1; csrr a0, mscratch)
        TEST_CASE(32, a0, 0x70, li a1, 0x0f; csrrc x0, mscratch, a1; csrr a0, mscratch)
        TEST_CASE(33, a0, 0x71, csrrsi x0, mscratch, 1; csrr a0, mscratch)
        TEST_CASE(34, a0, 0x61, csrrci x0, mscratch, 0x10; csrr a0, mscratch)
        TEST_CASE(35, a0, 0x05, csrrwi x0, mscratch, 5; csrr a0, mscratch)
        TEST_CASE(36, a0, 0,    csrrw x0, mscratch, x0; mv a0, x0)

        /* rs1 = x0 (or uimm = 0): CSRRS/CSRRC do not write */
        TEST_CASE(40, a0, 0, csrrs a0, mscratch, x0)
        TEST_CASE(41, a0, 0, li a1, 0x99; csrw mscratch, a1; csrrc a0, mscratch, x0; csrr a0, mscratch; addi a0, a0, -0x99)

        /* ...so they may read read-only CSRs without trapping */
        TEST_CASE(42, a0, 0, csrrs a0, mhartid, x0)
        TEST_CASE(43, a0, 0, csrrc a0, mhartid, x0)
        TEST_CASE(44, a0, 0, csrrsi a0, mhartid, 0)
        TEST_CASE(45, a0, 0, csrrci a0, mhartid, 0)
        TEST_CASE(46, a0, 1, csrrs a0, cycle, x0; snez a0, a0)

        /* misa: MXL = 2 (RV64); I, M, A, C, S, U present */
        TEST_CASE(50, a0, 2, csrr a0, misa; srli a0, a0, 62)
        TEST_CASE(51, a0, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 2) | (1 << 18) | (1 << 20),
                  csrr a0, misa; li a1, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 2) | (1 << 18) | (1 << 20); and a0, a0, a1)

        /* cycle / instret (and their M-mode aliases) advance */
        li TESTNUM, 60
        rdcycle a0
        rdinstret a1
        csrr a2, mcycle
        csrr a3, minstret
        li t0, 100
1:      addi t0, t0, -1
        bnez t0, 1b
        rdcycle a4
        rdinstret a5
        csrr a6, mcycle
        csrr a7, minstret
        bleu a4, a0, fail
        li TESTNUM, 61
        bleu a5, a1, fail
        li TESTNUM, 62
        bleu a6, a2, fail
        li TESTNUM, 63
        bleu a7, a3, fail

        /* Writes to read-only CSRs raise illegal instruction, mtval = the
         * instruction, rd not written. (rs1 values are nonzero on purpose.) */
        TRAP_INIT
        li a1, 1
#define RO_WRITE(num, ...)                                              \
        li TESTNUM, num;                                                \
        li a0, 0x5a;                                                    \
        EXPECT_TRAP;                                                    \
num:    __VA_ARGS__;                                                    \
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, num##b);                         \
        CHECK_TVAL_INSN32_Q(num##b);                                    \
        CHECK(a0, 0x5a)

        RO_WRITE(70, csrrw a0, mhartid, a1)
        RO_WRITE(71, csrrs a0, mvendorid, a1)
        RO_WRITE(72, csrrc a0, marchid, a1)
        RO_WRITE(73, csrrwi a0, mimpid, 1)
        RO_WRITE(74, csrrsi a0, mhartid, 3)
        RO_WRITE(75, csrrw a0, cycle, a1)
        RO_WRITE(76, csrrs a0, instret, a1)
        RO_WRITE(77, csrrci a0, cycle, 1)
        RO_WRITE(78, csrw mhartid, a1)

        /* the read-only CSR kept its value */
        TEST_CASE(79, a0, 0, csrr a0, mhartid)

        j hl_pass
TEST_END
