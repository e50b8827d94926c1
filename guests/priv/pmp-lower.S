/* PMP binds S- and U-mode, and unlocked entries do not bind M-mode.
 * Entry 0 makes the data page pmp_page read-only, entry 1 takes X from
 * the code page pmp_code, entry 2 denies everything on pmp_noread, and
 * entry 15 grants the rest. From S and from U: loads from pmp_page pass;
 * a store, an AMO or an SC there raises a store/AMO access fault (7), and
 * a load or LR from pmp_noread a load access fault (5), with mtval = the
 * address and memory unchanged; a jump to pmp_code raises an instruction
 * access fault (1) with mepc = mtval = its address. M-mode stores to
 * pmp_page and runs pmp_code. With no entry matching, S-mode cannot even
 * fetch, and neither can U-mode with every entry off (entries are
 * implemented; QEMU 7.2 grants everything then, skipped there). A PMP change holds for code and data that ran hot just
 * before it (hartlab's decoded blocks and micro-TLBs must not outlive it). */
#include "hartlab_pmp.h"

/* entries 0-2 as described above, entry 15 open; clobbers t0, t6 */
#define PMP_SETUP                                                       \
        PMP_NAPOT_ADDR(t0, pmp_page, 4096);                             \
        csrw pmpaddr0, t0;                                              \
        PMP_NAPOT_ADDR(t0, pmp_code, 4096);                             \
        csrw pmpaddr1, t0;                                              \
        PMP_NAPOT_ADDR(t0, pmp_noread, 4096);                           \
        csrw pmpaddr2, t0;                                              \
        li t0, PMP_CFG(0, PMP_NAPOT | PMP_R)                            \
               | PMP_CFG(1, PMP_NAPOT | PMP_R | PMP_W)                  \
               | PMP_CFG(2, PMP_NAPOT);                                 \
        csrw pmpcfg0, t0;                                               \
        PMP_OPEN_LAST;                                                  \
        PMP_SYNC

/* what S and U both check, numbered from base; ends with t0 = pmp_code */
#define LOWER_CHECKS(base)                                              \
        VALUE_CASE(base, a1, 0x5a, la t0, pmp_page; ld a1, 8(t0));       \
        la t0, pmp_page + 16;                                           \
        ACCESS_FAULT(base + 1, CAUSE_STORE_ACCESS, sd a1, 0(t0));       \
        VALUE_CASE(base + 2, a1, 0, la t0, pmp_page; ld a1, 16(t0));     \
        la t0, pmp_page + 24;                                           \
        li a2, 1;                                                       \
        ACCESS_FAULT(base + 3, CAUSE_STORE_ACCESS, amoadd.d a1, a2, (t0)); \
        la t0, pmp_page + 24;                                           \
        lr.d a1, (t0);                                                  \
        ACCESS_FAULT(base + 4, CAUSE_STORE_ACCESS, sc.d a1, a2, (t0));  \
        VALUE_CASE(base + 5, a1, 0, la t0, pmp_page; ld a1, 24(t0));     \
        la t0, pmp_noread;                                              \
        ACCESS_FAULT(base + 6, CAUSE_LOAD_ACCESS, lr.d a1, (t0));       \
        la t0, pmp_noread + 4;                                          \
        ACCESS_FAULT(base + 7, CAUSE_LOAD_ACCESS, lw a1, 0(t0));        \
        la t0, pmp_code

TEST_BEGIN
        .option norvc
        csrw mie, zero
        la t0, pmp_page
        li t1, 0x5a
        sd t1, 8(t0)

        /* code and data run hot in S-mode with everything open... */
        PMP_OPEN_LAST
        csrw pmpcfg0, zero
        PMP_SYNC
        MRET_TO(PRV_S, s0)
s0:     li s2, 3000
        li a0, 0
1:      call pmp_code_inc
        la t0, pmp_page
        sd a0, 32(t0)
        la t0, pmp_noread
        ld a1, 0(t0)
        addi s2, s2, -1
        bnez s2, 1b
        TEST_CASE(1, a0, 3000, nop)
        ECALL_TO_M(m0)
        /* ...until M-mode closes them */
m0:     PMP_SETUP
        MRET_TO(PRV_S, s0b)
s0b:    la t0, pmp_page + 32
        ACCESS_FAULT(2, CAUSE_STORE_ACCESS, sd zero, 0(t0))
        la t0, pmp_noread
        ACCESS_FAULT(3, CAUSE_LOAD_ACCESS, ld a1, 0(t0))
        la t0, pmp_code_inc
        FETCH_FAULT(4)
        CHECK_MPP(PRV_S)

        /* M-mode: the unlocked entries do not bind it */
        TEST_CASE(5, a0, 4, la t0, pmp_page; li a1, 0x5a; sd a1, 8(t0); li a0, 3; call pmp_code_inc)

        MRET_TO(PRV_S, s1)
s1:     LOWER_CHECKS(10)
        FETCH_FAULT(18)
        CHECK_MPP(PRV_S)

        MRET_TO(PRV_U, u1)
u1:     LOWER_CHECKS(20)
        FETCH_FAULT(28)
        CHECK_MPP(PRV_U)

        /* no entry matches the S-mode code: its first fetch faults */
        csrw pmpcfg2, zero
        PMP_SYNC
        MRET_FETCH_FAULT(30, PRV_S, s2)
        /* every entry off: U-mode still reaches nothing (entries are
         * implemented); QEMU 7.2 lets it reach everything then */
        csrw pmpcfg0, zero
        PMP_SYNC
        IF_QEMU72(t1, 8f)
        MRET_FETCH_FAULT(31, PRV_U, s2)
8:
        TEST_CASE(32, a1, 0x77, la t0, pmp_page; li a1, 0x77; sd a1, 0(t0); ld a1, 0(t0))
        PASS
s2:     j fail

        .balign 4096
pmp_code:
pmp_code_inc:
        addi a0, a0, 1
        ret
        .balign 4096

        .bss
PAGE(pmp_page)
PAGE(pmp_noread)
        .text
PRIV_END
