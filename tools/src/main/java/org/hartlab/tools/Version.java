package org.hartlab.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Reports the version baked into the jar manifest (or "dev" when run from classes) and the commit of the git
 * checkout the jar or classes sit in. The commit is read when asked, not stamped into the build: a stamp would
 * make the jar differ from commit to commit for the same sources, and the launcher rebuilds only when sources
 * change (so the jar it runs is always built from the checkout's sources).
 */
public final class Version implements CommandLine.IVersionProvider {
    private static final long GIT_SECONDS = 5;

    @Override
    public String[] getVersion() {
        String commit = commit();
        return new String[] {text() + (commit == null ? "" : " (commit " + commit + ")")};
    }

    /** {@code "hartlab VERSION"}, as {@code hartlab --version} starts (stress results carry it too). */
    public static String text() {
        String v = HartlabMain.class.getPackage().getImplementationVersion();
        return "hartlab " + (v == null ? "dev" : v);
    }

    /**
     * {@code git describe --always --dirty} of the checkout holding this code ("-dirty": files differ from that
     * commit), or null outside a checkout or without git.
     */
    static String commit() {
        try {
            Path here = Path.of(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(here) ? here : here.getParent();
            Process git = new ProcessBuilder("git", "-C", dir.toString(), "describe", "--always", "--dirty",
                    "--abbrev=12").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(GIT_SECONDS, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return null;
            }
            return git.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException | java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
