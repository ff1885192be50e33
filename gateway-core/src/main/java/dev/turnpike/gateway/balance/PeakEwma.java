package dev.turnpike.gateway.balance;

/**
 * A peak exponentially weighted moving average of latencies, as in Finagle's {@code PeakEwma}: a sample above the
 * (decayed) average replaces it at once, so a slowing instance is noticed on its first slow answer; otherwise the
 * average decays by {@code w = exp(-elapsed / tau)} since the previous sample and the sample is blended in with
 * weight {@code 1 - w}, so the average follows latencies down over about {@code tau} of wall time whatever the
 * request rate. Reading decays the value towards 0 the same way, so an instance that got no traffic because it
 * looked slow is tried again after a while.
 *
 * <p>Thread-safe without locks: concurrent samples race benignly (one of them may be lost, which only blurs the
 * average); a read never writes.
 */
final class PeakEwma {
    /** The time constant, in seconds (Finagle's default decay time). */
    static final int DECAY_SECONDS = 10;
    /** The cost of a request in flight to an endpoint that has not answered yet (as Finagle does: far above any latency, yet finite when multiplied by a weight). */
    static final double PENALTY = 1e200;
    private static final double TAU_NANOS = DECAY_SECONDS * 1e9;

    private volatile double value;
    private volatile long stamp;
    private volatile boolean sampled;

    /** Adds one latency sample taken at {@code nowNanos}. */
    void observe(long latencyNanos, long nowNanos) {
        double w = sampled ? Math.exp(-Math.max(0, nowNanos - stamp) / TAU_NANOS) : 0;
        double decayed = value * w;
        value = latencyNanos > decayed ? latencyNanos : decayed + latencyNanos * (1 - w);
        stamp = nowNanos;
        sampled = true;
    }

    /** The average at {@code nowNanos}, decayed since the last sample; 0 before any. */
    double value(long nowNanos) {
        if (!sampled) {
            return 0;
        }
        return value * Math.exp(-Math.max(0, nowNanos - stamp) / TAU_NANOS);
    }
}
