/* LR/SC across harts: each of NHARTS harts adds (hartid + 1) K times to a
 * shared 32-bit counter with an LR.W/SC.W retry loop and to a shared 64-bit
 * counter with LR.D/SC.D. Hart 0 waits until every hart has checked in,
 * then checks that no update was lost (a lost update is what an SC that
 * succeeds after another hart's store would cause). */
#include "hartlab_smp.h"

#define K      10000
#define TOTAL  (K * NHARTS * (NHARTS + 1) / 2)

SMP_BEGIN
        .option norvc

        la s0, counter_w
        la s1, counter_d
        addi s2, a0, 1          /* increment: hartid + 1 */
        li s3, K
        li TESTNUM, 1
1:      lr.w t2, (s0)
        addw t2, t2, s2
        sc.w t3, t2, (s0)
        bnez t3, 1b
2:      lr.d.aq t2, (s1)
        add t2, t2, s2
        sc.d.rl t3, t2, (s1)
        bnez t3, 2b
        addi s3, s3, -1
        bnez s3, 1b

        li t0, 1
        la t1, done
        amoadd.w.rl zero, t0, (t1)
        beqz a0, hart0_wait
        SMP_PARK

hart0_wait:
        li t2, NHARTS
        WAIT_WORD_EQ(done, t2)

        TEST_CASE(2, a1, TOTAL, lw a1, 0(s0))
        TEST_CASE(3, a1, TOTAL, ld a1, 0(s1))
        /* the reservation is gone: a lone SC fails and writes nothing */
        TEST_CASE(4, a1, 1, li t0, 7; sc.d a1, t0, (s1); snez a1, a1)
        TEST_CASE(5, a1, TOTAL, ld a1, 0(s1))
        j hl_pass

        .data
SHARED_WORD(counter_w, 0)
SHARED_WORD(counter_d, 0)
SHARED_WORD(done, 0)
        .text
SMP_END
