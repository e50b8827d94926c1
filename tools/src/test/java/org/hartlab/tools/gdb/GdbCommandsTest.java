package org.hartlab.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hartlab.core.debug.StopEvent;
import org.junit.jupiter.api.Test;

/** Each packet GDB sends, against a fake target: the reply and what the target was asked to do. */
class GdbCommandsTest {
    private final FakeTarget target = new FakeTarget(2);
    private final GdbCommands commands = new GdbCommands(target, TargetDescription.riscv64());

    private String reply(String packet) {
        List<String> packets = commands.handle(packet).packets();
        assertThat(packets).as("replies to " + packet).hasSize(1);
        return packets.getFirst();
    }

    private static String le64(long v) {
        return Hex.littleEndian(v, 8);
    }

    @Test
    void qSupportedAdvertisesTheNegotiatedFeatures() {
        assertThat(reply("qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+")).isEqualTo(
                "PacketSize=4000;qXfer:features:read+;QStartNoAckMode+;swbreak+;hwbreak+;vContSupported+");
    }

    @Test
    void noAckModeIsAccepted() {
        assertThat(reply("QStartNoAckMode")).isEqualTo("OK");
    }

    @Test
    void unknownPacketsGetTheEmptyReply() {
        assertThat(reply("vMustReplyEmpty")).isEmpty();
        assertThat(reply("qTStatus")).isEmpty();
        assertThat(reply("!")).isEmpty();
        assertThat(reply("")).isEmpty();
        assertThat(reply("QNonStop:1")).isEmpty();
    }

    @Test
    void targetXmlIsServedInChunks() {
        String first = reply("qXfer:features:read:target.xml:0,28");
        assertThat(first).startsWith("m<?xml").hasSize(41);
        String all = reply("qXfer:features:read:target.xml:0,ffff");
        assertThat(all).startsWith("l<?xml").endsWith("</target>\n");
        assertThat(reply("qXfer:features:read:target.xml:ffffff,10")).isEqualTo("l");
    }

    @Test
    void unknownAnnexOrMalformedXferIsAnError() {
        assertThat(reply("qXfer:features:read:other.xml:0,10")).isEqualTo("E00");
        assertThat(reply("qXfer:features:read:target.xml:zz,10")).isEqualTo("E01");
        assertThat(reply("qXfer:features:read:target.xml:0")).isEqualTo("E01");
    }

    @Test
    void haltReasonBeforeTheFirstRunIsSigtrapOnHartZero() {
        assertThat(reply("?")).isEqualTo("T05thread:1;");
    }

    @Test
    void threadsAreHartsNumberedFromOne() {
        assertThat(reply("qfThreadInfo")).isEqualTo("m1,2");
        assertThat(reply("qsThreadInfo")).isEqualTo("l");
        assertThat(reply("qC")).isEqualTo("QC1");
        assertThat(reply("T2")).isEqualTo("OK");
        assertThat(reply("T3")).isEqualTo("E02");
        assertThat(reply("T0")).isEqualTo("E02");
        assertThat(reply("qAttached")).isEqualTo("1");
        assertThat(Hex.text(reply("qThreadExtraInfo,2"))).isEqualTo("hart 1 M-mode");
        assertThat(reply("qThreadExtraInfo,9")).isEqualTo("E02");
    }

    @Test
    void registersReadLittleEndianFromTheSelectedThread() {
        String g = reply("g");
        assertThat(g).as("x0-x31, pc, f0-f31").hasSize(65 * 16);
        assertThat(g.substring(32 * 16, 33 * 16)).isEqualTo(le64(FakeTarget.BASE));
        assertThat(reply("p20")).isEqualTo(le64(FakeTarget.BASE));
        assertThat(reply("pa")).isEqualTo(le64(0));
        assertThat(reply("Hg2")).isEqualTo("OK");
        assertThat(reply("pa")).isEqualTo(le64(1));
        assertThat(reply("Hg3")).isEqualTo("E02");
        assertThat(reply("Hg0")).isEqualTo("OK");
        assertThat(reply("pa")).as("Hg0 (any) keeps the selection").isEqualTo(le64(1));
    }

    @Test
    void registerWritesReachTheTarget() {
        assertThat(reply("Pa=" + le64(5))).isEqualTo("OK");
        assertThat(reply("pa")).isEqualTo(le64(5));
        assertThat(reply("P20=" + le64(0x80000010L))).isEqualTo("OK");
        assertThat(target.calls).contains("write h0 r10=5", "write h0 r32=80000010");
    }

    @Test
    void gWritesEveryRegisterTheDataCovers() {
        StringBuilder data = new StringBuilder();
        for (int r = 0; r < 33; r++) {
            data.append(le64(r == 32 ? 0x80000100L : r));
        }
        assertThat(reply("G" + data)).isEqualTo("OK");
        assertThat(reply("p5")).isEqualTo(le64(5));
        assertThat(reply("p20")).isEqualTo(le64(0x80000100L));
        assertThat(reply("G123")).isEqualTo("E01");
    }

    @Test
    void fpuRegistersReadBackWhatPWroteAndCsrsSitAtCsrBase() {
        assertThat(reply("p21")).isEqualTo(le64(0)); // ft0
        assertThat(reply("P40=" + le64(0x3FF0_0000_0000_0000L))).isEqualTo("OK"); // ft11
        assertThat(reply("p40")).isEqualTo(le64(0x3FF0_0000_0000_0000L));
        assertThat(reply("p42")).as("fflags, 32 bits").isEqualTo("00000000");
        assertThat(reply("p" + Integer.toHexString(FakeTarget.MSTATUS))).isEqualTo(le64(0x1800));
        assertThat(reply("p" + Integer.toHexString(65 + 0x305))).as("described, unreadable").isEqualTo("x".repeat(16));
    }

    @Test
    void badRegisterPacketsAreErrors() {
        assertThat(reply("p1000")).isEqualTo("E0e");
        assertThat(reply("pzz")).isEqualTo("E01");
        assertThat(reply("P20")).isEqualTo("E01");
        assertThat(reply("P20=12345")).isEqualTo("E01");
        assertThat(reply("P" + Integer.toHexString(65 + 0x305) + "=" + le64(1))).as("refused by target").isEqualTo("E0e");
    }

    @Test
    void memoryReadsAndWritesInHexAndBinary() {
        assertThat(reply("M80000010,4:11223344")).isEqualTo("OK");
        assertThat(reply("m80000010,4")).isEqualTo("11223344");
        assertThat(reply("X80000020,0:")).as("GDB's probe for X").isEqualTo("OK");
        assertThat(reply("X80000020,4:\u0000}#*")).isEqualTo("OK");
        assertThat(reply("m80000020,4")).isEqualTo("007d232a");
    }

    @Test
    void unreadableMemoryIsAnErrorAndAPartialReadStopsAtThePage() {
        assertThat(reply("m1000,4")).isEqualTo("E0e");
        assertThat(reply("m80000ffe,4")).as("up to the end of the readable page").isEqualTo("0000");
        assertThat(reply("M1000,1:00")).isEqualTo("E0e");
    }

    @Test
    void malformedMemoryPacketsAreErrors() {
        assertThat(reply("m80000000")).isEqualTo("E01");
        assertThat(reply("mxyz,4")).isEqualTo("E01");
        assertThat(reply("M80000000,2:123")).isEqualTo("E01");
        assertThat(reply("M80000000,4:1122")).as("length differs from data").isEqualTo("E01");
        assertThat(reply("X80000000,2:a")).isEqualTo("E01");
        assertThat(reply("M80000000:11,1")).isEqualTo("E01");
    }

    @Test
    void breakpointsAndWatchpointsGoToTheTarget() {
        assertThat(reply("Z0,80000004,4")).isEqualTo("OK");
        assertThat(reply("Z1,80000008,2")).isEqualTo("OK");
        assertThat(reply("Z2,80001000,8")).isEqualTo("OK");
        assertThat(reply("Z3,80001008,4")).isEqualTo("OK");
        assertThat(reply("Z4,80001010,1")).isEqualTo("OK");
        assertThat(reply("z0,80000004,4")).isEqualTo("OK");
        assertThat(reply("z2,80001000,8")).isEqualTo("OK");
        assertThat(target.calls).containsExactly("break 80000004", "break 80000008", "watch WRITE 80001000 8",
                "watch READ 80001008 4", "watch ACCESS 80001010 1", "unbreak 80000004", "unwatch WRITE 80001000 8");
    }

    @Test
    void breakpointConditionsAreIgnoredAndUnknownTypesUnsupported() {
        assertThat(reply("Z0,80000004,4;X3,220027")).isEqualTo("OK");
        assertThat(reply("Z5,80000004,4")).isEmpty();
        assertThat(reply("Z0,80000004")).isEqualTo("E01");
        assertThat(reply("Z2,80000004,0")).isEqualTo("E01");
    }

    @Test
    void continueReportsABreakpointAsSwbreakOnItsThread() {
        reply("Z0,80000004,4");
        target.stops.add(new StopEvent(StopEvent.Kind.BREAKPOINT, 1, 0x80000004L, 0));
        assertThat(reply("vCont;c")).isEqualTo("T05swbreak:;thread:2;");
        assertThat(reply("pa")).as("the stopped hart becomes the selected thread").isEqualTo(le64(1));
    }

    @Test
    void hardwareBreakpointStopsAreHwbreak() {
        reply("Z1,80000008,2");
        target.stops.add(new StopEvent(StopEvent.Kind.BREAKPOINT, 0, 0x80000008L, 0));
        assertThat(reply("c")).isEqualTo("T05hwbreak:;thread:1;");
    }

    @Test
    void watchpointStopsNameTheAddressAndKind() {
        target.stops.add(new StopEvent(StopEvent.Kind.WATCH_WRITE, 0, 0x80001000L, 0));
        target.stops.add(new StopEvent(StopEvent.Kind.WATCH_READ, 1, 0x80001008L, 0));
        target.stops.add(new StopEvent(StopEvent.Kind.WATCH_ACCESS, 0, 0x80001010L, 0));
        assertThat(reply("vCont;c")).isEqualTo("T05watch:80001000;thread:1;");
        assertThat(reply("vCont;c")).isEqualTo("T05rwatch:80001008;thread:2;");
        assertThat(reply("vCont;c")).isEqualTo("T05awatch:80001010;thread:1;");
    }

    @Test
    void vContStepsTheNamedThreadAlone() {
        assertThat(reply("vCont?")).isEqualTo("vCont;c;C;s;S");
        assertThat(reply("vCont;s:2;c")).isEqualTo("T05thread:2;");
        assertThat(reply("vCont;S05:1")).isEqualTo("T05thread:1;");
        assertThat(target.calls).containsExactly("step 1", "step 0");
    }

    /** Debian's gdb steps over a breakpoint by continuing that thread alone: the other harts must stay put. */
    @Test
    void vContContinuesTheNamedThreadsAloneAndAllWithoutAThread() {
        target.stops.add(new StopEvent(StopEvent.Kind.BREAKPOINT, 1, 0x80000004L, 0));
        target.stops.add(new StopEvent(StopEvent.Kind.BREAKPOINT, 0, 0x80000004L, 0));
        target.stops.add(new StopEvent(StopEvent.Kind.BREAKPOINT, 1, 0x80000004L, 0));
        reply("vCont;c:2");
        reply("vCont;c:1;c:2");
        reply("vCont;c:2;c");
        assertThat(target.calls).containsExactly("resume 0x2", "resume 0x3", "resume");
    }

    @Test
    void plainStepUsesTheContinueThreadOrTheSelectedOne() {
        assertThat(reply("Hc2")).isEqualTo("OK");
        assertThat(reply("s")).isEqualTo("T05thread:2;");
        assertThat(reply("Hc-1")).isEqualTo("OK");
        assertThat(reply("s")).isEqualTo("T05thread:2;");
        assertThat(target.calls).containsExactly("step 1", "step 1");
    }

    @Test
    void continueAtAnAddressSetsThePcFirst() {
        target.stops.add(new StopEvent(StopEvent.Kind.INTERRUPTED, 0, 0x80000040L, 0));
        assertThat(reply("c80000040")).isEqualTo("T02thread:1;");
        assertThat(target.calls).containsExactly("write h0 r32=80000040", "resume");
    }

    @Test
    void malformedVContIsAnError() {
        assertThat(reply("vCont;x")).isEqualTo("E01");
        assertThat(reply("vCont;s:9")).isEqualTo("E02");
        assertThat(reply("vCont;")).isEqualTo("E01");
        assertThat(reply("vCont;Czz")).isEqualTo("E01");
        assertThat(target.calls).isEmpty();
    }

    @Test
    void exitEndsTheSessionWithW() {
        target.stops.add(new StopEvent(StopEvent.Kind.EXITED, 0, 0x80000040L, 42));
        GdbCommands.Response r = commands.handle("vCont;c");
        assertThat(r.packets()).containsExactly("W2a");
        assertThat(r.outcome()).isEqualTo(SessionOutcome.exited(42));
    }

    @Test
    void instructionLimitIsExplainedOnTheConsoleThenSigxcpu() {
        target.stops.add(new StopEvent(StopEvent.Kind.LIMIT, 1, 0x80000040L, 0));
        List<String> packets = commands.handle("vCont;c").packets();
        assertThat(packets).hasSize(2);
        assertThat(Hex.text(packets.get(0).substring(1))).contains("instruction limit");
        assertThat(packets.get(1)).isEqualTo("T18thread:2;");
    }

    @Test
    void monitorOutputComesAsConsolePacketsThenOk() {
        List<String> packets = commands.handle("qRcmd," + Hex.of("tlb 0")).packets();
        assertThat(packets).containsExactly("O" + Hex.of("ran tlb 0\n"), "OK");
        assertThat(commands.handle("qRcmd," + Hex.of("quiet")).packets()).containsExactly("OK");
        assertThat(reply("qRcmd,7")).isEqualTo("E01");
    }

    @Test
    void detachRemovesEverythingGdbInserted() {
        reply("Z0,80000004,4");
        reply("Z2,80001000,8");
        target.calls.clear();
        GdbCommands.Response r = commands.handle("D;1");
        assertThat(r.packets()).containsExactly("OK");
        assertThat(r.outcome()).isEqualTo(SessionOutcome.DETACHED);
        assertThat(target.calls).containsExactlyInAnyOrder("unbreak 80000004", "unwatch WRITE 80001000 8");
    }

    @Test
    void killHasNoReplyAndVKillSaysOk() {
        GdbCommands.Response k = commands.handle("k");
        assertThat(k.packets()).isEmpty();
        assertThat(k.outcome()).isEqualTo(SessionOutcome.KILLED);
        GdbCommands.Response v = commands.handle("vKill;1");
        assertThat(v.packets()).containsExactly("OK");
        assertThat(v.outcome()).isEqualTo(SessionOutcome.KILLED);
    }

    @Test
    void aNewSessionForgetsTheOldOnesBreakpoints() {
        reply("Z0,80000004,4");
        target.calls.clear();
        commands.newSession();
        assertThat(target.calls).containsExactly("unbreak 80000004");
    }

    @Test
    void resumingPacketsAreRecognised() {
        assertThat(GdbCommands.resumes("vCont;c")).isTrue();
        assertThat(GdbCommands.resumes("c")).isTrue();
        assertThat(GdbCommands.resumes("S05")).isTrue();
        assertThat(GdbCommands.resumes("vCont?")).isFalse();
        assertThat(GdbCommands.resumes("qC")).isFalse();
    }
}
