package org.hartlab.kernel.exec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.kernel.signal.SigFrame;
import org.hartlab.kernel.vm.Prot;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.VmMap;

/**
 * execve's loader: maps each PT_LOAD segment with its protection (contents copied in at once, bss left to
 * zero-fill), reserves the heap right after the image and an 8 MiB stack below the top of user space, keeps
 * the page of the signal return trampoline ({@link SigFrame#TRAMPOLINE}) below the stack free, and builds the
 * initial stack exactly as Linux does for a static program: argc, argv, NULL, envp, NULL, auxv (AT_PHDR,
 * AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_ENTRY, AT_RANDOM, AT_NULL), with the strings and 16 random bytes above.
 */
public final class ElfExec {
    public static final long STACK_TOP = VmMap.USER_END;
    public static final long STACK_SIZE = 8L << 20;
    private static final int PF_X = 1;
    private static final int PF_W = 2;
    private static final int PF_R = 4;
    private static final int AT_NULL = 0;
    private static final int AT_PHDR = 3;
    private static final int AT_PHENT = 4;
    private static final int AT_PHNUM = 5;
    private static final int AT_PAGESZ = 6;
    private static final int AT_ENTRY = 9;
    private static final int AT_RANDOM = 25;

    /** Where a loaded program starts: its entry pc, initial stack pointer, and initial program break. */
    public record Start(long pc, long sp, long brk) {
    }

    private ElfExec() {
    }

    public static Start load(ElfImage image, VmMap map, UserMemory memory, List<String> argv, List<String> envp,
                             SplittableRandom random) throws ExecException {
        long imageEnd = 0;
        try {
            for (ElfImage.Segment s : image.segments()) {
                long start = VmMap.pageDown(s.virtualAddress());
                long end = VmMap.pageUp(s.virtualAddress() + s.memorySize());
                if (start < VmMap.PAGE || end > SigFrame.TRAMPOLINE || !map.isFree(start, end)) {
                    throw new ExecException("%s: segment at 0x%x..0x%x is outside user space or overlaps another"
                            .formatted(image.name(), s.virtualAddress(), s.virtualAddress() + s.memorySize()));
                }
                map.insert(start, end, prot(s.flags()), "image");
                memory.writeAsLoader(s.virtualAddress(), s.data()); // even into read-only segments
                imageEnd = Math.max(imageEnd, end);
            }
            return buildStack(image, map, memory, argv, envp, random, imageEnd);
        } catch (UserMemory.Fault e) {
            throw new ExecException(image.name() + ": cannot build the process image: " + e.getMessage());
        }
    }

    private static int prot(int flags) {
        return ((flags & PF_R) != 0 ? Prot.READ : 0) | ((flags & PF_W) != 0 ? Prot.WRITE : 0)
                | ((flags & PF_X) != 0 ? Prot.EXEC : 0);
    }

    private static Start buildStack(ElfImage image, VmMap map, UserMemory memory, List<String> argv,
                                    List<String> envp, SplittableRandom random, long imageEnd)
            throws UserMemory.Fault {
        map.insert(STACK_TOP - STACK_SIZE, STACK_TOP, Prot.READ | Prot.WRITE, "stack");
        long sp = STACK_TOP;
        byte[] randomBytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            randomBytes[i] = (byte) random.nextInt(256);
        }
        sp -= 16;
        long randomAt = sp;
        memory.write(randomAt, randomBytes);
        List<Long> argvAt = new ArrayList<>();
        for (String a : argv) {
            sp = pushString(memory, sp, a);
            argvAt.add(sp);
        }
        List<Long> envpAt = new ArrayList<>();
        for (String e : envp) {
            sp = pushString(memory, sp, e);
            envpAt.add(sp);
        }
        long[][] auxv = {
            {AT_PHDR, image.programHeaders()}, {AT_PHENT, image.programHeaderSize()},
            {AT_PHNUM, image.programHeaderCount()}, {AT_PAGESZ, VmMap.PAGE}, {AT_ENTRY, image.entry()},
            {AT_RANDOM, randomAt}, {AT_NULL, 0}};
        int words = 1 + argvAt.size() + 1 + envpAt.size() + 1 + 2 * auxv.length;
        sp = (sp - 8L * words) & ~15L;
        long at = sp;
        memory.write64(at, argv.size());
        at += 8;
        for (long p : argvAt) {
            memory.write64(at, p);
            at += 8;
        }
        memory.write64(at, 0);
        at += 8;
        for (long p : envpAt) {
            memory.write64(at, p);
            at += 8;
        }
        memory.write64(at, 0);
        at += 8;
        for (long[] pair : auxv) {
            memory.write64(at, pair[0]);
            memory.write64(at + 8, pair[1]);
            at += 16;
        }
        return new Start(image.entry(), sp, imageEnd);
    }

    private static long pushString(UserMemory memory, long sp, String s) throws UserMemory.Fault {
        byte[] bytes = (s + "\0").getBytes(StandardCharsets.UTF_8);
        sp -= bytes.length;
        memory.write(sp, bytes);
        return sp;
    }
}
