package dev.turnpike.throttling.internal;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;

/**
 * Bucket4j time taken from a {@link Clock} at millisecond precision, so buckets and daily quotas read one
 * clock and tests can move it. Thread-safe when the clock is.
 */
final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;

    ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        return clock.millis() * 1_000_000L;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
