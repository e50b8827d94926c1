package org.hartlab.kernel.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pending signals: standard ones merge, real-time ones queue, a fault's signal goes first, blocked ones wait. */
class SigQueueTest {
    private static SigInfo sent(int signal, int pid) {
        return SigInfo.sentBy(signal, Sig.SI_USER, pid);
    }

    @Test
    void standardSignalSentTwiceWhilePendingIsDeliveredOnce() {
        SigQueue q = new SigQueue();
        assertThat(q.add(sent(Sig.SIGUSR1, 7))).isTrue();
        assertThat(q.add(sent(Sig.SIGUSR1, 8))).isFalse();
        assertThat(q.take(Sig.SIGUSR1).first()).as("the first send's siginfo").isEqualTo(7);
        assertThat(q.take(Sig.SIGUSR1)).isNull();
        assertThat(q.set()).isZero();
    }

    @Test
    void realTimeSignalsQueueEverySendInOrder() {
        SigQueue q = new SigQueue();
        assertThat(q.add(sent(Sig.SIGRTMIN + 1, 1))).isTrue();
        assertThat(q.add(sent(Sig.SIGRTMIN + 1, 2))).isTrue();
        assertThat(q.take(Sig.SIGRTMIN + 1).first()).isEqualTo(1);
        assertThat(q.set()).as("one still pending").isEqualTo(Sig.bit(Sig.SIGRTMIN + 1));
        assertThat(q.take(Sig.SIGRTMIN + 1).first()).isEqualTo(2);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void faultSignalGoesBeforeLowerNumberedOnesAndBlockedOnesWait() {
        SigQueue q = new SigQueue();
        q.add(sent(Sig.SIGHUP, 1));
        q.add(sent(Sig.SIGSEGV, 1));
        assertThat(q.next(0)).isEqualTo(Sig.SIGSEGV);
        assertThat(q.next(Sig.bit(Sig.SIGSEGV))).isEqualTo(Sig.SIGHUP);
        assertThat(q.next(Sig.bit(Sig.SIGSEGV) | Sig.bit(Sig.SIGHUP))).as("all blocked").isZero();
    }

    @Test
    void discardDropsEveryInstance() {
        SigQueue q = new SigQueue();
        q.add(sent(Sig.SIGRTMIN, 1));
        q.add(sent(Sig.SIGRTMIN, 2));
        q.add(sent(Sig.SIGUSR2, 3));
        q.discard(Sig.SIGRTMIN);
        assertThat(q.set()).isEqualTo(Sig.bit(Sig.SIGUSR2));
        assertThat(q.take(Sig.SIGRTMIN)).isNull();
    }

    @Test
    void siginfoOfAFaultCarriesTheAddressAndOfAChildItsStatus() {
        byte[] fault = new SigInfo(Sig.SIGSEGV, Sig.SEGV_ACCERR, 0x1234_5678_9AL << 4, 0).bytes();
        assertThat(fault).hasSize(128);
        assertThat(le(fault, 0, 4)).isEqualTo(Sig.SIGSEGV);
        assertThat(le(fault, 8, 4)).isEqualTo(Sig.SEGV_ACCERR);
        assertThat(le(fault, 16, 8)).as("si_addr, 64 bits").isEqualTo(0x1234_5678_9AL << 4);
        byte[] child = new SigInfo(Sig.SIGCHLD, Sig.CLD_EXITED, 42, 3).bytes();
        assertThat(le(child, 16, 4)).as("si_pid").isEqualTo(42);
        assertThat(le(child, 20, 4)).as("si_uid").isZero();
        assertThat(le(child, 24, 4)).as("si_status").isEqualTo(3);
    }

    static long le(byte[] b, int at, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
