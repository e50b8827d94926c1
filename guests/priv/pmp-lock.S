/* The L bit, in M-mode. Entry 0 (NAPOT over the data page pmp_ro, R) and
 * entry 1 (NAPOT over the code page pmp_lcode, R) are locked: M-mode may
 * read both, but a store or AMO to pmp_ro raises a store/AMO access fault
 * (7) and a jump to pmp_lcode an instruction access fault (1), mtval = the
 * address, though both ran hot in M-mode just before. Writes to a locked
 * entry's cfg byte and pmpaddr are ignored, its neighbours in the same
 * pmpcfg stay writable; entry 4, a locked TOR entry, also locks pmpaddr3,
 * its bottom, while entry 6, locked NAPOT, leaves pmpaddr5 writable; L
 * locks an entry that is OFF (entry 7) too. M-mode accesses that no
 * entry matches still succeed (the tohost store that ends the test). */
#include "hartlab_pmp.h"

#define CFG_LOCKED (PMP_CFG(0, PMP_L | PMP_NAPOT | PMP_R) | PMP_CFG(1, PMP_L | PMP_NAPOT | PMP_R) \
                    | PMP_CFG(4, PMP_L | PMP_TOR | PMP_RWX) | PMP_CFG(6, PMP_L | PMP_NAPOT | PMP_RWX) \
                    | PMP_CFG(7, PMP_L))
#define ADDI_A0_A0_1 0x00150513

TEST_BEGIN
        .option norvc
        csrw mie, zero
        PMP_OPEN_LAST
        csrw pmpcfg0, zero
        PMP_SYNC
        li s2, 3000
        li a0, 0
1:      call pmp_lcode_inc
        la t0, pmp_ro
        sd a0, 0(t0)
        addi s2, s2, -1
        bnez s2, 1b

        PMP_NAPOT_ADDR(t0, pmp_ro, 4096)
        csrw pmpaddr0, t0
        PMP_NAPOT_ADDR(t0, pmp_lcode, 4096)
        csrw pmpaddr1, t0
        PMP_ADDR(t0, pmp_tor)
        csrw pmpaddr3, t0
        PMP_ADDR(t0, pmp_tor + 4096)
        csrw pmpaddr4, t0
        PMP_NAPOT_ADDR(t0, pmp_tor, 4096)
        csrw pmpaddr6, t0
        li t0, 0x123
        csrw pmpaddr7, t0
        li t0, CFG_LOCKED
        csrw pmpcfg0, t0
        PMP_SYNC

        /* locked entries bind M-mode */
        VALUE_CASE(1, a1, 3000, la t0, pmp_ro; ld a1, 0(t0))
        la t0, pmp_ro + 8
        ACCESS_FAULT(2, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        li a2, 5
        ACCESS_FAULT(3, CAUSE_STORE_ACCESS, amoswap.d a1, a2, (t0))
        VALUE_CASE(4, a1, 0, la t0, pmp_ro; ld a1, 8(t0))
        VALUE_CASE(5, a1, ADDI_A0_A0_1, la t0, pmp_lcode_inc; lwu a1, 0(t0))
        la t0, pmp_lcode_inc
        FETCH_FAULT(6)
        CHECK_MPP(PRV_M)
        /* a locked TOR range with RWX grants M-mode what it says */
        VALUE_CASE(7, a1, 9, la t0, pmp_tor; li a1, 9; sd a1, 0(t0); ld a1, 0(t0))

        /* the locks hold against CSR writes */
        li t0, PMP_CFG(2, PMP_NAPOT | PMP_R)
        csrw pmpcfg0, t0
        VALUE_CASE(10, a1, CFG_LOCKED | PMP_CFG(2, PMP_NAPOT | PMP_R), csrr a1, pmpcfg0)
        PMP_NAPOT_ADDR(a2, pmp_ro, 4096)
        VALUE_CASE(11, a1, 0, csrw pmpaddr0, zero; csrr a1, pmpaddr0; sub a1, a1, a2)
        PMP_ADDR(a2, pmp_tor)
        VALUE_CASE(12, a1, 0, csrw pmpaddr3, zero; csrr a1, pmpaddr3; sub a1, a1, a2)
        PMP_ADDR(a2, pmp_tor + 4096)
        VALUE_CASE(13, a1, 0, csrw pmpaddr4, zero; csrr a1, pmpaddr4; sub a1, a1, a2)
        VALUE_CASE(14, a1, 0x456, li t0, 0x456; csrw pmpaddr5, t0; csrr a1, pmpaddr5)
        VALUE_CASE(15, a1, 0x123, csrw pmpaddr7, zero; csrr a1, pmpaddr7)
        VALUE_CASE(16, a1, 0x789, li t0, 0x789; csrw pmpaddr2, t0; csrr a1, pmpaddr2)
        la t0, pmp_ro + 8
        ACCESS_FAULT(17, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        PASS

        .balign 4096
pmp_lcode:
pmp_lcode_inc:
        addi a0, a0, 1
        ret
        .balign 4096

        .bss
PAGE(pmp_ro)
PAGE(pmp_tor)
        .text
TEST_END
