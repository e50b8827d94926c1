/* Zifencei: self-modifying code. Instructions are executed, overwritten
 * with ordinary stores, FENCE.I is executed, and the new code must run. */
#include "hartlab_test.h"

TEST_BEGIN
        .option norvc

        /* warm-up: run the original routine (a0 = 1) */
        TEST_CASE( 1, a0, 1, li a0, 0; call smc_fn)

        /* replace its first instruction with "li a0, 42" */
        TEST_CASE( 2, a0, 42,
                   lla t0, smc_fn; lwu t1, smc_new42; sw t1, 0(t0); fence.i; li a0, 0; call smc_fn)

        /* run it many times, then patch again */
        li TESTNUM, 3
        li s0, 50
1:      call smc_fn
        CHECK(a0, 42)
        addi s0, s0, -1
        bnez s0, 1b
        TEST_CASE( 4, a0, -7,
                   lla t0, smc_fn; lwu t1, smc_newm7; sw t1, 0(t0); fence.i; li a0, 0; call smc_fn)

        /* 16-bit instruction patched with a halfword store */
        TEST_CASE( 5, a0, 5, li a0, 0; call smc_cfn)
        TEST_CASE( 6, a0, 7,
                   lla t0, smc_cfn; lhu t1, smc_cnew; sh t1, 0(t0); fence.i; li a0, 0; call smc_cfn)

        /* patch an instruction a few bytes ahead in the running code */
        li TESTNUM, 7
        li s1, 0
2:      lla t0, 3f
        lwu t1, smc_new42
        beqz s1, 4f
        lwu t1, smc_new13
4:      sw t1, 0(t0)
        fence.i
        li a0, 0
3:      addi a0, zero, 99
        bnez s1, 5f
        CHECK(a0, 42)
        li TESTNUM, 8
        li s1, 1
        j 2b                    /* second pass: patch the same spot again */
5:      CHECK(a0, 13)

        /* copy a routine into a zeroed buffer and call it */
        li TESTNUM, 9
        lla t0, smc_tmpl
        lla t1, smc_buf
        li t2, 3
6:      lwu t3, 0(t0)
        sw t3, 0(t1)
        addi t0, t0, 4
        addi t1, t1, 4
        addi t2, t2, -1
        bnez t2, 6b
        fence.i
        li a0, 20
        lla t1, smc_buf
        jalr ra, 0(t1)
        CHECK(a0, 0x140)

        j hl_pass

        /* template routine: a0 = a0 << 4 ... */
smc_tmpl:
        slli a0, a0, 4
        nop
        ret
TEST_END

        .data
        .balign 16
smc_fn:
        li a0, 1
        ret
smc_new42:
        li a0, 42
smc_newm7:
        li a0, -7
smc_new13:
        li a0, 13
        .option push
        .option rvc
        .balign 4
smc_cfn:
        c.li a0, 5
        c.jr ra
smc_cnew:
        c.li a0, 7
        .option pop
        .balign 16
smc_buf:
        .zero 16
