package org.hartlab.kernel;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.kernel.proc.Proc;

/**
 * The programs execve can find: those spawned on this kernel (by the path they were loaded from, that path made
 * absolute, their file name and {@code /bin/NAME}) and the bundled ones (by name and {@code /bin/NAME}, loaded on
 * first use). There is no file system; this is all a path names.
 */
final class Executables {
    private final Map<String, ElfImage> known = new ConcurrentHashMap<>();

    /** The program execve(path) runs for {@code p}, or null (ENOENT); {@code /proc/self/exe} is {@code p}'s own. */
    ElfImage find(Proc p, String path) {
        if (path.equals("/proc/self/exe")) {
            return p.image();
        }
        ElfImage image = known.get(path);
        if (image != null) {
            return image;
        }
        String name = path.startsWith("/bin/") ? path.substring("/bin/".length()) : path;
        if (!Programs.BUNDLED.contains(name)) {
            return null;
        }
        try {
            image = Programs.load(name);
            known.put(name, image);
            return image;
        } catch (ElfLoadException e) {
            return null;
        }
    }

    /** Makes {@code image} (spawned from outside) known by its path, file name and /bin/ name. */
    void register(ElfImage image) {
        String path = image.name();
        String file = path.substring(path.lastIndexOf('/') + 1);
        known.put(path, image);
        known.put(file, image);
        known.put("/bin/" + file, image);
        try {
            known.put(Path.of(path).toAbsolutePath().normalize().toString(), image);
        } catch (InvalidPathException e) {
            // a name that is no host path is known by its name alone
        }
    }
}
