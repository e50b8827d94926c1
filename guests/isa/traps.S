/* M-mode traps: illegal instructions (32- and 16-bit), ECALL from M and U,
 * EBREAK, MRET semantics, dropping to U-mode via MPP, and M-mode CSR /
 * MRET access from U-mode. mtvec is in direct mode. */
#include "hartlab_test.h"

/* t5 = recorded mstatus.MPP of the last trap */
#define LAST_MPP(reg)                                                   \
        TRAP_FIELD(reg, TA_STATUS);                                     \
        srli reg, reg, 11;                                              \
        andi reg, reg, 3

TEST_BEGIN
        .option norvc

        csrw mie, zero

        /* 32-bit illegal instructions: mcause 2, mtval = the instruction
         * (zero-extended), execution resumes after it. */
        li TESTNUM, 1
        EXPECT_TRAP
1:      .word 0xdeadb01b        /* OP-IMM-32, funct3 = 3: reserved */
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, 1b)
        CHECK_TVAL(0xdeadb01b)
        LAST_MPP(t5)
        CHECK(t5, 3)

        li TESTNUM, 2
        EXPECT_TRAP
2:      .word 0xfe000033        /* OP, funct7 = 0x7f: reserved */
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, 2b)
        CHECK_TVAL(0xfe000033)

        /* 16-bit illegal encodings: mtval = the 16 instruction bits */
        li TESTNUM, 3
        li s1, 0x33
        EXPECT_TRAP
3:      .hword 0x0004           /* C.ADDI4SPN with nzuimm = 0: reserved */
        .hword 0x0001           /* c.nop (keeps 4-byte alignment) */
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, 3b)
        CHECK_TVAL(0x0004)
        CHECK(s1, 0x33)

        li TESTNUM, 4
        li a0, 0x1234
        csrw mtval, a0
        EXPECT_TRAP
4:      .hword 0x0000           /* the all-zero defined-illegal instruction */
        .hword 0x0001
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, 4b)
        CHECK_TVAL(0)

        /* ECALL from M-mode: cause 11, mepc = the ecall, mtval = 0 */
        li TESTNUM, 5
        EXPECT_TRAP
5:      ecall
        CHECK_TRAP(CAUSE_ECALL_M, 5b)
        CHECK_TVAL(0)
        LAST_MPP(t5)
        CHECK(t5, 3)

        /* EBREAK: cause 3, mepc = mtval = pc of the ebreak */
        li TESTNUM, 6
        EXPECT_TRAP
6:      ebreak
        CHECK_TRAP(CAUSE_BREAKPOINT, 6b)
        TRAP_FIELD(t5, TA_TVAL)
        lla t6, 6b
        beq t5, t6, 7f
        bnez t5, fail
        IF_QEMU72(t6, 7f)       /* QEMU 7.2 leaves mtval = 0 */
        j fail
7:

        /* MRET: jumps to mepc; MIE = MPIE, MPIE = 1, MPP = U (least
         * privileged supported mode); stays in M since MPP was M. */
        li TESTNUM, 10
        lla t0, 1f
        csrw mepc, t0
        li t0, MSTATUS_MPP
        csrs mstatus, t0
        li t0, MSTATUS_MPIE | MSTATUS_MIE
        csrc mstatus, t0
        mret
        j fail
1:      csrr a0, mstatus
        li t0, MSTATUS_MPP
        and a1, a0, t0
        bnez a1, fail
        li TESTNUM, 11
        andi a1, a0, MSTATUS_MPIE
        beqz a1, fail
        li TESTNUM, 12
        andi a1, a0, MSTATUS_MIE
        bnez a1, fail
        li TESTNUM, 13          /* still M-mode: M CSRs are accessible */
        csrr a0, mscratch
        lla t0, trap_area
        bne a0, t0, fail

        /* MRET with MPIE = 1 sets MIE (mie = 0, so no interrupt) */
        li TESTNUM, 14
        lla t0, 1f
        csrw mepc, t0
        li t0, MSTATUS_MPP | MSTATUS_MPIE
        csrs mstatus, t0
        mret
        j fail
1:      csrr a0, mstatus
        csrci mstatus, MSTATUS_MIE
        andi a1, a0, MSTATUS_MIE
        beqz a1, fail

        /* Drop to U-mode with MPP = U, then come back through ECALL. */
        li TESTNUM, 20
        lla t0, umode_a
        csrw mepc, t0
        li t0, MSTATUS_MPP
        csrc mstatus, t0
        li s2, 0
        mret
        j fail
umode_a:
        li s2, 1                /* reached U-mode code */
        EXPECT_TRAP
        lla t5, mmode_a
        sd t5, TA_RESUME(t6)    /* t6 = trap_area from EXPECT_TRAP */
21:     ecall
        j fail
mmode_a:
        CHECK(s2, 1)
        li TESTNUM, 21
        CHECK_TRAP(CAUSE_ECALL_U, 21b)
        CHECK_TVAL(0)
        li TESTNUM, 22
        LAST_MPP(t5)            /* trap came from U */
        CHECK(t5, 0)
        li TESTNUM, 23          /* back in M */
        csrr a0, mscratch
        lla t0, trap_area
        bne a0, t0, fail

        /* U-mode: reading an M-mode CSR, writing one, and MRET are all
         * illegal; the handler skips them and U-mode continues. */
        li TESTNUM, 30
        lla t0, umode_b
        csrw mepc, t0
        li t0, MSTATUS_MPP
        csrc mstatus, t0
        li a0, 0x66
        li a1, 0x11
        mret
        j fail
umode_b:
        EXPECT_TRAP
31:     csrr a0, mscratch
        EXPECT_TRAP
32:     csrw mtvec, a1
        lla t0, trap_area       /* check the first two traps from U-mode */
        ld t1, TA_PCAUSE(t0)
        li t2, CAUSE_ILLEGAL_INSN
        bne t1, t2, ufail
        ld t1, TA_PEPC(t0)
        lla t2, 31b
        bne t1, t2, ufail
        ld t1, TA_CAUSE(t0)
        li t2, CAUSE_ILLEGAL_INSN
        bne t1, t2, ufail
        ld t1, TA_EPC(t0)
        lla t2, 32b
        bne t1, t2, ufail
        EXPECT_TRAP
33:     mret
        EXPECT_TRAP
        lla t5, mmode_b
        sd t5, TA_RESUME(t6)
34:     ecall
ufail:
        li s3, 1
        EXPECT_TRAP
        lla t5, mmode_b
        sd t5, TA_RESUME(t6)
        ecall
        j fail
mmode_b:
        li TESTNUM, 31
        bnez s3, fail
        CHECK(a0, 0x66)         /* csrr did not write rd */
        li TESTNUM, 32
        csrr t0, mtvec          /* csrw did not write mtvec */
        lla t1, hl_trap_handler
        bne t0, t1, fail
        li TESTNUM, 33
        TRAP_FIELD(t5, TA_PCAUSE)
        CHECK(t5, CAUSE_ILLEGAL_INSN)
        TRAP_FIELD(t5, TA_PEPC)
        lla t6, 33b
        bne t5, t6, fail
        TRAP_FIELD(t5, TA_PTVAL)
        lla t6, 33b
        lwu t6, 0(t6)
        beq t5, t6, 1f
        bnez t5, fail
        IF_QEMU72(t6, 1f)       /* QEMU 7.2: mtval = 0 for this one */
        j fail
1:      li TESTNUM, 34
        CHECK_TRAP(CAUSE_ECALL_U, 34b)
        TRAP_FIELD(t5, TA_COUNT)
        CHECK(t5, 11)           /* every trap in this file was counted */

        j hl_pass
TEST_END
