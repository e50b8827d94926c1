package org.hartlab.tools.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.hartlab.core.trace.EventRecorder;
import org.hartlab.tools.trace.ChromeTraceWriter;
import org.hartlab.tools.trace.TraceFile;
import org.hartlab.tools.trace.TraceLimit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trace start [--limit N]|stop|save FILE|status}: records the events of the running system (page faults, PTE stores,
 * IPIs, SFENCE.VMAs, shootdown acknowledgements, busy-page sleeps, violations) and writes them as Chrome
 * trace-event JSON, one track per hart, for ui.perfetto.dev. A recording belongs to the boot it started on: a
 * {@code boot} ends it, and what it kept can still be saved.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Record what the harts and the kernel do, and save it for ui.perfetto.dev.",
            "start: record from now on (--limit N: keep only the last N events); stop: stop recording (what was kept stays); save FILE: write what was "
                + "recorded (recording goes on if it was on); status: what is being kept."})
final class TraceCommand extends ShellCommand {
    @Parameters(index = "0", paramLabel = "ACTION", completionCandidates = Actions.class,
            description = "start, stop, save or status.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "Where save writes the JSON (gzip-compressed when it ends in .gz).")
    Path file;

    @Option(names = "--limit", paramLabel = "N",
            description = "With start: keep only the last N events (default: the first " + TraceLimit.MAX + ").")
    Integer limit;

    // the last recording, kept across commands
    private EventRecorder recorder;
    private ShellEvents recordingOn;
    private int harts;
    private String title;

    /** The actions, for tab completion. */
    static final class Actions extends java.util.ArrayList<String> {
        Actions() {
            super(List.of("start", "stop", "save", "status"));
        }
    }

    TraceCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected boolean needsKernel() {
        return false; // saving what a powered-off machine did is fine; start checks for itself
    }

    @Override
    protected int execute() {
        if (file != null && !action.equals("save")) {
            return fail(action + " takes no FILE");
        }
        if (limit != null && !action.equals("start")) {
            return fail(action + " takes no --limit (trace start --limit N sets what a recording keeps)");
        }
        return switch (action) {
            case "start" -> start();
            case "stop" -> stop();
            case "save" -> save();
            case "status" -> status();
            default -> fail("ACTION must be start, stop, save or status, got '" + action + "'");
        };
    }

    /** True while the recorder hears the current boot's events. */
    private boolean recording() {
        return recordingOn != null && recordingOn == session.events();
    }

    private int start() {
        String unusable = session.unusable();
        if (unusable != null) {
            return fail(unusable);
        }
        if (recording()) {
            return fail("already recording (%d events so far); trace stop or trace save first".formatted(kept()));
        }
        try {
            recorder = TraceLimit.of(limit, "--limit").recorder();
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        recordingOn = session.events();
        harts = session.machine().harts().size();
        title = "hartlab shell: " + session.settings().describe();
        session.addEventListener(recorder);
        out().println("trace: recording (faults, PTE stores, IPIs, sfences, acks, busy sleeps, violations); "
                + "trace save FILE writes it");
        return 0;
    }

    private int stop() {
        if (!recording()) {
            return fail("not recording");
        }
        session.removeEventListener(recorder);
        recordingOn = null;
        out().printf("trace: stopped with %d events; trace save FILE writes them%n", kept());
        return 0;
    }

    private int save() {
        if (recorder == null) {
            return fail("nothing recorded: trace start first");
        }
        if (file == null) {
            return fail("save needs a FILE");
        }
        EventRecorder.Window window = recorder.window();
        try (OutputStream o = TraceFile.open(file)) {
            ChromeTraceWriter.write(o, window, harts, title);
        } catch (IOException e) {
            return fail("cannot write " + file + ": " + TraceFile.reason(e));
        }
        String dropped = TraceLimit.dropped(recorder, "trace start --limit");
        out().printf("trace: %d events written to %s%s (open it in ui.perfetto.dev)%n", window.events().size(), file,
                dropped.isEmpty() ? "" : ", " + dropped);
        return 0;
    }

    private int status() {
        if (recorder == null) {
            out().println("trace: nothing recorded");
        } else {
            out().printf("trace: %s, %d events kept%n", recording() ? "recording" : "stopped", kept());
        }
        return 0;
    }

    private int kept() {
        return recorder.events().size();
    }
}
