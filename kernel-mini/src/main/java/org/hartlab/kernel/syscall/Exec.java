package org.hartlab.kernel.syscall;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.hart.Csr;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.exec.ElfExec;
import org.hartlab.kernel.exec.ExecException;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.VmMap;
import org.hartlab.kernel.vm.VmMapEntry;

/**
 * execve: replaces the calling process's program with one the kernel knows by path ({@link Kernel#executable}:
 * {@code /proc/self/exe}, the programs it was given, the bundled ones). The argument and environment vectors are
 * copied in first, with Linux's limits (E2BIG); past that point there is no way back, as on Linux: the other
 * threads end, close-on-exec descriptors close, the address space is emptied and the new image loaded with a
 * fresh stack built as for a first program; a failure now kills the process (SIGSEGV). Under the kernel lock.
 */
final class Exec {
    private static final long E2BIG = 7;
    private static final int PATH_MAX = 4096;
    /** Linux's MAX_ARG_STRLEN, and the whole vectors' bound: a quarter of the 8 MiB stack (ARG_MAX). */
    private static final int MAX_STRING = 128 * 1024, MAX_TOTAL = 2 << 20;
    private static final int SIGSEGV = 11;

    private final Kernel kernel;

    Exec(Kernel kernel) {
        this.kernel = kernel;
    }

    long execve(Hart hart, KThread t, UserMemory memory, long pathAddress, long argvAddress, long envpAddress) {
        Proc p = t.proc();
        String path;
        List<String> argv;
        List<String> envp;
        try {
            path = new String(memory.readString(pathAddress, PATH_MAX).getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8);
            int[] total = {0};
            argv = strings(memory, argvAddress, total);
            envp = strings(memory, envpAddress, total);
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
        if (argv == null || envp == null) {
            return -E2BIG;
        }
        ElfImage image = kernel.executable(p, path);
        if (image == null) {
            return -Errno.ENOENT;
        }
        endOtherThreads(hart, t);
        p.files().closeOnExec(kernel.scheduler(), hart);
        p.signals().exec(); // handlers back to their defaults, as a new image cannot hold the old ones
        t.signals().exec();
        VmMap map = p.vmMap();
        for (VmMapEntry e : List.copyOf(map.entries())) {
            map.remove(e.start(), e.end(), hart);
        }
        ElfExec.Start start;
        try {
            start = ElfExec.load(image, map, memory, argv, envp, kernel.random());
        } catch (ExecException e) {
            kernel.exitProcess(hart, p, SIGSEGV);
            return 0;
        }
        p.setHeap(null, start.brk(), start.brk());
        p.setImage(image, Kernel.shortName(path));
        t.setClearChildTid(0);
        for (int i = 1; i < 32; i++) {
            hart.setRegister(i, 0);
            hart.fpRegisters().set(i, 0);
        }
        hart.fpRegisters().set(0, 0);
        hart.csrs().write(Csr.FCSR, 0);
        hart.setRegister(2, start.sp());
        hart.csrs().setSepc(start.pc());
        return 0; // a0 = 0 at the entry: no rtld_fini for a static program
    }

    /**
     * The NUL-terminated array of string pointers at {@code address} (null: none), or null when it passes Linux's
     * limits; {@code total} counts the bytes of every vector read so far.
     */
    private static List<String> strings(UserMemory memory, long address, int[] total) throws UserMemory.Fault {
        List<String> out = new ArrayList<>();
        if (address == 0) {
            return out;
        }
        for (long at = address;; at += 8) {
            long s = memory.read64(at);
            if (s == 0) {
                return out;
            }
            String text = memory.readString(s, MAX_STRING + 1);
            total[0] += text.length() + 1 + 8;
            if (text.length() > MAX_STRING || total[0] > MAX_TOTAL) {
                return null;
            }
            // readString gives one char per byte; the loader writes UTF-8, so decode the bytes as UTF-8 first
            out.add(new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    /** As Linux's de_thread: every other thread of the process ends; one on another hart leaves at its next trap. */
    private void endOtherThreads(Hart hart, KThread self) {
        for (KThread other : List.copyOf(self.proc().threads())) {
            if (other == self || other.state() == KThread.State.EXITED) {
                continue;
            }
            other.setExited();
            Hart h = other.hart();
            if (h != null && h != hart) {
                kernel.machine().bus().storeMmio(org.hartlab.core.aclint.Sswi.BASE + 4L * h.id(), 4, 1, hart.id());
            } else {
                kernel.processes().removeThread(other);
            }
        }
    }
}
