package org.hartlab.kernel.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.proc.Interruption;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Scheduler;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A signal that reached a thread while it ran (its sender only raised an IPI, still on its way) must end the
 * sleep the thread starts next: no later send wakes it, since a standard signal already pending merges. Under
 * the parallel engine this lost wake-up made glibc-signals hang in futex-eintr or sleep out nanosleep-eintr.
 */
class SleepWithSignalPendingTest {
    private final Machine machine = new Machine(MachineConfig.defaults().withHarts(2), OutputStream.nullOutputStream());
    private final Kernel kernel = Kernel.boot(machine, CowStrategy.TWO_STAGE);
    private final Hart hart = machine.hart(0);
    private KThread thread;

    @BeforeEach
    void runHelloOnHartZero() throws Exception {
        thread = kernel.spawn(Programs.load("hello"), List.of("hello"), List.of()).threads().getFirst();
        kernel.scheduler().dispatch(hart);
        assertThat(kernel.scheduler().current(hart)).isSameAs(thread);
    }

    @Test
    void aSignalPendingBeforeTheSleepEndsItAtOnce() {
        Object channel = new Object();
        thread.signals().pending().add(SigInfo.sentBy(Sig.SIGUSR1, Sig.SI_USER, 0));
        kernel.scheduler().sleep(hart, channel, Interruption.RESTART);
        assertThat(thread.state()).isEqualTo(KThread.State.RUNNABLE);
        assertThat(thread.channel()).as("whatever it waited for is forgotten").isNull();
        assertThat(kernel.scheduler().wakeup(channel, 1, List.of(thread), hart)).isZero();
    }

    @Test
    void oneSentToTheWholeProcessEndsItToo() {
        thread.proc().signals().shared().add(SigInfo.sentBy(Sig.SIGUSR2, Sig.SI_USER, 0));
        kernel.scheduler().sleep(hart, new Scheduler.TimedWait(Long.MAX_VALUE), Interruption.NO_RESTART);
        assertThat(thread.state()).isEqualTo(KThread.State.RUNNABLE);
    }

    @Test
    void aBlockedPendingSignalLetsTheThreadSleep() {
        Object channel = new Object();
        thread.signals().setBlocked(Sig.bit(Sig.SIGUSR1));
        thread.signals().pending().add(SigInfo.sentBy(Sig.SIGUSR1, Sig.SI_USER, 0));
        kernel.scheduler().sleep(hart, channel, Interruption.RESTART);
        assertThat(thread.state()).isEqualTo(KThread.State.SLEEPING);
        assertThat(thread.channel()).isSameAs(channel);
    }
}
