package dev.turnpike.client.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the client knows of one upstream instance of one API across lookup documents: requests in flight to it
 * (for the power-of-two-choices balancer) and its circuit breaker. Thread-safe.
 */
final class InstanceState {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CircuitBreaker breaker;

    InstanceState(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    int inFlight() {
        return inFlight.get();
    }

    void onStart() {
        inFlight.incrementAndGet();
    }

    void onEnd() {
        inFlight.decrementAndGet();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** Whether a call may go to this instance now: its breaker is closed or lets a trial call through. */
    boolean isCallPermitted() {
        CircuitBreaker.State s = breaker.getState();
        return s != CircuitBreaker.State.OPEN && s != CircuitBreaker.State.FORCED_OPEN;
    }
}
