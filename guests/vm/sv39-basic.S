/* Sv39 from S-mode with its own page tables. RAM is identity-mapped by a
 * 1 GiB leaf (so the kernel, its trap areas and the tables keep their
 * addresses); 4 KiB pages at VA_BASE + i * 4 KiB exercise translation:
 *   0 DATA   -> data_page   S  RW        5 NOD    -> ad_page     S  RW, A, D=0
 *   1 UCODE  -> ucode_page  U  RX        6 (none: invalid PTE)
 *   2 UDATA  -> udata_page  U  RW        7 RO     -> data_page   S  R
 *   3 XONLY  -> xonly_page  S  X
 *   4 NOA    -> ad_page     S  RW, A=0, D=0
 * U-mode code runs from the U page, reads and writes its U data page, and
 * page-faults (handled in S) on S pages; its ECALL ends in M-mode.
 * Page faults (12, 13, 15) are delegated to S-mode and recorded there with
 * stval = the faulting VA. A/D are managed by software (Svade): an access
 * with A = 0, or a store with D = 0, faults; with menvcfg.ADUE set the
 * walk sets them instead (Svadu).
 * QEMU 7.2 differs twice (accepted only there): an AMO that page-faults
 * raises a load page fault (13) instead of a store/AMO one (15), and it
 * updates A/D in hardware (Svadu), so the Svade cases are skipped. */
#include "hartlab_vm.h"

#define VA_DATA   VA_PAGE(0)
#define VA_UCODE  VA_PAGE(1)
#define VA_UDATA  VA_PAGE(2)
#define VA_XONLY  VA_PAGE(3)
#define VA_NOA    VA_PAGE(4)
#define VA_NOD    VA_PAGE(5)
#define VA_NONE   VA_PAGE(6)
#define VA_RO     VA_PAGE(7)
#define VA_GIGA_HOLE   0xC0000000       /* root[3] is invalid */
#define VA_NONCANON    0x4000000000     /* bit 38 set, bits 63:39 clear */
#define KERNEL_ENTRY   0x80000000       /* _start: an S page */

#define MENVCFG_ADUE (1 << 61)
#define KERNEL  (PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD)
#define SDATA   (PTE_V | PTE_R | PTE_W | PTE_AD)
#define DELEG_PAGE_FAULTS ((1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT))

/* With t0 = base, the instruction (one load, store or AMO) must
 * page-fault with this cause and stval = tval. */
#define S_FAULT(num, cause, base, tval, ...)                            \
        li TESTNUM, num;                                                \
        li t0, base;                                                    \
        S_EXPECT_TRAP;                                                  \
test_##num##_insn:                                                      \
        __VA_ARGS__;                                                    \
        S_CHECK_TRAP(cause, test_##num##_insn);                         \
        S_CHECK_TVAL(tval)

/* Like S_FAULT for an AMO; QEMU 7.2 reports a load page fault. */
#define S_AMO_FAULT(num, base, tval, ...)                               \
        li TESTNUM, num;                                                \
        li t0, base;                                                    \
        S_EXPECT_TRAP;                                                  \
test_##num##_insn:                                                      \
        __VA_ARGS__;                                                    \
        S_TRAP_FIELD(t5, TA_CAUSE);                                     \
        li t6, CAUSE_STORE_PAGE_FAULT;                                  \
        beq t5, t6, 7f;                                                 \
        IF_QEMU72_ANY(t6, 7f);                                          \
        j fail;                                                         \
7:      S_TRAP_FIELD(t5, TA_EXPECT);                                    \
        bnez t5, fail;                                                  \
        S_TRAP_FIELD(t5, TA_EPC);                                       \
        la t6, test_##num##_insn;                                       \
        bne t5, t6, fail;                                               \
        S_CHECK_TVAL(tval)

/* Jumping to va must raise an instruction page fault (sepc = stval = va);
 * the S handler resumes at the next line. */
#define S_FETCH_FAULT(num, va)                                          \
        li TESTNUM, num;                                                \
        S_RESUME_AT(test_##num##_back);                                 \
        li t0, va;                                                      \
        jalr t0;                                                        \
        j fail;                                                         \
test_##num##_back:                                                      \
        S_CHECK_TRAP_AT(CAUSE_FETCH_PAGE_FAULT, va);                    \
        S_CHECK_TVAL(va)

/* reg = the VA of label on the user code page */
#define UVA(reg, label)                                                 \
        la reg, label;                                                  \
        la t6, ucode_page;                                              \
        sub reg, reg, t6;                                               \
        li t6, VA_UCODE;                                                \
        add reg, reg, t6

/* In M after a user run: S recorded the U fault (cause, stval = va,
 * sepc = the VA of label on the user page), then U's ECALL reached M. */
#define U_FAULTED(cause, va, label)                                     \
        S_TRAP_FIELD(t5, TA_EXPECT);                                    \
        bnez t5, fail;                                                  \
        S_TRAP_FIELD(t5, TA_CAUSE);                                     \
        CHECK(t5, cause);                                               \
        S_TRAP_FIELD(t5, TA_TVAL);                                      \
        CHECK(t5, va);                                                  \
        S_TRAP_FIELD(t5, TA_EPC);                                       \
        UVA(a2, label);                                                 \
        bne t5, a2, fail;                                               \
        TRAP_FIELD(t5, TA_CAUSE);                                       \
        CHECK(t5, CAUSE_ECALL_U)

/* From S-mode: run the user code at label; its ECALL resumes M at back. */
#define RUN_USER(label, back)                                           \
        ARM_RESUME_M(back);                                             \
        li t0, MSTATUS_SPP;                                             \
        csrc sstatus, t0;                                               \
        UVA(t0, label);                                                 \
        csrw sepc, t0;                                                  \
        sret

TEST_BEGIN
        .option norvc
        csrw mie, zero
        QEMU72_DETECT
        STRAP_INIT

        /* tables (M-mode, physical) */
        MAP_RAM_IDENTITY(root_pt, KERNEL)
        MAP_VA_BASE_TABLES(root_pt, l1_pt, l0_pt)
        PTE_SET(l0_pt, 0, data_page, SDATA)
        PTE_SET(l0_pt, 1, ucode_page, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
        PTE_SET(l0_pt, 2, udata_page, SDATA | PTE_U)
        PTE_SET(l0_pt, 3, xonly_page, PTE_V | PTE_X | PTE_A)
        PTE_SET(l0_pt, 4, ad_page, PTE_V | PTE_R | PTE_W)
        PTE_SET(l0_pt, 5, ad_page, PTE_V | PTE_R | PTE_W | PTE_A)
        PTE_SET(l0_pt, 7, data_page, PTE_V | PTE_R | PTE_AD)
        /* page contents */
        li t0, 0x1111111111111111
        la t1, data_page
        sd t0, 0(t1)
        li t0, 0x2222222222222222
        la t1, udata_page
        sd t0, 0(t1)
        li t0, 0x3333333333333333
        la t1, xonly_page
        sd t0, 0(t1)
        li t0, 0x4444444444444444
        la t1, ad_page
        sd t0, 0(t1)

        li t0, DELEG_PAGE_FAULTS
        csrw medeleg, t0
        SATP_SET(root_pt, 1)
        sfence.vma
        TEST_CASE(1, a1, 8, csrr a1, satp; srli a1, a1, 60)
        MRET_TO(PRV_S, smode)

smode:  /* loads and stores through a 4 KiB page reach its physical page */
        li s1, VA_DATA
        la s2, data_page        /* identity: its physical address */
        TEST_CASE(2, a1, 0x1111111111111111, ld a1, 0(s1))
        TEST_CASE(3, a1, 0x5555, li t0, 0x5555; sd t0, 8(s1); ld a1, 8(s2))
        TEST_CASE(4, a1, 0x66, li t0, 0x66; sb t0, 0x7ff(s2); lbu a1, 0x7ff(s1))
        TEST_CASE(5, a1, 0x5555, li t0, 1; addi t1, s1, 8; amoadd.d a1, t0, (t1))
        TEST_CASE(6, a1, 0x5556, ld a1, 8(s2))
        /* two VAs, one physical page */
        TEST_CASE(7, a1, 0x5556, li t0, VA_RO; ld a1, 8(t0))

        /* unmapped: invalid leaf, invalid root entry, non-canonical */
        S_FAULT(10, CAUSE_LOAD_PAGE_FAULT, VA_NONE, VA_NONE, ld a1, 0(t0))
        S_FAULT(11, CAUSE_STORE_PAGE_FAULT, VA_NONE, VA_NONE + 8, sd a1, 8(t0))
        S_AMO_FAULT(12, VA_NONE, VA_NONE, amoswap.w a1, a1, (t0))
        S_FAULT(13, CAUSE_LOAD_PAGE_FAULT, VA_GIGA_HOLE, VA_GIGA_HOLE, lw a1, 0(t0))
        S_FAULT(14, CAUSE_LOAD_PAGE_FAULT, VA_NONCANON, VA_NONCANON, ld a1, 0(t0))
        S_FETCH_FAULT(15, VA_NONE)
        S_FETCH_FAULT(16, VA_GIGA_HOLE)
        /* read-only and non-executable */
        S_FAULT(17, CAUSE_STORE_PAGE_FAULT, VA_RO, VA_RO, sd a1, 0(t0))
        S_FETCH_FAULT(18, VA_DATA)

        /* S-mode on a U page: loads/stores need SUM, fetches never work */
        S_FAULT(20, CAUSE_LOAD_PAGE_FAULT, VA_UDATA, VA_UDATA, ld a1, 0(t0))
        S_FAULT(21, CAUSE_STORE_PAGE_FAULT, VA_UDATA, VA_UDATA, sd a1, 0(t0))
        li t0, MSTATUS_SUM
        csrs sstatus, t0
        TEST_CASE(22, a1, 0x2222222222222222, li t0, VA_UDATA; ld a1, 0(t0))
        TEST_CASE(23, a1, 0x77, li t0, VA_UDATA; li t1, 0x77; sd t1, 16(t0); la t0, udata_page; ld a1, 16(t0))
        S_FETCH_FAULT(24, VA_UCODE)
        li t0, MSTATUS_SUM
        csrc sstatus, t0

        /* execute-only page: loads need MXR */
        S_FAULT(25, CAUSE_LOAD_PAGE_FAULT, VA_XONLY, VA_XONLY, ld a1, 0(t0))
        li t0, MSTATUS_MXR
        csrs sstatus, t0
        TEST_CASE(26, a1, 0x3333333333333333, li t0, VA_XONLY; ld a1, 0(t0))
        S_FAULT(27, CAUSE_STORE_PAGE_FAULT, VA_XONLY, VA_XONLY, sd a1, 0(t0))
        li t0, MSTATUS_MXR
        csrc sstatus, t0

        /* Svade: A = 0 faults any access, D = 0 faults stores */
        IF_QEMU72_ANY(t0, no_svade)
        S_FAULT(30, CAUSE_LOAD_PAGE_FAULT, VA_NOA, VA_NOA, ld a1, 0(t0))
        S_FAULT(31, CAUSE_STORE_PAGE_FAULT, VA_NOA, VA_NOA, sd a1, 0(t0))
        TEST_CASE(32, a1, 0x4444444444444444, li t0, VA_NOD; ld a1, 0(t0))
        S_FAULT(33, CAUSE_STORE_PAGE_FAULT, VA_NOD, VA_NOD, sd a1, 0(t0))
        S_AMO_FAULT(34, VA_NOD, VA_NOD, amoor.d a1, zero, (t0))
        TEST_CASE(35, a1, 0x4444444444444444, la t0, ad_page; ld a1, 0(t0)) /* nothing written */
        /* the PTEs were not changed behind the kernel's back */
        TEST_CASE(36, a1, PTE_V | PTE_R | PTE_W, la t0, l0_pt; ld a1, 4 * 8(t0); andi a1, a1, 0xff)
        TEST_CASE(37, a1, PTE_V | PTE_R | PTE_W | PTE_A, la t0, l0_pt; ld a1, 5 * 8(t0); andi a1, a1, 0xff)
        /* software sets A and D, fences, and the accesses go through */
        PTE_SET(l0_pt, 4, ad_page, SDATA)
        PTE_SET(l0_pt, 5, ad_page, SDATA)
        li t0, VA_NOA
        sfence.vma t0, zero
        li t0, VA_NOD
        sfence.vma t0, zero
        TEST_CASE(38, a1, 0x4444444444444444, li t0, VA_NOA; ld a1, 0(t0))
        TEST_CASE(39, a1, 0x99, li t0, VA_NOD; li t1, 0x99; sd t1, 0(t0); li t0, VA_NOA; ld a1, 0(t0))
no_svade:

        /* U-mode on its own pages: reads and writes UDATA, sees its pc
         * as a virtual address, ECALLs to M (epc = VA) */
        li TESTNUM, 40
        RUN_USER(u_rw, m40)
m40:    TRAP_FIELD(t5, TA_CAUSE)
        CHECK(t5, CAUSE_ECALL_U)
        li TESTNUM, 41
        TRAP_FIELD(t5, TA_EPC)
        UVA(a2, u_rw_ecall)
        bne t5, a2, fail
        li TESTNUM, 42
        UVA(a2, u_rw_auipc)
        bne a3, a2, fail
        TEST_CASE(43, a1, 0x2222222222222223, la t0, udata_page; ld a1, 24(t0))

        /* U-mode on S pages: load, store, fetch fault (handled in S) */
        MRET_TO(PRV_S, s50)
s50:    li TESTNUM, 50
        S_EXPECT_TRAP
        RUN_USER(u_load_s, m50)
m50:    U_FAULTED(CAUSE_LOAD_PAGE_FAULT, VA_DATA, u_load_s_insn)
        TEST_CASE(51, a1, 0x5a, nop)            /* the load wrote nothing */

        MRET_TO(PRV_S, s52)
s52:    li TESTNUM, 52
        S_EXPECT_TRAP
        RUN_USER(u_store_s, m52)
m52:    U_FAULTED(CAUSE_STORE_PAGE_FAULT, VA_DATA + 16, u_store_s_insn)
        TEST_CASE(53, a1, 0, la t0, data_page; ld a1, 16(t0))

        MRET_TO(PRV_S, s54)
s54:    li TESTNUM, 54
        S_RESUME_AT(s55)
        li t0, MSTATUS_SPP
        csrc sstatus, t0
        UVA(t0, u_fetch_s)
        csrw sepc, t0
        sret
s55:    S_CHECK_TRAP_AT(CAUSE_FETCH_PAGE_FAULT, KERNEL_ENTRY)
        li TESTNUM, 55
        S_CHECK_TVAL(KERNEL_ENTRY)
        li TESTNUM, 56                  /* back in S-mode, translation on */
        li t0, VA_DATA
        ld a1, 0(t0)
        CHECK(a1, 0x1111111111111111)

        li TESTNUM, 57
        ECALL_TO_M(m57)
m57:    /* Svadu (menvcfg.ADUE): the walk sets A, and D on a store */
        li t0, MENVCFG_ADUE
        csrs menvcfg, t0
        PTE_SET(l0_pt, 4, ad_page, PTE_V | PTE_R | PTE_W)
        MRET_TO(PRV_S, s60)
s60:    sfence.vma
        TEST_CASE(60, a1, 0x97, la t0, ad_page; li t1, 0x97; sd t1, 0(t0); li t0, VA_NOA; ld a1, 0(t0))
        TEST_CASE(61, a1, PTE_V | PTE_R | PTE_W | PTE_A, la t0, l0_pt; ld a1, 4 * 8(t0); andi a1, a1, 0xff)
        TEST_CASE(62, a1, 0x98, li t0, VA_NOA; li t1, 0x98; sd t1, 0(t0); la t0, ad_page; ld a1, 0(t0))
        TEST_CASE(63, a1, SDATA, la t0, l0_pt; ld a1, 4 * 8(t0); andi a1, a1, 0xff)
        li TESTNUM, 64
        ECALL_TO_M(m64)
m64:    li t0, MENVCFG_ADUE
        csrc menvcfg, t0
        csrw satp, zero
        csrw medeleg, zero
        j hl_pass

        /* ---- the user code page (position-independent, VA_UCODE) ---- */
        .balign 4096
ucode_page:
u_rw:   li t0, VA_UDATA
        ld t1, 0(t0)
        addi t1, t1, 1
        sd t1, 24(t0)
u_rw_auipc:
        auipc a3, 0
u_rw_ecall:
        ecall
u_load_s:
        li a1, 0x5a
        li t0, VA_DATA
u_load_s_insn:
        ld a1, 0(t0)
        ecall
u_store_s:
        li t0, VA_DATA
u_store_s_insn:
        sd t0, 16(t0)
        ecall
u_fetch_s:
        li t0, KERNEL_ENTRY
        jr t0
        .balign 4096

        .bss
PAGE(root_pt)
PAGE(l1_pt)
PAGE(l0_pt)
PAGE(data_page)
PAGE(udata_page)
PAGE(xonly_page)
PAGE(ad_page)
        .text
PRIV_END
