/* SC after a same-value store by another hart (the ABA case): hart 0 takes
 * a reservation with LR, hart 1 then stores the value the word already
 * holds, and hart 0's SC must fail; the spec ties SC success to the
 * reservation, not to the value. Harts coordinate through two flags in other
 * 64-byte lines (other reservation granules); harts 2 and up park.
 *   round 1: LR.W, same-value SW by hart 1       -> SC.W fails
 *   round 2: LR.W, different-value SW by hart 1  -> SC.W fails
 *   round 3: LR.D, same-value SD by hart 1       -> SC.D fails
 *   round 4: LR.W, AMOADD.W of 0 by hart 1       -> SC.W fails
 * QEMU 7.2 implements SC as a compare-and-swap against the value LR read, so
 * the same-value rounds succeed there; those checks accept success only on
 * QEMU 7.2 (IF_QEMU72), and then also the value the SC wrote. */
#include "hartlab_smp.h"

#define OLD_W   0x600d600d
#define OLD_D   0x1234567887654321
#define NEW     0x0bad

/* hart 0: go = round; wait until ack = round. Clobbers t0-t2. */
#define HANDSHAKE(round)                                                \
        li t2, round;                                                   \
        RELEASE_WORD(go, t2);                                           \
        WAIT_WORD_EQ(ack, t2)

/* SC result in reg: fail unless it failed (nonzero), or on QEMU 7.2. */
#define SC_MUST_FAIL(reg, qemu_ok)                                      \
        bnez reg, 9f;                                                   \
        IF_QEMU72(t0, qemu_ok);                                         \
        j fail;                                                         \
9:

SMP_BEGIN
        .option norvc

        li t0, 2
        bgeu a0, t0, hl_smp_park
        la s0, word
        la s1, dword
        bnez a0, hart1

        /* control: LR/SC with nobody interfering succeeds */
        TEST_CASE(1, a1, 0, lr.w t0, (s0); sc.w a1, t0, (s0))
        TEST_CASE(2, a1, OLD_W, lw a1, 0(s0))

        /* round 1: same-value store */
        li TESTNUM, 3
        lr.w a2, (s0)
        HANDSHAKE(1)
        li a3, NEW
        sc.w a1, a3, (s0)
        CHECK(a2, OLD_W)
        li TESTNUM, 4
        SC_MUST_FAIL(a1, 1f)
        TEST_CASE(5, a1, OLD_W, lw a1, 0(s0))
        j 2f
1:      TEST_CASE(6, a1, NEW, lw a1, 0(s0)) /* QEMU: the SC wrote */
        li t0, OLD_W                        /* put the old value back */
        sw t0, 0(s0)
2:
        /* round 2: different-value store */
        li TESTNUM, 7
        lr.w a2, (s0)
        HANDSHAKE(2)
        li a3, NEW
        sc.w a1, a3, (s0)
        CHECK(a2, OLD_W)
        li TESTNUM, 8
        beqz a1, fail
        TEST_CASE(9, a1, OLD_W + 1, lw a1, 0(s0))

        /* round 3: same-value store to a dword */
        li TESTNUM, 10
        lr.d a2, (s1)
        HANDSHAKE(3)
        li a3, NEW
        sc.d a1, a3, (s1)
        CHECK(a2, OLD_D)
        li TESTNUM, 11
        SC_MUST_FAIL(a1, 1f)
        TEST_CASE(12, a1, OLD_D, ld a1, 0(s1))
        j 2f
1:      TEST_CASE(13, a1, NEW, ld a1, 0(s1))
2:
        /* round 4: an AMO that leaves the value alone */
        li TESTNUM, 14
        lw a4, 0(s0)
        lr.w a2, (s0)
        HANDSHAKE(4)
        li a3, NEW
        sc.w a1, a3, (s0)
        bne a2, a4, fail
        li TESTNUM, 15
        SC_MUST_FAIL(a1, 1f)
        TEST_CASE(16, a1, OLD_W + 1, lw a1, 0(s0))
1:
        j hl_pass

hart1:  /* wait for go = r, disturb, ack = r */
        li TESTNUM, 100
        li t2, 1
        WAIT_WORD_EQ(go, t2)
        lw a1, 0(s0)            /* same value back */
        sw a1, 0(s0)
        RELEASE_WORD(ack, t2)

        li t2, 2
        WAIT_WORD_EQ(go, t2)
        lw a1, 0(s0)            /* a different value */
        addiw a1, a1, 1
        sw a1, 0(s0)
        RELEASE_WORD(ack, t2)

        li t2, 3
        WAIT_WORD_EQ(go, t2)
        ld a1, 0(s1)
        sd a1, 0(s1)
        RELEASE_WORD(ack, t2)

        li t2, 4
        WAIT_WORD_EQ(go, t2)
        amoadd.w zero, zero, (s0)
        RELEASE_WORD(ack, t2)
        SMP_PARK

        .data
SHARED_WORD(word, OLD_W)
SHARED_WORD(dword, OLD_D)
SHARED_WORD(go, 0)
SHARED_WORD(ack, 0)
        .text
SMP_END
