/* PMP address matching, from S-mode, on one 4 KiB page (offsets below)
 * with entry 15 granting everything else:
 *   0-1  TOR   0x100..0x200  R     (entry 0, OFF, gives the bottom)
 *   2    NA4   0x300..0x304  RW
 *   3    NAPOT 0x400..0x420  -
 *   4    NAPOT 0x500..0x510  RW    lower-numbered, so it wins over
 *   5    NAPOT 0x500..0x600  R     this one where both match
 *   6-7  TOR   0x704..0x800  RW    (entry 6, OFF, gives the bottom)
 *   8    NAPOT 0x900..0x940  -     (in pmpcfg2)
 * Each range ends where its encoding says; the lowest-numbered entry that
 * matches any byte decides, and an access it matches only in part fails
 * (an 8-byte load over the NA4 word, or across the bottom of 6-7) even
 * where the bytes outside would be granted, in M-mode too. Faults are taken in M-mode
 * with mtval = the address; the CSRs read back as written. */
#include "hartlab_pmp.h"

/* t0 = area + offset; clobbers nothing else */
#define AT(offset) la t0, pmp_area + (offset)

TEST_BEGIN
        .option norvc
        csrw mie, zero
        PMP_ADDR(t0, pmp_area + 0x100)
        csrw pmpaddr0, t0
        PMP_ADDR(t0, pmp_area + 0x200)
        csrw pmpaddr1, t0
        PMP_ADDR(t0, pmp_area + 0x300)
        csrw pmpaddr2, t0
        PMP_NAPOT_ADDR(t0, pmp_area + 0x400, 32)
        csrw pmpaddr3, t0
        PMP_NAPOT_ADDR(t0, pmp_area + 0x500, 16)
        csrw pmpaddr4, t0
        PMP_NAPOT_ADDR(t0, pmp_area + 0x500, 256)
        csrw pmpaddr5, t0
        PMP_ADDR(t0, pmp_area + 0x704)
        csrw pmpaddr6, t0
        PMP_ADDR(t0, pmp_area + 0x800)
        csrw pmpaddr7, t0
        PMP_NAPOT_ADDR(t0, pmp_area + 0x900, 64)
        csrw pmpaddr8, t0
#define CFG0 (PMP_CFG(1, PMP_TOR | PMP_R) | PMP_CFG(2, PMP_NA4 | PMP_R | PMP_W) \
              | PMP_CFG(3, PMP_NAPOT) | PMP_CFG(4, PMP_NAPOT | PMP_R | PMP_W) \
              | PMP_CFG(5, PMP_NAPOT | PMP_R) | PMP_CFG(7, PMP_TOR | PMP_R | PMP_W))
        li t0, CFG0
        csrw pmpcfg0, t0
        li t0, -1
        csrw pmpaddr15, t0
        li t0, PMP_CFG(8, PMP_NAPOT) | PMP_CFG(15, PMP_NAPOT | PMP_RWX)
        csrw pmpcfg2, t0
        PMP_SYNC

        TEST_CASE(1, a1, CFG0, csrr a1, pmpcfg0)
        PMP_NAPOT_ADDR(a2, pmp_area + 0x500, 256)
        TEST_CASE(2, a1, 0, csrr a1, pmpaddr5; sub a1, a1, a2)
        li a1, 0x11
        MRET_TO(PRV_S, smode)

smode:  /* TOR: [bottom, top) */
        AT(0x100)
        VALUE_CASE(10, a2, 0, ld a2, 0(t0))
        ACCESS_FAULT(11, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        AT(0x1f8)
        ACCESS_FAULT(12, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        AT(0x200)
        VALUE_CASE(13, a1, 0x11, sd a1, 0(t0); ld a1, 0(t0))
        AT(0xf8)
        VALUE_CASE(14, a1, 0x11, sd a1, 0(t0); ld a1, 0(t0))

        /* NA4: exactly one word */
        AT(0x300)
        VALUE_CASE(20, a1, 0x11, sw a1, 0(t0); lw a1, 0(t0))
        ACCESS_FAULT(21, CAUSE_LOAD_ACCESS, ld a2, 0(t0))
        ACCESS_FAULT(22, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        AT(0x304)
        VALUE_CASE(23, a1, 0x11, sw a1, 0(t0); lw a1, 0(t0))

        /* NAPOT, 32 bytes */
        AT(0x400)
        ACCESS_FAULT(30, CAUSE_LOAD_ACCESS, lw a2, 0(t0))
        AT(0x418)
        ACCESS_FAULT(31, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        AT(0x420)
        VALUE_CASE(32, a1, 0x11, sd a1, 0(t0); ld a1, 0(t0))
        AT(0x3f8)
        VALUE_CASE(33, a1, 0x11, sd a1, 0(t0); ld a1, 0(t0))

        /* the lowest-numbered match decides */
        AT(0x508)
        VALUE_CASE(40, a1, 0x11, sd a1, 0(t0); ld a1, 0(t0))
        AT(0x510)
        ACCESS_FAULT(41, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        VALUE_CASE(42, a2, 0, ld a2, 0(t0))
        AT(0x5f8)
        ACCESS_FAULT(43, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        AT(0x600)
        VALUE_CASE(44, a1, 0x11, sd a1, 0(t0); ld a1, 0(t0))

        /* a partial match fails, although entry 15 grants the other bytes */
        AT(0x700)
        ACCESS_FAULT(50, CAUSE_LOAD_ACCESS, ld a2, 0(t0))
        ACCESS_FAULT(51, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        VALUE_CASE(52, a1, 0x11, sw a1, 0(t0); lw a1, 0(t0))
        AT(0x704)
        VALUE_CASE(53, a1, 0x11, sw a1, 0(t0); lw a1, 0(t0))
        AT(0x7f8)
        VALUE_CASE(54, a1, 0x11, sd a1, 0(t0); ld a1, 0(t0))

        /* an entry of pmpcfg2 */
        AT(0x938)
        ACCESS_FAULT(60, CAUSE_STORE_ACCESS, sd a1, 0(t0))
        AT(0x940)
        VALUE_CASE(61, a1, 0x11, sd a1, 0(t0); ld a1, 0(t0))

        /* nothing that faulted was written */
        AT(0x100)
        VALUE_CASE(70, a1, 0, ld a1, 0(t0); ld a2, 0x1f8(t0); or a1, a1, a2; ld a2, 0x410(t0); or a1, a1, a2)
        ECALL_TO_M(done)
done:   AT(0x300)
        /* a partial match fails in M-mode too, whatever L says */
        ACCESS_FAULT(71, CAUSE_LOAD_ACCESS, ld a1, 0(t0))
        VALUE_CASE(72, a1, 0x22, lw a1, 0(t0); lw a2, 4(t0); add a1, a1, a2)  /* the sw, not the sd */
        AT(0x400)
        VALUE_CASE(73, a1, 0, ld a1, 0x18(t0); ld a2, 0x110(t0); or a1, a1, a2; ld a2, 0x538(t0); or a1, a1, a2)
        PASS

        .bss
PAGE(pmp_area)
        .text
PRIV_END
