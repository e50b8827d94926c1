package org.hartlab.kernel.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.api.Test;

/** Sending: what a signal does to a process none of whose threads is on a hart (spawned, not yet run). */
class SignalsTest {
    private final Machine machine = new Machine(MachineConfig.defaults().withHarts(1), OutputStream.nullOutputStream());
    private final Kernel kernel = Kernel.boot(machine, CowStrategy.TWO_STAGE);

    private Proc spawnHello() throws Exception {
        return kernel.spawn(Programs.load("hello"), List.of("hello"), List.of());
    }

    @Test
    void terminatingSignalEndsAProcessOffEveryHartAndFreesItsMemory() throws Exception {
        Proc p = spawnHello();
        kernel.signals().sendToProcess(machine.hart(0), p, SigInfo.sentBy(Sig.SIGTERM, Sig.SI_USER, 0));
        assertThat(p.exited()).isTrue();
        assertThat(p.exitStatus()).as("wait status: killed by SIGTERM, no core").isEqualTo(Sig.SIGTERM);
        assertThat(p.vmDestroyed()).isTrue();
    }

    @Test
    void signalIgnoredByDefaultIsDroppedAndTheProgramRunsToItsEnd() throws Exception {
        Proc p = spawnHello();
        kernel.signals().sendToProcess(machine.hart(0), p, SigInfo.sentBy(Sig.SIGCHLD, Sig.SI_USER, 0));
        kernel.signals().sendToProcess(machine.hart(0), p, SigInfo.sentBy(Sig.SIGWINCH, Sig.SI_USER, 0));
        assertThat(p.signals().shared().set()).isZero();
        RunResult r = kernel.run(10_000_000);
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(p.exitStatus()).isZero();
    }

    @Test
    void blockedTerminatingSignalWaitsPendingUntilUnblocked() throws Exception {
        Proc p = spawnHello();
        p.threads().getFirst().signals().setBlocked(Sig.bit(Sig.SIGUSR1));
        kernel.signals().sendToProcess(machine.hart(0), p, SigInfo.sentBy(Sig.SIGUSR1, Sig.SI_USER, 0));
        assertThat(p.exited()).isFalse();
        assertThat(p.signals().shared().set()).isEqualTo(Sig.bit(Sig.SIGUSR1));
        p.threads().getFirst().signals().setBlocked(0);
        kernel.run(10_000_000);
        assertThat(p.exitStatus()).as("delivered on its first return to user mode").isEqualTo(Sig.SIGUSR1);
    }

    @Test
    void sigkillCannotBeBlocked() throws Exception {
        Proc p = spawnHello();
        p.threads().getFirst().signals().setBlocked(-1L);
        assertThat(p.threads().getFirst().signals().blocked() & Sig.UNBLOCKABLE).isZero();
        kernel.signals().sendToProcess(machine.hart(0), p, SigInfo.sentBy(Sig.SIGKILL, Sig.SI_USER, 0));
        assertThat(p.exitStatus()).isEqualTo(Sig.SIGKILL);
    }
}
