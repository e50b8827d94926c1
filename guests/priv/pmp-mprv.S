/* MPRV: M-mode loads and stores with mstatus.MPRV = 1 are checked by PMP
 * at the privilege in MPP (and, with satp in Sv39, translated at it),
 * while its fetches stay M-mode's. Entry 0 denies S and U everything on
 * pmp_page, entry 1 everything on the code page pmp_code; entry 15 grants
 * the rest. With MPP = S or U, a load from pmp_page raises a load access
 * fault (5) and a store a store/AMO access fault (7), mtval = the address;
 * with MPP = M, or MPRV = 0, both pass; M-mode runs pmp_code whatever MPP
 * says. Under Sv39, VA_PAGE(0) maps pmp_page: with MPRV = 1 and MPP = S
 * the translation succeeds and PMP then denies the physical page, so the
 * access fault's mtval is the virtual address. QEMU 7.2 raises a load
 * access fault for an AMO PMP denies both ways (accepted only there). */
#include "hartlab_pmp.h"

#define KERNEL (PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD)
#define SDATA  (PTE_V | PTE_R | PTE_W | PTE_AD)

/* mstatus.MPP = mpp, MPRV = 1; clobbers t5 */
#define MPRV_ON(mpp)                                                    \
        li t5, MSTATUS_MPP;                                             \
        csrc mstatus, t5;                                               \
        li t5, (mpp) << 11;                                             \
        csrs mstatus, t5;                                               \
        li t5, MSTATUS_MPRV;                                            \
        csrs mstatus, t5

#define MPRV_OFF                                                        \
        li t5, MSTATUS_MPRV;                                            \
        csrc mstatus, t5

/* With t0 = address and MPRV = 1 at privilege mpp, the one instruction
 * must raise an access fault of this cause with mtval = t0. The checks
 * run with MPRV = 0 (the trap leaves MPRV set and MRET leaves MPP = U).
 * Clobbers t1, t5, t6. */
#define MPRV_FAULT(num, mpp, cause, ...)                                \
        li TESTNUM, num;                                                \
        mv t1, t0;                                                      \
        EXPECT_TRAP;                                                    \
        MPRV_ON(mpp);                                                   \
9:      __VA_ARGS__;                                                    \
        MPRV_OFF;                                                       \
        CHECK_TRAP(cause, 9b);                                          \
        TRAP_FIELD(t5, TA_TVAL);                                        \
        bne t5, t1, fail

/* The same instructions pass with MPRV = 1 at privilege mpp. */
#define MPRV_CASE(num, mpp, reg, expected, ...)                         \
        li TESTNUM, num;                                                \
        MPRV_ON(mpp);                                                   \
        __VA_ARGS__;                                                    \
        MPRV_OFF;                                                       \
        CHECK(reg, expected)

TEST_BEGIN
        .option norvc
        csrw mie, zero
        PMP_NAPOT_ADDR(t0, pmp_page, 4096)
        csrw pmpaddr0, t0
        PMP_NAPOT_ADDR(t0, pmp_code, 4096)
        csrw pmpaddr1, t0
        li t0, PMP_CFG(0, PMP_NAPOT) | PMP_CFG(1, PMP_NAPOT)
        csrw pmpcfg0, t0
        PMP_OPEN_LAST
        PMP_SYNC
        li a2, 0x66

        /* Bare */
        VALUE_CASE(1, a1, 0x66, la t0, pmp_page; sd a2, 0(t0); ld a1, 0(t0))
        la t0, pmp_page
        MPRV_FAULT(2, PRV_S, CAUSE_LOAD_ACCESS, ld a1, 0(t0))
        MPRV_FAULT(3, PRV_S, CAUSE_STORE_ACCESS, sd zero, 0(t0))
        addi t0, t0, 4
        MPRV_FAULT(5, PRV_U, CAUSE_LOAD_ACCESS, lw a1, 0(t0))
        /* an AMO: QEMU 7.2 checks its read first and raises a load access fault */
        la t0, pmp_page
        li TESTNUM, 6
        EXPECT_TRAP
        MPRV_ON(PRV_U)
5:      amoswap.d a1, zero, (t0)
        MPRV_OFF
        CHECK_TRAP_Q(CAUSE_STORE_ACCESS, CAUSE_LOAD_ACCESS, 5b)
        CHECK_TVAL_LABEL(pmp_page)
        MPRV_CASE(7, PRV_M, a1, 0x66, la t0, pmp_page; ld a1, 0(t0))
        /* fetches stay M-mode's: pmp_code runs */
        MPRV_CASE(8, PRV_S, a0, 8, li a0, 7; call pmp_code_inc)

        /* Sv39: VA_PAGE(0) -> pmp_page */
        MAP_RAM_IDENTITY(root_pt, KERNEL)
        MAP_VA_BASE_TABLES(root_pt, l1_pt, l0_pt)
        PTE_SET(l0_pt, 0, pmp_page, SDATA)
        SATP_SET(root_pt, 0)
        sfence.vma
        li t0, VA_PAGE(0)
        MPRV_FAULT(20, PRV_S, CAUSE_LOAD_ACCESS, ld a1, 0(t0))
        MPRV_FAULT(21, PRV_S, CAUSE_STORE_ACCESS, sd a2, 0(t0))
        /* the same page through the identity map at M's privilege */
        MPRV_CASE(22, PRV_M, a1, 0x66, la t0, pmp_page; ld a1, 0(t0))
        /* and at S's once PMP lets S read it */
        li t0, PMP_CFG(0, PMP_NAPOT | PMP_R) | PMP_CFG(1, PMP_NAPOT)
        csrw pmpcfg0, t0
        PMP_SYNC
        MPRV_CASE(23, PRV_S, a1, 0x66, li t0, VA_PAGE(0); ld a1, 0(t0))
        li t0, VA_PAGE(0)
        MPRV_FAULT(24, PRV_S, CAUSE_STORE_ACCESS, sd a2, 0(t0))
        PASS

        .balign 4096
pmp_code:
pmp_code_inc:
        addi a0, a0, 1
        ret
        .balign 4096

        .bss
PAGE(pmp_page)
PAGE(root_pt)
PAGE(l1_pt)
PAGE(l0_pt)
        .text
TEST_END
