package org.hartlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RealTimerTest {
    private final RealTimer timer = new RealTimer();

    @Test
    void aDisarmedTimerNeverExpires() {
        assertThat(timer.expire(Long.MAX_VALUE / 2)).isFalse();
        assertThat(timer.expiresAt()).isEqualTo(RealTimer.DISARMED);
    }

    @Test
    void aOneShotTimerExpiresOnceAtItsTimeThenDisarms() {
        timer.arm(100, 0);
        assertThat(timer.expire(99)).isFalse();
        assertThat(timer.expire(100)).isTrue();
        assertThat(timer.expiresAt()).isEqualTo(RealTimer.DISARMED);
        assertThat(timer.expire(200)).isFalse();
    }

    @Test
    void anIntervalTimerReloadsPastTheExpiriesItMissed() {
        timer.arm(100, 10);
        assertThat(timer.expire(100)).isTrue();
        assertThat(timer.expiresAt()).isEqualTo(110);
        assertThat(timer.expire(135)).as("110, 120 and 130 passed: one signal").isTrue();
        assertThat(timer.expiresAt()).isEqualTo(140);
        assertThat(timer.interval()).isEqualTo(10);
    }

    @Test
    void armingItDisarmedForgetsTheInterval() {
        timer.arm(100, 10);
        timer.arm(RealTimer.DISARMED, 10);
        assertThat(timer.interval()).isZero();
        assertThat(timer.expire(1000)).isFalse();
    }
}
