package dev.turnpike.registry.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the gateway protects and is protected from one API. Each policy is enforced by the gateway feature that owns
 * it (the upstream call layer for timeout, retry, circuit breaker and body limit: docs/resilience.md). An empty field
 * means "the gateway's default" for that feature.
 *
 * <pre>{@code
 * ApiPolicies p = ApiPolicies.NONE.withTimeout(Duration.ofSeconds(2)).withRateLimit(new RateLimit(200, 400));
 * }</pre>
 *
 * @param timeout        deadline of the whole upstream call (every try) until the response headers, &gt; 0
 * @param retry          when to try again
 * @param circuitBreaker when to stop calling
 * @param bodyLimit      largest request body accepted, in bytes, &gt; 0
 * @param rateLimit      the default plan of subscribers that have none of their own
 * @param publicAccess   whether the gateway serves the API without an API key (default {@code false}: every call
 *                       needs the key of a consumer subscribed to the API)
 * @param encodedSlashes whether a path with {@code %2F} or {@code %5C} is refused (the default) or forwarded
 */
public record ApiPolicies(
        Optional<Duration> timeout,
        Optional<RetryPolicy> retry,
        Optional<CircuitBreakerPolicy> circuitBreaker,
        OptionalLong bodyLimit,
        Optional<RateLimit> rateLimit,
        boolean publicAccess,
        EncodedSlashes encodedSlashes) {

    /** No policy set: every feature uses its default. */
    public static final ApiPolicies NONE = new ApiPolicies(Optional.empty(), Optional.empty(), Optional.empty(),
            OptionalLong.empty(), Optional.empty(), false, EncodedSlashes.REFUSE);

    /** Policies that refuse encoded slashes (the default). */
    public ApiPolicies(Optional<Duration> timeout, Optional<RetryPolicy> retry,
                       Optional<CircuitBreakerPolicy> circuitBreaker, OptionalLong bodyLimit,
                       Optional<RateLimit> rateLimit, boolean publicAccess) {
        this(timeout, retry, circuitBreaker, bodyLimit, rateLimit, publicAccess, EncodedSlashes.REFUSE);
    }

    public ApiPolicies {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        Objects.requireNonNull(bodyLimit, "bodyLimit");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(encodedSlashes, "encodedSlashes");
        timeout.ifPresent(t -> {
            if (t.isZero() || t.isNegative()) {
                throw new IllegalArgumentException("timeout: " + t + " (expected: > 0)");
            }
        });
        if (bodyLimit.isPresent() && bodyLimit.getAsLong() < 1) {
            throw new IllegalArgumentException("bodyLimit: " + bodyLimit.getAsLong() + " (expected: > 0)");
        }
    }

    /** A copy with {@code timeout} set. */
    public ApiPolicies withTimeout(Duration value) {
        return new ApiPolicies(Optional.of(value), retry, circuitBreaker, bodyLimit, rateLimit, publicAccess,
                encodedSlashes);
    }

    /** A copy with {@code retry} set. */
    public ApiPolicies withRetry(RetryPolicy value) {
        return new ApiPolicies(timeout, Optional.of(value), circuitBreaker, bodyLimit, rateLimit, publicAccess,
                encodedSlashes);
    }

    /** A copy with {@code circuitBreaker} set. */
    public ApiPolicies withCircuitBreaker(CircuitBreakerPolicy value) {
        return new ApiPolicies(timeout, retry, Optional.of(value), bodyLimit, rateLimit, publicAccess, encodedSlashes);
    }

    /** A copy with {@code bodyLimit} set. */
    public ApiPolicies withBodyLimit(long bytes) {
        return new ApiPolicies(timeout, retry, circuitBreaker, OptionalLong.of(bytes), rateLimit, publicAccess,
                encodedSlashes);
    }

    /** A copy with {@code rateLimit} set. */
    public ApiPolicies withRateLimit(RateLimit value) {
        return new ApiPolicies(timeout, retry, circuitBreaker, bodyLimit, Optional.of(value), publicAccess,
                encodedSlashes);
    }

    /** A copy with {@code publicAccess} set: {@code true} serves the API without an API key. */
    public ApiPolicies withPublicAccess(boolean value) {
        return new ApiPolicies(timeout, retry, circuitBreaker, bodyLimit, rateLimit, value, encodedSlashes);
    }

    /** A copy with {@code encodedSlashes} set: {@link EncodedSlashes#PASS} forwards paths with {@code %2F}. */
    public ApiPolicies withEncodedSlashes(EncodedSlashes value) {
        return new ApiPolicies(timeout, retry, circuitBreaker, bodyLimit, rateLimit, publicAccess, value);
    }
}
