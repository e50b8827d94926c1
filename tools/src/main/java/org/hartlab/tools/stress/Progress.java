package org.hartlab.tools.stress;

/** Told about each seed as it finishes (from the worker threads, in any order). */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void advanced(SeedResult result) {
        }

        @Override
        public void finished() {
        }
    };

    void advanced(SeedResult result);

    /** Every seed is done (or the run was stopped): the progress display goes away. */
    void finished();
}
