package dev.turnpike.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void scheduleSpacesRequestsEvenlyFromTheStart() {
        var schedule = new LatencyRecorder.Schedule(1_000, 4_000); // every 250 us
        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + 250_000);
        assertThat(schedule.intendedNanos(4_000)).isEqualTo(1_000 + 1_000_000_000L);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> new LatencyRecorder.Schedule(0, 0)).hasMessageContaining("ratePerSec: 0.0 (expected: > 0)");
    }

    /**
     * One connection at 1,000 requests per second, 100 us service time, and one 1-second stall at t = 5 s: a client
     * that measures from the actual send sees a single slow request; measured from the schedule, every request
     * that was due during the stall waited for it.
     */
    @Test
    void chargesAStallToEveryRequestItDelayedNotJustTheOneThatHitIt() {
        var schedule = new LatencyRecorder.Schedule(0, 1_000);
        LatencyRecorder corrected = new LatencyRecorder();
        LatencyRecorder naive = new LatencyRecorder();
        long free = 0;
        for (int i = 0; i < 10_000; i++) {
            long intended = schedule.intendedNanos(i);
            long send = Math.max(intended, free);
            long done = send + (i == 5_000 ? 1_000 * MS : MS / 10);
            free = done;
            corrected.record(intended, done);
            naive.record(send, done);
        }
        assertThat(naive.percentileNanos(99)).isLessThan(MS);
        assertThat(naive.maxNanos()).isGreaterThanOrEqualTo(999 * MS);
        // About 1,100 of the 10,000 requests were due during the stall or while its backlog drained.
        assertThat(corrected.percentileNanos(90)).isGreaterThan(50 * MS);
        assertThat(corrected.percentileNanos(99)).isGreaterThan(800 * MS);
        assertThat(corrected.count()).isEqualTo(10_000);
    }

    @Test
    void clampsNegativeAndHugeLatencies() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(10, 5);
        r.record(0, TimeUnit.HOURS.toNanos(2));
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.percentileNanos(0)).isZero();
        assertThat(r.maxNanos()).isBetween(TimeUnit.SECONDS.toNanos(59), TimeUnit.SECONDS.toNanos(61));
    }
}
