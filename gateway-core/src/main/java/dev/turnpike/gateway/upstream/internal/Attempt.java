package dev.turnpike.gateway.upstream.internal;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.gateway.upstream.ConnectFailedException;
import dev.turnpike.gateway.upstream.UpstreamException;
import dev.turnpike.gateway.upstream.UpstreamTimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One try of an upstream call on one endpoint: brackets it with {@link Endpoint#onStart()} / {@link Endpoint#onEnd()}
 * and reports its outcome to the endpoint exactly once (what passive ejection and the balancer learn from).
 *
 * <p>Thread-safe: the outcome may race between the event loop (response, error) and a timer (deadline).
 */
public final class Attempt {
    private static final AtomicIntegerFieldUpdater<Attempt> RECORDED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "recorded");
    private static final AtomicIntegerFieldUpdater<Attempt> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "ended");

    /** What a try says about the instance. */
    enum Outcome { SUCCESS, SERVER_ERROR, TIMEOUT, CONNECT_FAILURE, RESET }

    private final PoolRuntime pool;
    private final Endpoint endpoint;
    private final long startNanos;
    private volatile int recorded;
    private volatile int ended;

    Attempt(PoolRuntime pool, Endpoint endpoint, long startNanos) {
        this.pool = pool;
        this.endpoint = endpoint;
        this.startNanos = startNanos;
    }

    /** The try is sent: counts it in flight on the endpoint until {@link #end()}. */
    void start() {
        if (ENDED.compareAndSet(this, 0, 1)) {
            endpoint.onStart();
        }
    }

    PoolRuntime pool() {
        return pool;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The response headers came with {@code status}. */
    void responded(int status) {
        record(status >= 500 ? Outcome.SERVER_ERROR : Outcome.SUCCESS);
    }

    /** The try failed with {@code failure} (already classified). */
    void failed(Throwable failure) {
        if (failure instanceof ConnectFailedException) {
            record(Outcome.CONNECT_FAILURE);
        } else if (failure instanceof UpstreamTimeoutException) {
            record(Outcome.TIMEOUT);
        } else if (failure instanceof UpstreamException) {
            record(Outcome.RESET);
        }
        // Anything else failed on the client's side (its body): nothing to learn about the instance.
    }

    /** The exchange is over (body read or given up, try failed or cancelled); a no-op unless started. */
    void end() {
        if (ENDED.compareAndSet(this, 1, 2)) {
            endpoint.onEnd();
        }
    }

    private void record(Outcome outcome) {
        if (!RECORDED.compareAndSet(this, 0, 1)) {
            return;
        }
        long now = System.nanoTime();
        if (outcome == Outcome.CONNECT_FAILURE) {
            endpoint.eject(pool.pool().settings().ejectFor(), now);
        }
    }
}
