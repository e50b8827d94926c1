package org.hartlab.tools;

import picocli.CommandLine;

/** Reports the version baked into the jar manifest (or "dev" when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = HartlabMain.class.getPackage().getImplementationVersion();
        return new String[] {"hartlab " + (v == null ? "dev" : v)};
    }
}
