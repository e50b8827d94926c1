/* RV64I conditional branches (taken / not taken, both directions),
 * JAL and JALR (link values, offsets, clearing bit 0 of the target). */
#include "hartlab_test.h"

/* Branch must be taken (forward). */
#define BR_TAKEN(num, op, v1, v2)                                       \
        li TESTNUM, num;                                                \
        li a1, v1;                                                      \
        li a2, v2;                                                      \
        op a1, a2, 1f;                                                  \
        j fail;                                                         \
1:

/* Branch must not be taken. */
#define BR_NOT_TAKEN(num, op, v1, v2)                                   \
        li TESTNUM, num;                                                \
        li a1, v1;                                                      \
        li a2, v2;                                                      \
        op a1, a2, 1f;                                                  \
        j 2f;                                                           \
1:      j fail;                                                         \
2:

/* Branch must be taken backwards (counts a loop down from 3). */
#define BR_BACKWARD(num, op, v1, v2)                                    \
        li TESTNUM, num;                                                \
        li a3, 0;                                                       \
        j 2f;                                                           \
1:      addi a3, a3, 1;                                                 \
        li t6, 2;                                                       \
        beq a3, t6, 3f;                                                 \
2:      li a1, v1;                                                      \
        li a2, v2;                                                      \
        op a1, a2, 1b;                                                  \
        j fail;                                                         \
3:

TEST_BEGIN
        .option norvc

        BR_TAKEN(     1, beq,  5, 5)
        BR_TAKEN(     2, beq,  -1, -1)
        BR_NOT_TAKEN( 3, beq,  5, 6)
        BR_NOT_TAKEN( 4, beq,  0x100000000, 0)
        BR_BACKWARD(  5, beq,  7, 7)

        BR_TAKEN(    10, bne,  5, 6)
        BR_TAKEN(    11, bne,  0x100000000, 0)
        BR_NOT_TAKEN(12, bne,  5, 5)
        BR_NOT_TAKEN(13, bne,  0x8000000000000000, 0x8000000000000000)
        BR_BACKWARD( 14, bne,  1, 2)

        BR_TAKEN(    20, blt,  -1, 1)
        BR_TAKEN(    21, blt,  0x8000000000000000, 0x7fffffffffffffff)
        BR_TAKEN(    22, blt,  -3, -2)
        BR_NOT_TAKEN(23, blt,  1, -1)
        BR_NOT_TAKEN(24, blt,  4, 4)
        BR_BACKWARD( 25, blt,  0, 1)

        BR_TAKEN(    30, bge,  1, -1)
        BR_TAKEN(    31, bge,  4, 4)
        BR_TAKEN(    32, bge,  0x7fffffffffffffff, 0x8000000000000000)
        BR_NOT_TAKEN(33, bge,  -1, 1)
        BR_NOT_TAKEN(34, bge,  -3, -2)
        BR_BACKWARD( 35, bge,  0, 0)

        BR_TAKEN(    40, bltu, 1, -1)
        BR_TAKEN(    41, bltu, 0x7fffffffffffffff, 0x8000000000000000)
        BR_NOT_TAKEN(42, bltu, -1, 1)
        BR_NOT_TAKEN(43, bltu, 9, 9)
        BR_BACKWARD( 44, bltu, 0, 0xffffffff00000000)

        BR_TAKEN(    50, bgeu, -1, 1)
        BR_TAKEN(    51, bgeu, 9, 9)
        BR_TAKEN(    52, bgeu, 0x8000000000000000, 0x7fffffffffffffff)
        BR_NOT_TAKEN(53, bgeu, 1, -1)
        BR_NOT_TAKEN(54, bgeu, 0, 1)
        BR_BACKWARD( 55, bgeu, 0xffffffff00000000, 0)

        /* JAL: rd = pc + 4, forward and backward */
        li TESTNUM, 60
        li ra, 0
        jal ra, 1f
2:      j fail
1:      lla t0, 2b
        bne ra, t0, fail

        li TESTNUM, 61
        j 2f
1:      lla t0, 3f
        bne t1, t0, fail
        j 4f
2:      jal t1, 1b
3:      j fail
4:

        /* JAL with rd = x0 does not link */
        li TESTNUM, 62
        jal x0, 1f
        j fail
1:      bnez x0, fail

        /* JALR: target = (rs1 + imm) & ~1, rd = pc + 4 */
        li TESTNUM, 70
        lla t0, 1f
        jalr ra, 0(t0)
2:      j fail
1:      lla t1, 2b
        bne ra, t1, fail

        li TESTNUM, 71
        lla t0, 1f - 8
        jalr a5, 8(t0)
2:      j fail
1:      lla t1, 2b
        bne a5, t1, fail

        li TESTNUM, 72
        lla t0, 1f + 16
        jalr ra, -16(t0)
        j fail
1:

        /* bit 0 of the target is cleared: odd register value */
        li TESTNUM, 73
        lla t0, 1f
        addi t0, t0, 1
        jalr ra, 0(t0)
2:      j fail
1:      lla t1, 2b
        bne ra, t1, fail

        /* bit 0 cleared: odd immediate */
        li TESTNUM, 74
        lla t0, 1f
        jalr ra, 1(t0)
        j fail
1:

        /* bit 0 cleared: odd register and odd immediate sum to even */
        li TESTNUM, 75
        lla t0, 1f - 1
        jalr ra, 1(t0)
        j fail
1:

        /* rd == rs1: target uses the old register value */
        li TESTNUM, 76
        lla t0, 1f
        jalr t0, 0(t0)
2:      j fail
1:      lla t1, 2b
        bne t0, t1, fail

        /* JALR with rd = x0 (ret) */
        li TESTNUM, 77
        lla ra, 1f
        ret
        j fail
1:      bnez x0, fail

        /* call / return through a subroutine */
        li TESTNUM, 78
        li a0, 5
        call hl_double
        li t6, 10
        bne a0, t6, fail

        j hl_pass

hl_double:
        add a0, a0, a0
        ret
TEST_END
