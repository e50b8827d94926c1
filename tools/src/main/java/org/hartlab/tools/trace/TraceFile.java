package org.hartlab.tools.trace;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * The file a trace goes to: checked before a run starts (a long campaign must not end in "cannot write"), and
 * gzip-compressed when its name ends in {@code .gz} (ui.perfetto.dev opens {@code .json.gz} as it is; the JSON
 * of a busy machine is tens of MB, and compresses about tenfold).
 */
public final class TraceFile {
    private TraceFile() {
    }

    /**
     * Why {@code file} cannot be written, in the operating system's words ("No such file or directory"), or null
     * when it can: opens it for writing without truncating it, and removes it again if it did not exist.
     */
    public static String problem(Path file) {
        if (Files.isDirectory(file)) {
            return "Is a directory";
        }
        boolean existed = Files.exists(file);
        try (OutputStream probe = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            return null;
        } catch (IOException e) {
            return reason(e);
        } finally {
            if (!existed) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // the probe stays behind as an empty file; the run overwrites it anyway
                }
            }
        }
    }

    /** Opens {@code file} for a trace, replacing what it held; gzip when its name ends in {@code .gz}. */
    public static OutputStream open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    /**
     * What went wrong, without the path Java puts in the message of a file-system exception (the caller names
     * the file): "No such file or directory", "Permission denied", or the reason the system gave.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
