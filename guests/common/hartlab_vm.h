/*
 * hartlab Sv39 test macros, on top of hartlab_priv.h: PTE bits, building
 * page tables at run time (the assembler cannot shift a relocated address
 * into a PPN), satp, and addressing code on the user page.
 *
 * Tests identity-map RAM with one 1 GiB leaf at 0x8000_0000 (root[2]), so
 * S-mode reaches code, data, trap areas, tohost and the page tables at
 * their physical addresses; everything else they map lives at VA_BASE
 * (0x4000_0000, root[1] -> l1[0] -> l0[i]: VA_BASE + i * 4 KiB).
 * The table-writing macros work in M-mode and in S-mode (identity map).
 */
#ifndef HARTLAB_VM_H
#define HARTLAB_VM_H

#include "hartlab_priv.h"

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80
#define PTE_AD (PTE_A | PTE_D)

#define SATP_SV39 0x8000000000000000
#define SATP_ASID_SHIFT 44

#define VA_BASE  0x40000000
#define VA_PAGE(i) (VA_BASE + (i) * 0x1000)

/* table[index] = PTE pointing at physical address reg with flags;
 * clobbers reg, t1, t2. */
#define PTE_WRITE_REG(table, index, reg, flags)                         \
        srli reg, reg, 12;                                              \
        slli reg, reg, 10;                                              \
        ori reg, reg, flags;                                            \
        la t1, table;                                                   \
        li t2, (index) * 8;                                             \
        add t1, t1, t2;                                                 \
        sd reg, 0(t1)

/* table[index] = PTE for the page at label target; clobbers t0-t2. */
#define PTE_SET(table, index, target, flags)                            \
        la t0, target;                                                  \
        PTE_WRITE_REG(table, index, t0, flags)

/* table[index] = 0 (invalid); clobbers t1, t2. */
#define PTE_CLEAR(table, index)                                         \
        la t1, table;                                                   \
        li t2, (index) * 8;                                             \
        add t1, t1, t2;                                                 \
        sd zero, 0(t1)

/* root[2]: RAM identity-mapped by a 1 GiB leaf; clobbers t0-t2. */
#define MAP_RAM_IDENTITY(root, flags)                                   \
        li t0, 0x80000000;                                              \
        PTE_WRITE_REG(root, 2, t0, flags)

/* root[1] -> l1, l1[0] -> l0: the tables behind VA_BASE; clobbers t0-t2. */
#define MAP_VA_BASE_TABLES(root, l1, l0)                                \
        PTE_SET(root, 1, l1, PTE_V);                                    \
        PTE_SET(l1, 0, l0, PTE_V)

/* satp = Sv39, asid, root; clobbers t0, t1. */
#define SATP_SET(root, asid)                                            \
        la t0, root;                                                    \
        srli t0, t0, 12;                                                \
        li t1, SATP_SV39 | ((asid) << SATP_ASID_SHIFT);                 \
        or t0, t0, t1;                                                  \
        csrw satp, t0

/* Page tables and pages: zeroed, page-aligned storage (use in .bss). */
#define PAGE(name)                                                      \
        .balign 4096;                                                   \
name:   .zero 4096

#endif
