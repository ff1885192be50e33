package dev.turnpike.gateway.balance;

import dev.turnpike.registry.model.Instance;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream instance as the balancers see it: its address and weight, how many requests are in flight to it,
 * and whether it is ejected for a while after failing (passive health checking).
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
    private volatile long ejectedUntil = NOT_EJECTED;
    private volatile OutlierDetector detector = OutlierDetector.DEFAULT;

    /** An endpoint for {@code instance}, with nothing in flight and not ejected. */
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
     * {@link #onStart()} and {@link #onEnd()}; the outcome feeds passive outlier ejection.
     *
     * @param outcome      how the attempt ended
     * @param latencyNanos from sending the request to the response headers (or to the failure), not negative
     * @param nowNanos     the current {@link System#nanoTime()}
     */
    public void record(CallOutcome outcome, long latencyNanos, long nowNanos) {
        Objects.requireNonNull(outcome, "outcome");
        detector.onOutcome(this, outcome, nowNanos);
    }

    /** Makes {@code detector} judge this endpoint's outcomes from now on (its pool's, after a catalog change). */
    void attach(OutlierDetector detector) {
        this.detector = detector;
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

    /** Whether the endpoint may be picked at {@code nowNanos}: never ejected, or its ejection has run out. */
    public boolean isAvailable(long nowNanos) {
        long until = ejectedUntil;
        return until == NOT_EJECTED || nowNanos - until >= 0;
    }

    /** The address, {@code host:port}. */
    @Override
    public String toString() {
        return address;
    }
}
