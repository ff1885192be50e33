package dev.turnpike.gateway.upstream.internal;

import dev.turnpike.gateway.balance.CallOutcome;
import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.gateway.upstream.ConnectFailedException;
import dev.turnpike.gateway.upstream.UpstreamTlsException;
import dev.turnpike.gateway.upstream.UpstreamResetException;
import dev.turnpike.gateway.upstream.UpstreamTimeoutException;
import dev.turnpike.throttling.ConcurrencyLimitRegistry;
import dev.turnpike.throttling.ConcurrencyPermit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One try of an upstream call on one endpoint: brackets it with {@link Endpoint#onStart()} / {@link Endpoint#onEnd()}
 * and reports its {@link CallOutcome} to the endpoint exactly once ({@link Endpoint#record}: what passive ejection
 * and the balancer learn from); a try that ends with no verdict (cancelled by the caller) reports
 * {@link CallOutcome#CANCELLED}.
 *
 * <p>Thread-safe: the outcome may race between the event loop (response, error) and a timer (deadline).
 */
public final class Attempt {
    private static final AtomicIntegerFieldUpdater<Attempt> RECORDED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "recorded");
    private static final AtomicIntegerFieldUpdater<Attempt> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "ended");

    private final PoolRuntime pool;
    private final Endpoint endpoint;
    private final long startNanos;
    private final long deadlineNanos;
    private ConcurrencyPermit permit;
    private volatile int recorded;
    private volatile int ended;

    /** @param deadlineNanos when the whole call's deadline runs out ({@link System#nanoTime()}), or 0 for none */
    Attempt(PoolRuntime pool, Endpoint endpoint, long startNanos, long deadlineNanos) {
        this.pool = pool;
        this.endpoint = endpoint;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * The try is about to be sent: takes a permit of the pool's adaptive concurrency limit and counts the try in
     * flight on the endpoint until {@link #end()}.
     *
     * @return {@code false} when the pool is at its limit (then nothing was started)
     */
    boolean start(ConcurrencyLimitRegistry limits) {
        Optional<ConcurrencyPermit> granted = limits.tryAcquire(pool.id());
        if (granted.isEmpty()) {
            return false;
        }
        permit = granted.get();
        if (ENDED.compareAndSet(this, 0, 1)) {
            endpoint.onStart();
        }
        return true;
    }

    PoolRuntime pool() {
        return pool;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The response headers came with {@code status}. */
    void responded(int status) {
        record(CallOutcome.ofStatus(status), status == 503);
    }

    /** The try failed with {@code failure} (already classified). */
    void failed(Throwable failure) {
        if (failure instanceof ConnectFailedException || failure instanceof UpstreamTlsException) {
            // A failed handshake is judged like a refused connection: that instance cannot be talked to.
            record(CallOutcome.CONNECT_FAILURE, false);
        } else if (failure instanceof UpstreamTimeoutException) {
            record(CallOutcome.TIMEOUT, false);
        } else if (failure instanceof UpstreamResetException) {
            record(CallOutcome.RESET, false);
        } else {
            // No free connection, or the client's own body failed: nothing to learn about the instance.
            record(CallOutcome.CANCELLED, false);
        }
    }

    /**
     * The try was cancelled before its response: by the call's deadline (a {@link CallOutcome#TIMEOUT}) or by the
     * caller (no verdict).
     */
    void cancelled() {
        long now = System.nanoTime();
        // The deadline timer may fire a hair early by nanoTime; a millisecond of slack tells the two apart.
        record(deadlineNanos != 0 && now - deadlineNanos > -1_000_000 ? CallOutcome.TIMEOUT : CallOutcome.CANCELLED,
                false);
    }

    /** The exchange is over (body read or given up, try failed or cancelled); a no-op unless started. */
    void end() {
        if (ENDED.compareAndSet(this, 1, 2)) {
            record(CallOutcome.CANCELLED, false);
            endpoint.onEnd();
        }
    }

    /**
     * Tells the endpoint (passive ejection, latency) and the pool's concurrency limit what this try came to; only
     * the first verdict counts.
     *
     * @param shed whether the upstream said it was overloaded (503), which teaches the limit like a timeout
     */
    private void record(CallOutcome outcome, boolean shed) {
        if (RECORDED.compareAndSet(this, 0, 1)) {
            long now = System.nanoTime();
            endpoint.record(outcome, now - startNanos, now);
            ConcurrencyPermit p = permit;
            if (p == null) {
                return;
            }
            switch (outcome) {
                case SUCCESS -> p.onSuccess();
                case SERVER_ERROR -> {
                    if (shed) {
                        p.onDropped();
                    } else {
                        p.onSuccess();
                    }
                }
                case CANCELLED -> p.onIgnore();
                default -> p.onDropped();
            }
        }
    }
}
