package dev.turnpike.registry.model;

import java.time.Duration;
import java.util.Objects;

/**
 * When the gateway stops calling a failing API's pool for a while: a count-based resilience4j circuit breaker per
 * API x pool. Failures are 5xx answers, connect failures, timeouts and broken connections; the rate counts once
 * min(window, 10) calls were made. While open, calls get 503 {@code circuit-open} with {@code Retry-After}; then
 * min(window, 3) trial calls decide between closing and opening again (docs/resilience.md).
 *
 * @param failureRate percentage of failed calls in the window that opens the circuit, 1..100
 * @param window      number of most recent calls the rate is computed over, 1..100000
 * @param openFor     how long the circuit stays open before letting trial calls through, &gt; 0
 */
public record CircuitBreakerPolicy(int failureRate, int window, Duration openFor) {
    public CircuitBreakerPolicy {
        if (failureRate < 1 || failureRate > 100) {
            throw new IllegalArgumentException("failureRate: " + failureRate + " (expected: 1..100)");
        }
        if (window < 1 || window > 100_000) {
            throw new IllegalArgumentException("window: " + window + " (expected: 1..100000)");
        }
        Objects.requireNonNull(openFor, "openFor");
        if (openFor.isZero() || openFor.isNegative()) {
            throw new IllegalArgumentException("openFor: " + openFor + " (expected: > 0)");
        }
    }
}
