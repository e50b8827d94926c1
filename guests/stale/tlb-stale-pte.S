/* hartlab keeps TLB entries until a matching SFENCE.VMA (the spec allows a
 * TLB to keep or to drop them, so this is hartlab-only; not for QEMU).
 * VA -> page1 is loaded once (filling the load TLB); the PTE is then
 * rewritten to page2 without a fence, and loads keep reaching page1 until
 * an SFENCE.VMA that covers VA. Also: a FENCE, a fence of another VA and a
 * satp write of the same value do not flush; a stale entry outlives its PTE
 * being invalidated; fetches through a remapped code page are stale too. */
#include "hartlab_vm.h"

#define VA      VA_PAGE(0)
#define VA_CODE VA_PAGE(1)
#define OTHER   VA_PAGE(5)
#define KERNEL  (PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD)
#define SDATA   (PTE_V | PTE_R | PTE_W | PTE_AD)
#define SCODE   (PTE_V | PTE_R | PTE_X | PTE_AD)
#define V1      0x1111
#define V2      0x2222

/* a1 = the dword at VA */
#define LOAD_VA ld a1, 0(s1)

TEST_BEGIN
        .option norvc
        csrw mie, zero
        STRAP_INIT
        MAP_RAM_IDENTITY(root_pt, KERNEL)
        MAP_VA_BASE_TABLES(root_pt, l1_pt, l0_pt)
        PTE_SET(l0_pt, 0, page1, SDATA)
        PTE_SET(l0_pt, 1, code1, SCODE)
        PTE_SET(l0_pt, 5, page2, SDATA)
        li t0, V1
        la t1, page1
        sd t0, 0(t1)
        li t0, V2
        la t1, page2
        sd t0, 0(t1)
        li t0, 1 << CAUSE_LOAD_PAGE_FAULT
        csrw medeleg, t0
        SATP_SET(root_pt, 1)
        sfence.vma
        MRET_TO(PRV_S, smode)

smode:  li s1, VA
        TEST_CASE(1, a1, V1, LOAD_VA)                   /* fills the entry */
        PTE_SET(l0_pt, 0, page2, SDATA)                 /* VA -> page2, no fence */
        TEST_CASE(2, a1, V1, LOAD_VA)                   /* stale */
        TEST_CASE(3, a1, V1, fence rw, rw; LOAD_VA)
        TEST_CASE(4, a1, V1, li t0, OTHER; sfence.vma t0, zero; LOAD_VA)
        TEST_CASE(5, a1, V1, csrr t0, satp; csrw satp, t0; LOAD_VA)
        TEST_CASE(6, a1, V2, sfence.vma s1, zero; LOAD_VA)   /* fresh */

        /* a stale entry survives its PTE being invalidated */
        PTE_CLEAR(l0_pt, 0)
        TEST_CASE(7, a1, V2, LOAD_VA)
        li TESTNUM, 8
        sfence.vma s1, zero
        S_EXPECT_TRAP
8:      LOAD_VA
        S_CHECK_TRAP(CAUSE_LOAD_PAGE_FAULT, 8b)
        S_CHECK_TVAL(VA)

        /* sfence.vma x0, x0 drops everything */
        PTE_SET(l0_pt, 0, page1, SDATA)
        sfence.vma s1, zero
        TEST_CASE(9, a1, V1, LOAD_VA)
        PTE_SET(l0_pt, 0, page2, SDATA)
        TEST_CASE(10, a1, V1, LOAD_VA)
        TEST_CASE(11, a1, V2, sfence.vma; LOAD_VA)

        /* instruction fetch: code1 returns 1, code2 returns 2 */
        li s2, VA_CODE
        TEST_CASE(20, a0, 1, jalr s2)
        PTE_SET(l0_pt, 1, code2, SCODE)
        TEST_CASE(21, a0, 1, jalr s2)
        TEST_CASE(22, a0, 2, sfence.vma s2, zero; jalr s2)

        li TESTNUM, 23
        ECALL_TO_M(m_done)
m_done: csrw satp, zero
        csrw medeleg, zero
        j hl_pass

        .balign 4096
code1:  li a0, 1
        ret
        .balign 4096
code2:  li a0, 2
        ret
        .balign 4096

        .bss
PAGE(root_pt)
PAGE(l1_pt)
PAGE(l0_pt)
PAGE(page1)
PAGE(page2)
        .text
PRIV_END
