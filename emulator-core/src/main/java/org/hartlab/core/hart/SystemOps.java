package org.hartlab.core.hart;

/** The SYSTEM-opcode instructions: CSR access, environment calls, trap returns, WFI and SFENCE.VMA. */
final class SystemOps {
    private SystemOps() {
    }

    static Trap illegal(Insn i) {
        return new Trap(Cause.ILLEGAL_INSTRUCTION, i.bits() & (i.length() == 2 ? 0xFFFFL : 0xFFFF_FFFFL));
    }

    /**
     * CSRRW/S/C and their immediate forms. CSRRW with rd=x0 does not read; CSRRS/C with rs1=x0 (or zimm=0) do
     * not write, which is what lets software read a read-only CSR with them.
     */
    static void csr(Hart h, Insn i) {
        int number = (int) i.imm();
        boolean immediate = i.op() >= Op.CSRRWI;
        long operand = immediate ? i.rs1() : h.x[i.rs1()];
        int kind = immediate ? i.op() - Op.CSRRWI : i.op() - Op.CSRRW; // 0 write, 1 set, 2 clear
        boolean writes = kind == 0 || i.rs1() != 0;
        CsrFile csr = h.csr;
        long old;
        if (kind == 0 && i.rd() == Hart.SINK) {
            csr.checkAccess(number, h.priv, true, i.bits());
            old = 0;
        } else {
            old = csr.read(number, h.priv, writes, i.bits());
        }
        if (writes) {
            csr.write(number, switch (kind) {
                case 0 -> operand;
                case 1 -> old | operand;
                default -> old & ~operand;
            });
        }
        h.x[i.rd()] = old;
    }

    static void privileged(Hart h, Insn i) {
        long ms = h.csr.mstatus;
        switch (i.op()) {
            case Op.ECALL -> throw new Trap(Cause.ECALL_FROM_U + h.priv, 0);
            case Op.EBREAK -> throw new Trap(Cause.BREAKPOINT, h.pc);
            case Op.MRET -> {
                requireThat(h.priv == Privilege.MACHINE, i);
                h.traps.mret();
            }
            case Op.SRET -> {
                requireThat(h.priv == Privilege.MACHINE
                        || (h.priv == Privilege.SUPERVISOR && (ms & Mstatus.TSR) == 0), i);
                h.traps.sret();
            }
            case Op.WFI -> {
                requireThat(h.priv == Privilege.MACHINE
                        || (h.priv == Privilege.SUPERVISOR && (ms & Mstatus.TW) == 0), i);
                h.waitForInterrupt();
            }
            case Op.SFENCE_VMA -> {
                requireThat(h.priv == Privilege.MACHINE
                        || (h.priv == Privilege.SUPERVISOR && (ms & Mstatus.TVM) == 0), i);
                h.sfenceVma(i.rs1(), i.rs2());
            }
            default -> throw new IllegalStateException("not a privileged op: " + i);
        }
    }

    private static void requireThat(boolean allowed, Insn i) {
        if (!allowed) {
            throw illegal(i);
        }
    }
}
