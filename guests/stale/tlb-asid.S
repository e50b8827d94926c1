/* hartlab TLB entries are tagged with satp.ASID and PTE.G, and each
 * SFENCE.VMA form drops exactly what the spec says it orders (hartlab-only:
 * the spec lets a TLB drop more). Two VAs start on page1 (V1): VA_A with a
 * non-global PTE, VA_G with G = 1; both PTEs are then moved to page2 (V2)
 * without a fence, so a load returns V1 while a stale entry serves it.
 *   ASID 1's entry survives sfence.vma x0, asid2 and a satp switch to ASID 2
 *   and back; sfence.vma x0, asid1 drops it.
 *   The G entry survives sfence.vma x0, asid and sfence.vma va, asid, and
 *   serves every ASID; sfence.vma va, x0 drops it. */
#include "hartlab_vm.h"

#define VA_A    VA_PAGE(0)
#define VA_G    VA_PAGE(1)
#define KERNEL  (PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD)
#define SDATA   (PTE_V | PTE_R | PTE_W | PTE_AD)
#define V1      0x1111
#define V2      0x2222

/* satp = same root, ASID n (S-mode may write satp) */
#define USE_ASID(n) SATP_SET(root_pt, n)

TEST_BEGIN
        .option norvc
        csrw mie, zero
        MAP_RAM_IDENTITY(root_pt, KERNEL)
        MAP_VA_BASE_TABLES(root_pt, l1_pt, l0_pt)
        PTE_SET(l0_pt, 0, page1, SDATA)
        PTE_SET(l0_pt, 1, page1, SDATA | PTE_G)
        li t0, V1
        la t1, page1
        sd t0, 0(t1)
        li t0, V2
        la t1, page2
        sd t0, 0(t1)
        USE_ASID(1)
        sfence.vma
        MRET_TO(PRV_S, smode)

smode:  li s1, VA_A
        li s2, VA_G
        li s3, 1                /* ASID registers for rs2 */
        li s4, 2
        TEST_CASE(1, a1, V1, ld a1, 0(s1))              /* fill (ASID 1) */
        TEST_CASE(2, a1, V1, ld a1, 0(s2))              /* fill (global) */
        PTE_SET(l0_pt, 0, page2, SDATA)
        PTE_SET(l0_pt, 1, page2, SDATA | PTE_G)

        /* non-global entry of ASID 1 */
        TEST_CASE(3, a1, V1, sfence.vma zero, s4; ld a1, 0(s1))
        TEST_CASE(4, a1, V1, sfence.vma s1, s4; ld a1, 0(s1))
        TEST_CASE(5, a1, V2, USE_ASID(2); ld a1, 0(s1))  /* ASID 2 walks */
        TEST_CASE(6, a1, V1, USE_ASID(1); ld a1, 0(s1))  /* ASID 1 still stale */
        TEST_CASE(7, a1, V2, sfence.vma zero, s3; ld a1, 0(s1))

        /* global entry */
        TEST_CASE(10, a1, V1, ld a1, 0(s2))
        TEST_CASE(11, a1, V1, sfence.vma zero, s3; ld a1, 0(s2))
        TEST_CASE(12, a1, V1, sfence.vma s2, s3; ld a1, 0(s2))
        TEST_CASE(13, a1, V1, USE_ASID(2); ld a1, 0(s2))  /* any ASID hits */
        TEST_CASE(14, a1, V1, sfence.vma s2, s4; ld a1, 0(s2))
        TEST_CASE(15, a1, V2, sfence.vma s2, zero; ld a1, 0(s2))

        /* sfence.vma x0, x0 drops global entries too */
        PTE_SET(l0_pt, 1, page1, SDATA | PTE_G)
        TEST_CASE(16, a1, V2, ld a1, 0(s2))
        TEST_CASE(17, a1, V1, sfence.vma; ld a1, 0(s2))
        /* and sfence.vma va, asid drops that ASID's non-global entry */
        USE_ASID(1)
        TEST_CASE(18, a1, V2, ld a1, 0(s1))             /* refill: page2 */
        PTE_SET(l0_pt, 0, page1, SDATA)
        TEST_CASE(21, a1, V2, ld a1, 0(s1))
        TEST_CASE(19, a1, V1, sfence.vma s1, s3; ld a1, 0(s1))

        li TESTNUM, 22
        ECALL_TO_M(m_done)
m_done: csrw satp, zero
        j hl_pass

        .bss
PAGE(root_pt)
PAGE(l1_pt)
PAGE(l0_pt)
PAGE(page1)
PAGE(page2)
        .text
PRIV_END
