package dev.turnpike.loadtest.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latency histogram for fixed-rate (open-model) runs that is corrected for coordinated omission the way wrk2 does
 * it: each request's latency runs from the moment it <em>should</em> have been sent by the schedule, not from when
 * a free connection finally sent it. A server stall of one second at 1,000 requests per second therefore shows up
 * as about 1,000 slow requests (1 s, 999 ms, ... 1 ms), not as the one slow request a closed-loop client would see.
 *
 * <p>Values are nanoseconds, three significant digits, clamped at one minute. Not thread-safe: one event loop
 * records.
 */
public final class LatencyRecorder {
    private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Histogram histogram = new Histogram(MAX_NANOS, 3);

    /** Records one request that the schedule intended to send at {@code intendedNanos} and completed at {@code doneNanos}. */
    public void record(long intendedNanos, long doneNanos) {
        histogram.recordValue(Math.min(MAX_NANOS, Math.max(0, doneNanos - intendedNanos)));
    }

    /** How many requests were recorded. */
    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0..100), in nanoseconds. */
    public long percentileNanos(double percentile) {
        return histogram.getValueAtPercentile(percentile);
    }

    /** The largest recorded latency, in nanoseconds. */
    public long maxNanos() {
        return histogram.getMaxValue();
    }

    /**
     * The send times of a fixed-rate schedule: request {@code i} is due {@code i / rate} seconds after the start.
     *
     * @param startNanos  when request 0 is due
     * @param ratePerSec  requests per second, &gt; 0
     */
    public record Schedule(long startNanos, double ratePerSec) {
        public Schedule {
            if (!(ratePerSec > 0)) {
                throw new IllegalArgumentException("ratePerSec: " + ratePerSec + " (expected: > 0)");
            }
        }

        /** When request {@code index} is due. */
        public long intendedNanos(long index) {
            return startNanos + (long) (index * 1e9 / ratePerSec);
        }
    }
}
