package dev.turnpike.gateway.upstream.internal;

import dev.turnpike.gateway.upstream.CircuitOpenException;
import dev.turnpike.gateway.upstream.ConnectFailedException;
import dev.turnpike.gateway.upstream.UpstreamTlsException;
import dev.turnpike.gateway.upstream.NoHealthyInstanceException;
import dev.turnpike.gateway.upstream.UpstreamResponse;
import dev.turnpike.gateway.upstream.UpstreamResetException;
import dev.turnpike.gateway.upstream.UpstreamTimeoutException;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.CircuitBreakerPolicy;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upstream-call policies of one API as the call layer enforces them, built once per change of the API's
 * {@link ApiPolicies} or criticality: the whole-call deadline, the retry rule as a resilience4j {@link Retry}, and
 * the circuit breaker settings with one {@link CircuitBreaker} per pool, created on first use in a registry (so
 * their states are exported as metrics).
 *
 * <p>Without {@code policies.retry} a call still gets one more try on another instance when the first could not
 * connect (nothing reached the upstream), or, for GET and HEAD, when its connection broke before any response;
 * within the pool's retry budget.
 *
 * <p>Thread-safe.
 */
public final class ApiCallPolicy {
    /**
     * The rule used when an API sets no {@code policies.retry}: one more try after a connect failure (any method:
     * nothing was sent), or after a connection that broke before any response for GET and HEAD.
     */
    static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(2, true, List.of(), List.of("GET", "HEAD"));
    /** First backoff before a retry on a status; doubles per retry, each randomised by ±50 %. */
    static final Duration BACKOFF = Duration.ofMillis(50);
    /** Trial calls let through while half-open (at most the window). */
    static final int HALF_OPEN_CALLS = 3;
    /** Calls needed in the window before the failure rate counts (at most the window). */
    static final int MINIMUM_CALLS = 10;

    private final Api api;
    private final long timeoutNanos;
    private final RetryPolicy retryPolicy;
    private final boolean retriesStatus;
    private final Retry retry;
    private final CircuitBreakerConfig breakerConfig;
    private final long retryAfterSeconds;
    private final CircuitBreakerRegistry registry;
    private final Map<String, CircuitBreaker> breakers;

    private ApiCallPolicy(Api api, CircuitBreakerRegistry registry, Map<String, CircuitBreaker> breakers) {
        this.api = api;
        ApiPolicies p = api.policies();
        this.timeoutNanos = p.timeout().map(Duration::toNanos).orElse(0L);
        this.retryPolicy = p.retry().orElse(DEFAULT_RETRY);
        this.retriesStatus = !retryPolicy.onStatus().isEmpty();
        this.retry = Retry.of(api.id(), retryConfig(retryPolicy));
        CircuitBreakerPolicy cb = p.circuitBreaker().orElse(null);
        this.breakerConfig = cb == null ? null : breakerConfig(cb);
        this.retryAfterSeconds = cb == null ? 0 : Math.max(1, (cb.openFor().toMillis() + 999) / 1000);
        this.registry = registry;
        this.breakers = breakers;
    }

    /** The policy of {@code api}, keeping the breakers of {@code previous} when its breaker settings are unchanged. */
    static ApiCallPolicy of(Api api, ApiCallPolicy previous, CircuitBreakerRegistry registry) {
        if (previous != null && previous.api.policies().circuitBreaker().equals(api.policies().circuitBreaker())) {
            return new ApiCallPolicy(api, registry, previous.breakers);
        }
        if (previous != null) {
            previous.removeBreakers();
        }
        return new ApiCallPolicy(api, registry, new ConcurrentHashMap<>());
    }

    /** Whether this policy still describes {@code current} (same policies and criticality). */
    boolean describes(Api current) {
        return api == current || (api.policies().equals(current.policies())
                && api.criticality() == current.criticality());
    }

    String apiId() {
        return api.id();
    }

    Criticality criticality() {
        return api.criticality();
    }

    /** The whole-call deadline in nanoseconds, or 0 for none. */
    long timeoutNanos() {
        return timeoutNanos;
    }

    Retry retry() {
        return retry;
    }

    int attempts() {
        return retryPolicy.attempts();
    }

    boolean retriesConnectFailures() {
        return retryPolicy.onConnectFailure();
    }

    /** Whether a response with a status may be retried for {@code method} at all. */
    boolean retriesStatusFor(HttpMethod method) {
        return retriesStatus && retriesMethod(method);
    }

    /** Whether the rule lists {@code method} (tries that may have reached the upstream are retried only then). */
    boolean retriesMethod(HttpMethod method) {
        return retryPolicy.methods().contains(method.name());
    }

    boolean retriesStatus(int status) {
        return retryPolicy.onStatus().contains(status);
    }

    /** The breaker towards {@code poolId}, or {@code null} when the API has no {@code circuitBreaker} policy. */
    CircuitBreaker breaker(String poolId) {
        if (breakerConfig == null) {
            return null;
        }
        CircuitBreaker b = breakers.get(poolId);
        return b != null ? b : breakers.computeIfAbsent(poolId,
                id -> registry.circuitBreaker(api.id() + "/" + id, breakerConfig));
    }

    /** The {@code Retry-After} of a {@link CircuitOpenException}: {@code openFor} in whole seconds, rounded up. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Every breaker made so far, by pool id. */
    Map<String, CircuitBreaker> breakers() {
        return breakers;
    }

    /** Forgets this API's breakers (the API left, or its breaker settings changed). */
    void removeBreakers() {
        breakers.values().forEach(b -> registry.remove(b.getName()));
        breakers.clear();
    }

    private static RetryConfig retryConfig(RetryPolicy policy) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(BACKOFF, 2.0, 0.5);
        // 1 ms, not 0: resilience4j-reactor reads a wait below 1 ms as "do not retry".
        IntervalBiFunction<Object> interval = (attempt, either) ->
                either.isLeft() && either.getLeft() instanceof RetryAttempt r && r.immediate() ? 1L
                        : backoff.apply(attempt);
        return RetryConfig.custom()
                .maxAttempts(policy.attempts())
                .retryOnException(e -> e instanceof RetryAttempt)
                .intervalBiFunction(interval)
                .failAfterMaxAttempts(false)
                .build();
    }

    private static CircuitBreakerConfig breakerConfig(CircuitBreakerPolicy policy) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.window())
                .minimumNumberOfCalls(Math.min(policy.window(), MINIMUM_CALLS))
                .failureRateThreshold(policy.failureRate())
                .waitDurationInOpenState(policy.openFor())
                .permittedNumberOfCallsInHalfOpenState(Math.min(policy.window(), HALF_OPEN_CALLS))
                .recordResult(r -> r instanceof UpstreamResponse u && u.status().code() >= 500)
                .recordException(ApiCallPolicy::isUpstreamFault)
                // Refusals (a limit, the client's body) say nothing about the upstream: neither success nor failure.
                .ignoreException(e -> !isUpstreamFault(e))
                .build();
    }

    /** Failures that count against the upstream: it could not be reached, timed out or broke the exchange. */
    static boolean isUpstreamFault(Throwable e) {
        return e instanceof ConnectFailedException || e instanceof UpstreamTimeoutException
                || e instanceof UpstreamResetException || e instanceof NoHealthyInstanceException
                || e instanceof UpstreamTlsException tls && tls.reachedInstance();
    }
}
