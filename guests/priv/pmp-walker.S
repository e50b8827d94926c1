/* PMP checks the Sv39 walker's own PTE reads as S-mode loads. The tables
 * behind VA_BASE are root_pt[1] -> l1_pt -> l0_pt, and entry 0 denies S
 * everything on the page holding l1_pt (entry 15 grants the rest). From
 * S-mode, a load, store, AMO or fetch at VA_PAGE(0..1) then raises the
 * access fault of its own type (5, 7, 7, 1), not a page fault, with mtval
 * = the virtual address; so does an M-mode load with MPRV = 1 and MPP = S
 * (the walk is S's, whoever asks). Once entry 0 grants R, the same
 * accesses pass (A and D are preset, so the walker writes nothing). Then
 * entry 1 denies S the leaf's physical page, data_page: the walk succeeds
 * and the load still faults (5, mtval = the virtual address). QEMU 7.2
 * raises a load access fault for the AMO (accepted only there). */
#include "hartlab_pmp.h"

#define KERNEL (PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD)
#define SDATA  (PTE_V | PTE_R | PTE_W | PTE_AD)
#define SCODE  (PTE_V | PTE_R | PTE_X | PTE_A)

/* entry 0 over l1_pt's page with cfg0, entry 1 over data_page with cfg1 */
#define PMP_WALK(cfg0, cfg1)                                            \
        li t0, PMP_CFG(0, PMP_NAPOT | (cfg0)) | PMP_CFG(1, PMP_NAPOT | (cfg1)); \
        csrw pmpcfg0, t0;                                               \
        PMP_SYNC

TEST_BEGIN
        .option norvc
        csrw mie, zero
        QEMU72_DETECT
        MAP_RAM_IDENTITY(root_pt, KERNEL)
        MAP_VA_BASE_TABLES(root_pt, l1_pt, l0_pt)
        PTE_SET(l0_pt, 0, data_page, SDATA)
        PTE_SET(l0_pt, 1, code_page, SCODE)
        li t0, 0x4242
        la t1, data_page
        sd t0, 0(t1)
        SATP_SET(root_pt, 0)
        PMP_NAPOT_ADDR(t0, l1_pt, 4096)
        csrw pmpaddr0, t0
        PMP_NAPOT_ADDR(t0, data_page, 4096)
        csrw pmpaddr1, t0
        PMP_OPEN_LAST
        PMP_WALK(0, PMP_RWX)

        /* M-mode itself does not translate: no walk, no fault */
        VALUE_CASE(1, a1, 0x4242, la t0, data_page; ld a1, 0(t0))
        MRET_TO(PRV_S, s1)

s1:     li t0, VA_PAGE(0)
        ACCESS_FAULT(2, CAUSE_LOAD_ACCESS, ld a1, 0(t0))
        ACCESS_FAULT(3, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        /* QEMU 7.2 raises a load access fault for the AMO */
        li TESTNUM, 4
        EXPECT_TRAP
5:      amoadd.d a1, a1, (t0)
        TRAP_FIELD(t5, TA_CAUSE)
        li t6, CAUSE_STORE_ACCESS
        beq t5, t6, 7f
        IF_QEMU72_ANY(t6, 6f)
        j fail
6:      CHECK(t5, CAUSE_LOAD_ACCESS)
7:      TRAP_FIELD(t5, TA_EPC)
        la t6, 5b
        bne t5, t6, fail
        TRAP_FIELD(t5, TA_TVAL)
        bne t5, t0, fail
        li t0, VA_PAGE(1)
        FETCH_FAULT(5)
        CHECK_MPP(PRV_S)

        /* M-mode with MPRV = 1, MPP = S walks as S does */
        li TESTNUM, 6
        EXPECT_TRAP
        li t0, MSTATUS_MPP
        csrc mstatus, t0
        li t0, MSTATUS_MPP_S | MSTATUS_MPRV
        csrs mstatus, t0
        li t1, VA_PAGE(0)
6:      ld a1, 0(t1)
        li t0, MSTATUS_MPRV
        csrc mstatus, t0
        CHECK_TRAP(CAUSE_LOAD_ACCESS, 6b)
        li TESTNUM, 7
        TRAP_FIELD(t5, TA_TVAL)
        bne t5, t1, fail

        /* the walker may read l1_pt now */
        PMP_WALK(PMP_R, PMP_RWX)
        MRET_TO(PRV_S, s2)
s2:     li t0, VA_PAGE(0)
        VALUE_CASE(10, a1, 0x4242, ld a1, 0(t0))
        VALUE_CASE(11, a1, 0x4343, li a1, 0x4343; sd a1, 8(t0); ld a1, 8(t0))
        VALUE_CASE(12, a0, 5, li a0, 4; li t0, VA_PAGE(1); jalr t0)
        ECALL_TO_M(m2)

        /* the walk succeeds, PMP denies the page it leads to */
m2:     PMP_WALK(PMP_R, 0)
        MRET_TO(PRV_S, s3)
s3:     li t0, VA_PAGE(0)
        ACCESS_FAULT(20, CAUSE_LOAD_ACCESS, ld a1, 0(t0))
        ECALL_TO_M(m3)
m3:     VALUE_CASE(21, a1, 0x4343, la t0, data_page; ld a1, 8(t0))
        PASS

        .balign 4096
code_page:
        addi a0, a0, 1
        ret
        .balign 4096

        .bss
PAGE(data_page)
PAGE(root_pt)
PAGE(l1_pt)
PAGE(l0_pt)
        .text
PRIV_END
