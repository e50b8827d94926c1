package org.hartlab.kernel.signal;

import org.hartlab.core.hart.Csr;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.vm.Prot;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.VmMap;

/**
 * The riscv64 signal frame, laid out as Linux's struct rt_sigframe (what glibc's ucontext_t and libgcc's
 * unwinder read), and the sigreturn trampoline page:
 * <pre>
 *    0  siginfo       128 bytes
 *  128  ucontext      uc_flags, uc_link, uc_stack {ss_sp, ss_flags, ss_size}, uc_sigmask (8 bytes, then 120 spare)
 *  304  uc_mcontext   pc, x1..x31 (8 bytes each), then the FP state: f0..f31 (8 bytes each), fcsr (4 bytes),
 *                     padded to the size of the Q-extension state (Linux's union __riscv_fp_state), 528 bytes
 * 1088  end           the frame starts 16-aligned below the interrupted sp (or at the top of the alternate stack)
 * </pre>
 * The handler starts with sp = frame, a0 = signal, a1 = &amp;siginfo, a2 = &amp;ucontext, ra = the trampoline.
 */
public final class SigFrame {
    public static final int SIZE = 1088;
    private static final int UC = SigInfo.SIZE;
    private static final int UC_STACK = UC + 16, UC_SIGMASK = UC + 40, MCONTEXT = UC + 176;
    private static final int FP = MCONTEXT + 256, FCSR = FP + 256;
    /**
     * Linux's vDSO page holds __vdso_rt_sigreturn, which the kernel puts in ra (glibc sets no SA_RESTORER on
     * riscv64); this kernel has no vDSO, so every process gets a page of its own with the same two
     * instructions, the ones libgcc's unwinder recognises a signal frame by: {@code li a7, 139; ecall}. It is
     * mapped at the first delivery to a handler, so a process that never takes one (and every fork of it)
     * keeps the address space and the guest time of fork it had before signals were delivered.
     */
    public static final long TRAMPOLINE = VmMap.USER_END - (8L << 20) - 2 * VmMap.PAGE;
    private static final int LI_A7_139 = 0x08B0_0893, ECALL = 0x0000_0073;

    private SigFrame() {
    }

    /**
     * Maps the trampoline page (read and execute) unless the address space has it (exec keeps the address free);
     * false when it cannot (no memory).
     */
    static boolean mapTrampoline(VmMap map, UserMemory memory) {
        if (map.lookup(TRAMPOLINE) != null) {
            return true;
        }
        if (!map.isFree(TRAMPOLINE, TRAMPOLINE + VmMap.PAGE)) {
            return false;
        }
        map.insert(TRAMPOLINE, TRAMPOLINE + VmMap.PAGE, Prot.READ | Prot.EXEC, "sigreturn");
        byte[] code = new byte[8];
        SigInfo.putLe(code, 0, LI_A7_139, 4);
        SigInfo.putLe(code, 4, ECALL, 4);
        try {
            memory.writeAsLoader(TRAMPOLINE, code);
            return true;
        } catch (UserMemory.Fault e) {
            return false;
        }
    }

    /**
     * Pushes a frame for {@code info} at {@code frame}: the user registers as the hart holds them (pc = sepc),
     * {@code oldMask} as the mask sigreturn restores, {@code stack} as uc_stack; then points the hart at the
     * handler. False, with the hart untouched, when the frame cannot be written.
     */
    static boolean push(Hart hart, UserMemory memory, long frame, SigInfo info, long handler, long oldMask,
            long[] stack) {
        byte[] b = new byte[SIZE];
        System.arraycopy(info.bytes(), 0, b, 0, SigInfo.SIZE);
        SigInfo.putLe(b, UC_STACK, stack[0], 8);
        SigInfo.putLe(b, UC_STACK + 8, stack[1], 4);
        SigInfo.putLe(b, UC_STACK + 16, stack[2], 8);
        SigInfo.putLe(b, UC_SIGMASK, oldMask, 8);
        SigInfo.putLe(b, MCONTEXT, hart.csrs().sepc(), 8);
        for (int i = 1; i < 32; i++) {
            SigInfo.putLe(b, MCONTEXT + 8 * i, hart.register(i), 8);
        }
        for (int i = 0; i < 32; i++) {
            SigInfo.putLe(b, FP + 8 * i, hart.fpRegisters().get(i), 8);
        }
        SigInfo.putLe(b, FCSR, hart.csrs().read(Csr.FCSR), 4);
        try {
            memory.write(frame, b);
        } catch (UserMemory.Fault e) {
            return false;
        }
        hart.csrs().setSepc(handler);
        hart.setRegister(1, TRAMPOLINE);
        hart.setRegister(2, frame);
        hart.setRegister(10, info.signo());
        hart.setRegister(11, frame);
        hart.setRegister(12, frame + UC);
        return true;
    }

    /** What rt_sigreturn reads back from a frame: the mask and the uc_stack {sp, flags, size}. */
    record Restored(long mask, long[] stack) {
    }

    /**
     * rt_sigreturn: reloads pc, x1..x31, the FP registers and fcsr from the frame at {@code frame}; null, with
     * the hart untouched, when the frame cannot be read.
     */
    static Restored pop(Hart hart, UserMemory memory, long frame) {
        byte[] b;
        try {
            b = memory.read(frame, FCSR + 4);
        } catch (UserMemory.Fault e) {
            return null;
        }
        hart.csrs().setSepc(le(b, MCONTEXT, 8));
        for (int i = 1; i < 32; i++) {
            hart.setRegister(i, le(b, MCONTEXT + 8 * i, 8));
        }
        for (int i = 0; i < 32; i++) {
            hart.fpRegisters().set(i, le(b, FP + 8 * i, 8));
        }
        hart.csrs().write(Csr.FCSR, le(b, FCSR, 4));
        long[] stack = {le(b, UC_STACK, 8), (int) le(b, UC_STACK + 8, 4), le(b, UC_STACK + 16, 8)};
        return new Restored(le(b, UC_SIGMASK, 8), stack);
    }

    private static long le(byte[] b, int at, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
