package dev.turnpike.gateway.balance;

import dev.turnpike.registry.model.Instance;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream instance as the balancers see it: its address and weight, how many requests are in flight to it,
 * and whether it is ejected for a while after failing (passive health checking).
 *
 * <p>Callers bracket each request with {@link #onStart()} and {@link #onEnd()}, and call
 * {@link #eject(Duration, long)} when the instance refused a connection. Times are {@link System#nanoTime()}
 * values passed in, so tests control the clock.
 *
 * <p>Thread-safe and lock-free: called from several event loops at once.
 */
public final class Endpoint {
    private static final long NOT_EJECTED = Long.MIN_VALUE;

    private final Instance instance;
    private final String address;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long ejectedUntil = NOT_EJECTED;

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
