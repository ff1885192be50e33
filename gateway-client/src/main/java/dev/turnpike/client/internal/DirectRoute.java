package dev.turnpike.client.internal;

import dev.turnpike.client.ApiRouting;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import okhttp3.Response;

/**
 * One API of a lookup document compiled for calls: its pools with their choices, the breaker settings of its
 * instances and how the path of a request to the gateway maps to the upstream path. Immutable apart from the pools'
 * round-robin state.
 */
public final class DirectRoute {
    /** Breaker settings when the API has no circuit-breaker policy. */
    static final ApiRouting.BreakerRules DEFAULT_BREAKER = new ApiRouting.BreakerRules(50, 20, 10_000);

    private final ApiRouting api;
    private final List<PoolChoice> pools;
    private final long totalWeight;
    private final CircuitBreakerConfig breakerConfig;
    private final Map<Integer, Retry> retries = new ConcurrentHashMap<>();

    DirectRoute(ApiRouting api) {
        this.api = api;
        List<PoolChoice> choices = new ArrayList<>();
        long total = 0;
        for (ApiRouting.PoolRouting p : api.pools()) {
            if (p.weight() > 0 && !p.instances().isEmpty()) {
                choices.add(new PoolChoice(p));
                total += p.weight();
            }
        }
        this.pools = List.copyOf(choices);
        this.totalWeight = total;
        ApiRouting.BreakerRules b = api.circuitBreaker() == null ? DEFAULT_BREAKER : api.circuitBreaker();
        this.breakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(Math.max(1, Math.min(100, b.failureRate())))
                .slidingWindowSize(Math.max(1, b.window()))
                .minimumNumberOfCalls(Math.max(1, Math.min(b.window(), 10)))
                .waitDurationInOpenState(Duration.ofMillis(Math.max(1, b.openForMillis())))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
    }

    /**
     * The retry for calls that may make {@code attempts} tries; with {@code mayRepeat} (the method is one the API's
     * retry policy names, and the body can be sent again) failures after sending and the policy's statuses are
     * retried too, else only attempts that reached no instance. Created once per combination and route.
     */
    Retry retry(int attempts, boolean mayRepeat) {
        return retries.computeIfAbsent(attempts * 2 + (mayRepeat ? 1 : 0), k -> {
            List<Integer> statuses = api.retry() == null ? List.of() : api.retry().onStatus();
            return Retry.of(api.id(), RetryConfig.<Response>custom()
                    .maxAttempts(attempts)
                    .waitDuration(Duration.ZERO)
                    .retryOnException(e -> e instanceof AttemptFailure f && (!f.wasSent() || mayRepeat))
                    .retryOnResult(r -> mayRepeat && statuses.contains(r.code()))
                    .consumeResultBeforeRetryAttempt((n, r) -> r.close())
                    .failAfterMaxAttempts(false)
                    .build());
        });
    }

    /** The API as the lookup described it. */
    public ApiRouting api() {
        return api;
    }

    CircuitBreakerConfig breakerConfig() {
        return breakerConfig;
    }

    /** Whether {@code path} (on the gateway) is under this API's base path. */
    boolean covers(String path) {
        String base = api.basePath();
        if (base.length() == 1) {
            return true;
        }
        return path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/');
    }

    /** The upstream path for the gateway path {@code path}, as the gateway's proxy maps it. */
    String upstreamPath(String path) {
        String base = api.basePath();
        String rest = base.length() == 1 ? path : path.substring(base.length());
        String upstreamBase = api.upstreamBasePath();
        if (upstreamBase.length() == 1) {
            return rest.isEmpty() ? "/" : rest;
        }
        return rest.isEmpty() ? upstreamBase : upstreamBase + rest;
    }

    /**
     * An instance for the next attempt: a pool drawn by weight, then an instance by the pool's balancer; when the
     * drawn pool has nothing available, the other pools are tried in order. {@code null} when nothing is available.
     */
    Upstream pick(Function<ApiRouting.InstanceRouting, InstanceState> states, Set<ApiRouting.InstanceRouting> excluded) {
        if (pools.isEmpty()) {
            return null;
        }
        int first = 0;
        if (pools.size() > 1) {
            long r = ThreadLocalRandom.current().nextLong(totalWeight);
            for (int i = 0; i < pools.size(); i++) {
                r -= pools.get(i).pool().weight();
                if (r < 0) {
                    first = i;
                    break;
                }
            }
        }
        for (int k = 0; k < pools.size(); k++) {
            Upstream u = pools.get((first + k) % pools.size()).pick(states, excluded);
            if (u != null) {
                return u;
            }
        }
        return null;
    }
}
