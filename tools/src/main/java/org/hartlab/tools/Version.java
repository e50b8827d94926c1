package org.hartlab.tools;

import picocli.CommandLine;

/** Reports the version baked into the jar manifest (or "dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {text()};
    }

    /** {@code "hartlab VERSION"}, as {@code hartlab --version} prints it (stress results carry it too). */
    public static String text() {
        String v = HartlabMain.class.getPackage().getImplementationVersion();
        return "hartlab " + (v == null ? "dev" : v);
    }
}
