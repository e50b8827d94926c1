package org.hartlab.tools.gdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hartlab.core.debug.DebugException;
import org.hartlab.core.debug.DebugTarget;
import org.hartlab.core.debug.StopEvent;
import org.hartlab.core.debug.WatchKind;

/**
 * The packets of a GDB session, interpreted against a {@link DebugTarget}; no networking here. Call {@link #handle}
 * from one thread only: it blocks while the machine runs ({@code c}, {@code s}, {@code vCont}). Threads are harts,
 * thread id = hart + 1. A malformed packet gets {@code E01}, a bad thread {@code E02}, an unreadable address or
 * register {@code E0e}; an unknown packet gets the empty reply, which GDB reads as "not supported".
 */
public final class GdbCommands {
    /** The qSupported reply; PacketSize is hex (16 KiB). */
    static final String FEATURES =
            "PacketSize=4000;qXfer:features:read+;QStartNoAckMode+;swbreak+;hwbreak+;vContSupported+";
    /** The largest memory read served in one reply (its hex fits PacketSize). */
    static final int MAX_READ = 0x1f00;
    private static final int ALL = -1;
    private static final int ANY = -2;
    private static final int SIGINT = 2;
    private static final int SIGTRAP = 5;
    private static final int SIGSTOP = 17;
    private static final int SIGXCPU = 24;

    /** The packets to send, in order (console output first), and how the session ends, if it does. */
    public record Response(List<String> packets, SessionOutcome outcome) {
        static Response of(String... packets) {
            return new Response(List.of(packets), null);
        }
    }

    private final DebugTarget target;
    private final TargetDescription description;
    private final Breakpoints breakpoints;
    private int generalHart;
    private int continueHart = ALL;
    private StopEvent lastStop;

    public GdbCommands(DebugTarget target, TargetDescription description) {
        this.target = target;
        this.description = description;
        this.breakpoints = new Breakpoints(target);
    }

    /** True for the packets that let the machine run (and so may be interrupted by 0x03). */
    public static boolean resumes(String packet) {
        return !packet.isEmpty() && ("cCsS".indexOf(packet.charAt(0)) >= 0 || packet.startsWith("vCont;"));
    }

    /** Forgets what the previous GDB inserted and selected; the machine itself stays as it is. */
    public void newSession() {
        breakpoints.clear();
        generalHart = lastStop == null ? 0 : lastStop.hart();
        continueHart = ALL;
    }

    public Response handle(String packet) {
        try {
            return dispatch(packet);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Response.of("E01");
        }
    }

    private Response dispatch(String p) {
        if (p.isEmpty()) {
            return Response.of("");
        }
        String args = p.substring(1);
        return switch (p.charAt(0)) {
            case '?' -> Response.of(haltReason());
            case 'g' -> Response.of(readRegisters());
            case 'G' -> Response.of(writeRegisters(args));
            case 'p' -> Response.of(readRegister(args));
            case 'P' -> Response.of(writeRegister(args));
            case 'm' -> Response.of(readMemory(args));
            case 'M' -> Response.of(writeMemory(args, false));
            case 'X' -> Response.of(writeMemory(args, true));
            case 'c' -> resume(args, false);
            case 'C' -> resume(afterSignal(args), false);
            case 's' -> resume(args, true);
            case 'S' -> resume(afterSignal(args), true);
            case 'H' -> Response.of(selectThread(args));
            case 'T' -> Response.of(isThread(parseThread(args)) ? "OK" : "E02");
            case 'Z', 'z' -> Response.of(breakpoint(p.charAt(0) == 'Z', args));
            case 'D' -> detach();
            case 'k' -> {
                breakpoints.clear();
                yield new Response(List.of(), SessionOutcome.KILLED);
            }
            case 'q' -> query(p);
            case 'Q' -> Response.of(p.equals("QStartNoAckMode") ? "OK" : "");
            case 'v' -> vPacket(p);
            default -> Response.of("");
        };
    }

    // ---- registers ------------------------------------------------------------------------------------------

    /** g and G carry the registers numbered 0 to this (exclusive): x0–x31, pc, f0–f31, 64 bits each. */
    private static final int LAST_IN_G = DebugTarget.FPR_BASE + 32;

    private String readRegisters() {
        StringBuilder out = new StringBuilder();
        try {
            for (int r = 0; r < LAST_IN_G; r++) {
                out.append(Hex.littleEndian(target.readRegister(generalHart, r), 8));
            }
        } catch (DebugException e) {
            return "E0e";
        }
        return out.toString();
    }

    /** {@code G}: as many x registers, pc and f registers as the data covers, 16 hex digits each. */
    private String writeRegisters(String hex) {
        if (hex.isEmpty() || hex.length() % 16 != 0) {
            return "E01";
        }
        int count = Math.min(hex.length() / 16, LAST_IN_G);
        long[] values = new long[count];
        for (int r = 0; r < count; r++) {
            values[r] = Hex.parseLittleEndian(hex.substring(16 * r, 16 * r + 16));
        }
        try {
            for (int r = 0; r < count; r++) {
                target.writeRegister(generalHart, r, values[r]);
            }
        } catch (DebugException e) {
            return "E0e";
        }
        return "OK";
    }

    private String readRegister(String args) {
        var reg = description.register(Hex.count(args, Integer.MAX_VALUE));
        if (reg.isEmpty()) {
            return "E0e";
        }
        try {
            return Hex.littleEndian(target.readRegister(generalHart, reg.get().regnum()), reg.get().bytes());
        } catch (DebugException e) {
            if (reg.get().feature().equals(TargetDescription.FPU)) {
                return Hex.littleEndian(0, reg.get().bytes()); // fflags/frm/fcsr before F/D exist
            }
            return "x".repeat(2 * reg.get().bytes()); // described but unavailable
        }
    }

    private String writeRegister(String args) {
        int eq = args.indexOf('=');
        var reg = description.register(Hex.count(args.substring(0, eq), Integer.MAX_VALUE));
        if (reg.isEmpty()) {
            return "E0e";
        }
        long value = Hex.parseLittleEndian(args.substring(eq + 1));
        try {
            target.writeRegister(generalHart, reg.get().regnum(), value);
            return "OK";
        } catch (DebugException e) {
            return "E0e";
        }
    }

    // ---- memory ---------------------------------------------------------------------------------------------

    /** {@code m addr,len}: the bytes, or as many as are readable up to the first page boundary, or E0e. */
    private String readMemory(String args) {
        int comma = args.indexOf(',');
        long address = Hex.number(args.substring(0, comma));
        int length = Math.min(Hex.count(args.substring(comma + 1), Integer.MAX_VALUE), MAX_READ);
        try {
            return Hex.of(target.readMemory(generalHart, address, length));
        } catch (DebugException e) {
            long pageEnd = (address | 0xfff) + 1;
            if (pageEnd - address >= length) {
                return "E0e";
            }
            try {
                return Hex.of(target.readMemory(generalHart, address, (int) (pageEnd - address)));
            } catch (DebugException again) {
                return "E0e";
            }
        }
    }

    /** {@code M addr,len:hex} or {@code X addr,len:binary}; a zero length X is GDB probing for support. */
    private String writeMemory(String args, boolean binary) {
        int colon = args.indexOf(':');
        int comma = args.indexOf(',');
        if (colon < 0 || comma < 0 || comma > colon) {
            return "E01";
        }
        long address = Hex.number(args.substring(0, comma));
        int length = Hex.count(args.substring(comma + 1, colon), RspFrameDecoder.MAX_PAYLOAD);
        String data = args.substring(colon + 1);
        byte[] bytes = binary ? data.getBytes(StandardCharsets.ISO_8859_1) : Hex.bytes(data);
        if (bytes.length != length) {
            return "E01";
        }
        if (length == 0) {
            return "OK";
        }
        try {
            target.writeMemory(generalHart, address, bytes);
            return "OK";
        } catch (DebugException e) {
            return "E0e";
        }
    }

    // ---- threads --------------------------------------------------------------------------------------------

    /** A thread id as a hart number, or {@link #ALL} ({@code -1}) or {@link #ANY} ({@code 0}). */
    private int parseThread(String id) {
        if (id.startsWith("p")) { // multiprocess form p<pid>.<tid>, tolerated though not negotiated
            int dot = id.indexOf('.');
            id = dot < 0 ? "-1" : id.substring(dot + 1);
        }
        if (id.equals("-1")) {
            return ALL;
        }
        long tid = Hex.number(id);
        return tid == 0 ? ANY : (int) Math.min(tid - 1, Integer.MAX_VALUE);
    }

    private boolean isThread(int hart) {
        return hart >= 0 && hart < target.hartCount();
    }

    private String selectThread(String args) {
        if (args.isEmpty()) {
            return "E01";
        }
        int hart = parseThread(args.substring(1));
        if (hart >= 0 && !isThread(hart)) {
            return "E02";
        }
        switch (args.charAt(0)) {
            case 'g' -> {
                if (hart >= 0) {
                    generalHart = hart;
                }
            }
            case 'c' -> continueHart = hart == ANY ? ALL : hart;
            default -> {
                return "";
            }
        }
        return "OK";
    }

    private String threadList() {
        StringBuilder out = new StringBuilder("m");
        for (int h = 0; h < target.hartCount(); h++) {
            out.append(h == 0 ? "" : ",").append(Integer.toHexString(h + 1));
        }
        return out.toString();
    }

    // ---- breakpoints and watchpoints ------------------------------------------------------------------------

    /** {@code Z type,addr,kind[;cond...]} and {@code z type,addr,kind}. */
    private String breakpoint(boolean insert, String args) {
        int semi = args.indexOf(';');
        String[] f = (semi < 0 ? args : args.substring(0, semi)).split(",");
        if (f.length != 3 || f[0].length() != 1) {
            return "E01";
        }
        long address = Hex.number(f[1]);
        int kind = Hex.count(f[2], 1 << 20);
        switch (f[0].charAt(0)) {
            case '0' -> breakpoints.setBreakpoint(address, false, insert);
            case '1' -> breakpoints.setBreakpoint(address, true, insert);
            case '2', '3', '4' -> {
                if (kind == 0) {
                    return "E01";
                }
                WatchKind watch = switch (f[0].charAt(0)) {
                    case '2' -> WatchKind.WRITE;
                    case '3' -> WatchKind.READ;
                    default -> WatchKind.ACCESS;
                };
                breakpoints.setWatchpoint(watch, address, kind, insert);
            }
            default -> {
                return "";
            }
        }
        return "OK";
    }

    // ---- running --------------------------------------------------------------------------------------------

    /** {@code C sig[;addr]} and {@code S sig[;addr]}: the signal is dropped (a hart has no signals to deliver). */
    private static String afterSignal(String args) {
        int semi = args.indexOf(';');
        Hex.number(semi < 0 ? args : args.substring(0, semi));
        return semi < 0 ? "" : args.substring(semi + 1);
    }

    private Response resume(String address, boolean step) {
        int hart = continueHart >= 0 ? continueHart : generalHart;
        if (!address.isEmpty()) {
            try {
                target.writeRegister(hart, DebugTarget.PC, Hex.number(address));
            } catch (DebugException e) {
                return Response.of("E0e");
            }
        }
        return stopped(step ? target.step(hart) : target.resume(DebugTarget.ALL_HARTS));
    }

    /**
     * {@code vCont;action[:thread]...}: a step action on any thread steps that hart alone; else the harts with a
     * {@code c} action run (all of them for a {@code c} without thread), the others stay stopped.
     */
    private Response vCont(String actions) {
        Integer stepHart = null;
        boolean run = false;
        long running = 0;
        for (String action : actions.split(";")) {
            int colon = action.indexOf(':');
            int hart = colon < 0 ? ALL : parseThread(action.substring(colon + 1));
            if (hart >= 0 && !isThread(hart)) {
                return Response.of("E02");
            }
            String verb = colon < 0 ? action : action.substring(0, colon);
            switch (verb.isEmpty() ? ' ' : verb.charAt(0)) {
                case 'c', 'C' -> {
                    run = true;
                    running |= hart >= 0 ? 1L << hart : DebugTarget.ALL_HARTS;
                }
                case 's', 'S' -> {
                    if (stepHart == null) {
                        stepHart = hart >= 0 ? hart : generalHart;
                    }
                }
                default -> {
                    return Response.of("E01");
                }
            }
            if (verb.length() > 1) {
                Hex.number(verb.substring(1)); // the signal of C/S, dropped
            }
        }
        if (stepHart != null) {
            return stopped(target.step(stepHart));
        }
        return run ? stopped(target.resume(running)) : Response.of("E01");
    }

    /** After a stop GDB takes the stopped hart to be the selected one (it sends no {@code Hg} for it). */
    private Response stopped(StopEvent e) {
        lastStop = e;
        generalHart = e.hart();
        List<String> packets = new ArrayList<>();
        switch (e.kind()) {
            case LIMIT -> packets.add(console("hartlab: instruction limit reached (hart %d, pc 0x%x)\n".formatted(e.hart(),
                    e.address())));
            case STALE_ACCESS -> packets.add(console("hartlab: stopped before a stale access, " + e.detail() + "\n"));
            case DEADLOCK -> packets.add(console(
                    "hartlab: every hart waits for an interrupt that cannot arrive (hart %d, pc 0x%x)\n".formatted(
                            e.hart(), e.address())));
            default -> {
            }
        }
        packets.add(stopReply(e));
        if (e.kind() == StopEvent.Kind.EXITED) {
            breakpoints.clear();
            return new Response(packets, SessionOutcome.exited(e.exitCode()));
        }
        return new Response(packets, null);
    }

    /**
     * {@code ?}, sent once when GDB connects: SIGTRAP on the hart that stopped last (hart 0 before the first run).
     * Not the last stop reply itself, whose watchpoint or breakpoint this GDB never inserted.
     */
    private String haltReason() {
        generalHart = lastStop == null ? 0 : lastStop.hart();
        return "T%02xthread:%x;".formatted(SIGTRAP, generalHart + 1);
    }

    /** The stop reply for {@code e}, naming the hart as the thread and the reason as GDB expects it. */
    String stopReply(StopEvent e) {
        String thread = "thread:%x;".formatted(e.hart() + 1);
        return switch (e.kind()) {
            case BREAKPOINT -> "T%02x%s:;%s".formatted(SIGTRAP, breakpoints.isHardwareOnly(e.address()) ? "hwbreak"
                    : "swbreak", thread);
            case WATCH_WRITE -> "T%02xwatch:%x;%s".formatted(SIGTRAP, e.address(), thread);
            case WATCH_READ -> "T%02xrwatch:%x;%s".formatted(SIGTRAP, e.address(), thread);
            case WATCH_ACCESS -> "T%02xawatch:%x;%s".formatted(SIGTRAP, e.address(), thread);
            case STEP, STALE_ACCESS -> "T%02x%s".formatted(SIGTRAP, thread);
            case INTERRUPTED -> "T%02x%s".formatted(SIGINT, thread);
            case LIMIT -> "T%02x%s".formatted(SIGXCPU, thread);
            case DEADLOCK -> "T%02x%s".formatted(SIGSTOP, thread);
            case EXITED -> "W%02x".formatted(e.exitCode() & 0xff);
        };
    }

    // ---- queries and v packets ------------------------------------------------------------------------------

    private Response query(String p) {
        if (p.equals("qSupported") || p.startsWith("qSupported:")) {
            return Response.of(FEATURES);
        }
        if (p.startsWith("qXfer:features:read:")) {
            String[] f = p.substring("qXfer:features:read:".length()).split(":");
            if (f.length != 2 || !f[0].equals("target.xml")) {
                return Response.of("E00");
            }
            String[] range = f[1].split(",");
            return Response.of(description.read(Hex.count(range[0], Integer.MAX_VALUE),
                    Math.min(Hex.count(range[1], Integer.MAX_VALUE), 2 * MAX_READ)));
        }
        if (p.startsWith("qThreadExtraInfo,")) {
            int hart = parseThread(p.substring("qThreadExtraInfo,".length()));
            return Response.of(isThread(hart) ? Hex.of(target.describeHart(hart)) : "E02");
        }
        if (p.startsWith("qRcmd,")) {
            return monitor(Hex.text(p.substring("qRcmd,".length())));
        }
        return switch (p) {
            case "qfThreadInfo" -> Response.of(threadList());
            case "qsThreadInfo" -> Response.of("l");
            case "qC" -> Response.of("QC" + Integer.toHexString((lastStop == null ? generalHart : lastStop.hart()) + 1));
            case "qAttached" -> Response.of("1");
            default -> Response.of(p.startsWith("qAttached:") ? "1" : "");
        };
    }

    /** {@code qRcmd}: the command's output as {@code O} packets, then {@code OK}. */
    private Response monitor(String command) {
        byte[] output = target.monitor(command).getBytes(StandardCharsets.UTF_8);
        List<String> packets = new ArrayList<>();
        for (int at = 0; at < output.length; at += 1024) {
            byte[] chunk = java.util.Arrays.copyOfRange(output, at, Math.min(output.length, at + 1024));
            packets.add("O" + Hex.of(chunk));
        }
        packets.add("OK");
        return new Response(packets, null);
    }

    private static String console(String text) {
        return "O" + Hex.of(text);
    }

    private Response vPacket(String p) {
        if (p.equals("vCont?")) {
            return Response.of("vCont;c;C;s;S");
        }
        if (p.startsWith("vCont;")) {
            return vCont(p.substring("vCont;".length()));
        }
        if (p.equals("vKill") || p.startsWith("vKill;")) {
            breakpoints.clear();
            return new Response(List.of("OK"), SessionOutcome.KILLED);
        }
        return Response.of(""); // vMustReplyEmpty, vRun, vAttach, vFile...: not supported
    }

    private Response detach() {
        breakpoints.clear();
        return new Response(List.of("OK"), SessionOutcome.DETACHED);
    }
}
