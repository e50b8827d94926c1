/* Permission changes without SFENCE.VMA (hartlab-only: the spec lets a TLB
 * refetch the PTE instead).
 *   Upgrade: a read-only entry cached by a load keeps faulting stores
 *   (cause 15) after the PTE is made writable, until SFENCE.VMA.
 *   Downgrade (the copy-on-write hazard): a writable entry cached by a store
 *   keeps accepting stores after the PTE is made read-only, until
 *   SFENCE.VMA; then stores fault. */
#include "hartlab_vm.h"

#define VA_UP   VA_PAGE(0)
#define VA_DOWN VA_PAGE(1)
#define KERNEL  (PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD)
#define SRO     (PTE_V | PTE_R | PTE_AD)
#define SDATA   (PTE_V | PTE_R | PTE_W | PTE_AD)

TEST_BEGIN
        .option norvc
        csrw mie, zero
        STRAP_INIT
        MAP_RAM_IDENTITY(root_pt, KERNEL)
        MAP_VA_BASE_TABLES(root_pt, l1_pt, l0_pt)
        PTE_SET(l0_pt, 0, page1, SRO)
        PTE_SET(l0_pt, 1, page2, SDATA)
        li t0, 1 << CAUSE_STORE_PAGE_FAULT
        csrw medeleg, t0
        SATP_SET(root_pt, 1)
        sfence.vma
        MRET_TO(PRV_S, smode)

smode:  li s1, VA_UP
        li s2, VA_DOWN
        la s3, page1
        la s4, page2

        /* upgrade */
        TEST_CASE(1, a1, 0, ld a1, 0(s1))       /* caches the read-only entry */
        PTE_SET(l0_pt, 0, page1, SDATA)         /* writable now, no fence */
        li TESTNUM, 2
        li a2, 0x77
        S_EXPECT_TRAP
2:      sd a2, 0(s1)
        S_CHECK_TRAP(CAUSE_STORE_PAGE_FAULT, 2b)
        S_CHECK_TVAL(VA_UP)
        TEST_CASE(3, a1, 0, ld a1, 0(s3))       /* nothing written */
        TEST_CASE(4, a1, 0x77, sfence.vma s1, zero; sd a2, 0(s1); ld a1, 0(s3))

        /* downgrade */
        TEST_CASE(10, a1, 0x11, li t0, 0x11; sd t0, 0(s2); ld a1, 0(s4)) /* caches writable */
        PTE_SET(l0_pt, 1, page2, SRO)           /* read-only now, no fence */
        TEST_CASE(11, a1, 0x22, li t0, 0x22; sd t0, 0(s2); ld a1, 0(s4)) /* still writes */
        sfence.vma s2, zero
        li TESTNUM, 12
        li a2, 0x33
        S_EXPECT_TRAP
12:     sd a2, 0(s2)
        S_CHECK_TRAP(CAUSE_STORE_PAGE_FAULT, 12b)
        S_CHECK_TVAL(VA_DOWN)
        TEST_CASE(13, a1, 0x22, ld a1, 0(s4))

        li TESTNUM, 14
        ECALL_TO_M(m_done)
m_done: csrw satp, zero
        csrw medeleg, zero
        j hl_pass

        .bss
PAGE(root_pt)
PAGE(l1_pt)
PAGE(l0_pt)
PAGE(page1)
PAGE(page2)
        .text
PRIV_END
