package dev.turnpike.gateway.balance;

import dev.turnpike.registry.model.Instance;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream instance as the balancers see it: its address and weight, how many requests are in flight to it,
 * its peak-EWMA latency, whether it is ejected for a while after failing (passive health checking) and whether the
 * pool's active health check finds it healthy.
 *
 * <p>Callers bracket each request with {@link #onStart()} and {@link #onEnd()}, and report how each attempt ended
 * with {@link #record(CallOutcome, long, long)}; the pool's {@link OutlierDetector} turns those outcomes into
 * ejections. Times are {@link System#nanoTime()} values passed in, so tests control the clock.
 *
 * <p>Thread-safe and lock-free: called from several event loops at once.
 */
public final class Endpoint {
    private static final long NOT_EJECTED = Long.MIN_VALUE;

    private final Instance instance;
    private final String address;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicInteger ejections = new AtomicInteger();
    private final PeakEwma latency = new PeakEwma();
    private volatile long ejectedUntil = NOT_EJECTED;
    private volatile boolean healthy = true;
    private volatile OutlierDetector detector = OutlierDetector.DEFAULT;
    // The ejection-time multiplier and when the last ejection ended: written by the detector, under its lock.
    private volatile int ejectionLevel;
    private volatile long lastEjectionEnd;

    /** An endpoint for {@code instance}, with nothing in flight, healthy and not ejected. */
    public Endpoint(Instance instance) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.address = instance.address();
    }

    /** The registry instance this endpoint stands for. */
    public Instance instance() {
        return instance;
    }

    /** {@code host:port}, IPv6 in brackets. */
    public String address() {
        return address;
    }

    /** The relative share of traffic, at least 1. */
    public int weight() {
        return instance.weight();
    }

    /** Requests started and not yet ended. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Counts a request sent to this endpoint; pair with exactly one {@link #onEnd()}. */
    public void onStart() {
        inFlight.incrementAndGet();
    }

    /** Counts the end (success, failure or cancellation) of a request started with {@link #onStart()}. */
    public void onEnd() {
        inFlight.decrementAndGet();
    }

    /**
     * Reports how one attempt sent to this endpoint ended. The call layer calls it exactly once per attempt, besides
     * {@link #onStart()} and {@link #onEnd()}; the outcome feeds the latency average (every outcome but
     * {@link CallOutcome#CONNECT_FAILURE} and {@link CallOutcome#CANCELLED}) and passive outlier ejection.
     *
     * @param outcome      how the attempt ended
     * @param latencyNanos from sending the request to the response headers (or to the failure), not negative
     * @param nowNanos     the current {@link System#nanoTime()}
     */
    public void record(CallOutcome outcome, long latencyNanos, long nowNanos) {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != CallOutcome.CONNECT_FAILURE && outcome != CallOutcome.CANCELLED) {
            latency.observe(Math.max(0, latencyNanos), nowNanos);
        }
        detector.onOutcome(this, outcome, nowNanos);
    }

    /**
     * The peak-EWMA latency in nanoseconds at {@code nowNanos}: it jumps to a slower answer at once and decays
     * towards faster ones (and, without answers, towards 0) with a time constant of
     * {@value PeakEwma#DECAY_SECONDS} s; 0 before the first answer.
     */
    public double latencyNanos(long nowNanos) {
        return latency.value(nowNanos);
    }

    /**
     * The peak-EWMA balancer's cost: latency times (in-flight + 1). An endpoint that has not answered yet costs 0
     * while idle and a large penalty per request in flight, so it is tried, but carefully.
     */
    double cost(long nowNanos) {
        int pending = inFlight.get();
        double ewma = latency.value(nowNanos);
        if (ewma == 0 && pending > 0) {
            return PeakEwma.PENALTY + pending;
        }
        return ewma * (pending + 1);
    }

    /** Makes {@code detector} judge this endpoint's outcomes from now on (its pool's, after a catalog change). */
    void attach(OutlierDetector detector) {
        this.detector = detector;
    }

    int failure() {
        return consecutiveFailures.incrementAndGet();
    }

    void resetFailures() {
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
    }

    int ejectionLevel() {
        return ejectionLevel;
    }

    long lastEjectionEnd() {
        return lastEjectionEnd;
    }

    /** Ejects for {@code duration} as ejection number {@code level} of a run; counts it. Detector only. */
    void eject(Duration duration, int level, long nowNanos) {
        eject(duration, nowNanos);
        ejectionLevel = level;
        lastEjectionEnd = ejectedUntil;
        ejections.incrementAndGet();
        consecutiveFailures.set(0);
    }

    /**
     * Takes this endpoint out of rotation for {@code duration} from {@code nowNanos}; it comes back by itself
     * afterwards. A later call replaces the time of an earlier one.
     *
     * @param duration how long to skip the endpoint, not negative
     * @param nowNanos the current {@link System#nanoTime()}
     */
    public void eject(Duration duration, long nowNanos) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
        }
        long until = nowNanos + duration.toNanos();
        ejectedUntil = until == NOT_EJECTED ? until + 1 : until;
    }

    /** Whether the endpoint is ejected at {@code nowNanos}. */
    public boolean isEjected(long nowNanos) {
        long until = ejectedUntil;
        return until != NOT_EJECTED && nowNanos - until < 0;
    }

    /**
     * The {@link System#nanoTime()} at which the current ejection ends, or empty when the endpoint is not ejected at
     * {@code nowNanos}.
     */
    public OptionalLong ejectedUntil(long nowNanos) {
        long until = ejectedUntil;
        return isEjected(nowNanos) ? OptionalLong.of(until) : OptionalLong.empty();
    }

    /** How many times outlier detection ejected this endpoint since it was created. */
    public int ejections() {
        return ejections.get();
    }

    /** Whether the pool's active health check finds the endpoint healthy (always, when the pool has none). */
    public boolean isHealthy() {
        return healthy;
    }

    /** Sets the active health check's verdict. */
    public void healthy(boolean healthy) {
        this.healthy = healthy;
    }

    /** Whether the endpoint may be picked at {@code nowNanos}: healthy, and not ejected or its ejection ran out. */
    public boolean isAvailable(long nowNanos) {
        return healthy && !isEjected(nowNanos);
    }

    /** The address, {@code host:port}. */
    @Override
    public String toString() {
        return address;
    }
}
