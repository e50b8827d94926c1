/* AMOs across harts: each of NHARTS harts adds (hartid + 1) K times to a
 * shared 32-bit counter with AMOADD.W and to a shared 64-bit counter with
 * AMOADD.D, and sums the old values AMOADD.D returned to it. Hart 0 waits
 * until every hart has checked in, then checks that no update was lost:
 *   word  = K * (1 + 2 + ... + NHARTS)   (mod 2^32, read with LW)
 *   dword = K * (1 + 2 + ... + NHARTS)
 * and that every hart set its bit in an AMOOR.D mask. A hart's own checks:
 * every old value AMOADD returned is below the final total. */
#include "hartlab_smp.h"

#define K      10000
#define TOTAL  (K * NHARTS * (NHARTS + 1) / 2)

SMP_BEGIN
        .option norvc

        la s0, counter_w
        la s1, counter_d
        addi s2, a0, 1          /* increment: hartid + 1 */
        li s3, K
        li s4, TOTAL
        li TESTNUM, 1
1:      amoadd.w t2, s2, (s0)
        amoadd.d t3, s2, (s1)
        bgeu t2, s4, fail       /* an old value can never reach the total */
        bgeu t3, s4, fail
        addi s3, s3, -1
        bnez s3, 1b

        /* check in: set this hart's bit, then count it as done (release) */
        li t0, 1
        sll t0, t0, a0
        la t1, mask
        amoor.d zero, t0, (t1)
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
        TEST_CASE(4, a1, (1 << NHARTS) - 1, la t0, mask; ld a1, 0(t0))
        TEST_CASE(5, a1, NHARTS, la t0, done; lw a1, 0(t0))
        j hl_pass

        .data
SHARED_WORD(counter_w, 0)
SHARED_WORD(counter_d, 0)
SHARED_WORD(mask, 0)
SHARED_WORD(done, 0)
        .text
SMP_END
