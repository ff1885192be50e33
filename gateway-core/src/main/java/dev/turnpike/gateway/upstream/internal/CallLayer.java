package dev.turnpike.gateway.upstream.internal;

import dev.turnpike.gateway.routing.ApiRoute;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.upstream.BulkheadFullException;
import dev.turnpike.gateway.upstream.UpstreamClients;
import dev.turnpike.gateway.upstream.UpstreamRequest;
import dev.turnpike.gateway.upstream.UpstreamResponse;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.throttling.ConcurrencyLimitRegistry;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.retry.RetryOperator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The works behind {@link dev.turnpike.gateway.upstream.UpstreamCaller}: the per-API policies (rebuilt when an API's
 * policies change), the per-pool retry budgets and the circuit breaker registry. Not API: use {@code UpstreamCaller}.
 *
 * <p>Thread-safe.
 */
public final class CallLayer {
    /** Retries a pool may take: 20 % of its calls over the last 10 s ... */
    static final double RETRY_RATIO = 0.2;
    /** ... plus this many per 10 s, so a quiet pool can retry too. */
    static final int RETRY_FLOOR = 10;

    private final UpstreamClients clients;
    private final CircuitBreakerRegistry breakers;
    private final Bulkhead standard;
    private final Bulkhead critical;
    private final ConcurrencyLimitRegistry poolLimits;
    private final Map<String, ApiCallPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();

    /**
     * @param standard   the concurrency budget of STANDARD APIs' calls (held until the response headers)
     * @param critical   the same for CRITICAL APIs
     * @param poolLimits each pool's adaptive concurrency limit (held by a try until its response headers)
     */
    public CallLayer(UpstreamClients clients, CircuitBreakerRegistry breakers, Bulkhead standard, Bulkhead critical,
                     ConcurrencyLimitRegistry poolLimits) {
        this.clients = clients;
        this.breakers = breakers;
        this.standard = standard;
        this.critical = critical;
        this.poolLimits = poolLimits;
    }

    /** One call; see {@code UpstreamCaller#call}. */
    public Mono<UpstreamResponse> call(ApiRoute route, UpstreamRequest request) {
        ApiCallPolicy policy = policy(route.api());
        CallState state = new CallState(this, route, request, policy, System.nanoTime());
        Criticality criticality = policy.criticality();
        return Mono.defer(state)
                .transformDeferred(RetryOperator.of(policy.retry()))
                .onErrorMap(RetryAttempt.class, RetryAttempt::failure)
                .transformDeferred(BulkheadOperator.of(criticality == Criticality.CRITICAL ? critical : standard))
                .onErrorMap(io.github.resilience4j.bulkhead.BulkheadFullException.class,
                        e -> new BulkheadFullException(criticality, e));
    }

    /** The breakers of {@code apiId} made so far, by pool id (empty when it has none or no policy). */
    public Map<String, CircuitBreaker.State> breakerStates(String apiId) {
        ApiCallPolicy p = policies.get(apiId);
        if (p == null) {
            return Map.of();
        }
        Map<String, CircuitBreaker.State> states = new java.util.TreeMap<>();
        p.breakers().forEach((pool, b) -> states.put(pool, b.getState()));
        return states;
    }

    /** Forgets the policies, breakers and budgets of APIs and pools that are not in {@code snapshot}. */
    public void sync(RoutingSnapshot snapshot) {
        Set<String> apis = new HashSet<>();
        snapshot.catalog().apis().forEach(a -> apis.add(a.id()));
        policies.entrySet().removeIf(e -> {
            if (!apis.contains(e.getKey())) {
                e.getValue().removeBreakers();
                return true;
            }
            return false;
        });
        budgets.keySet().removeIf(pool -> {
            if (snapshot.pool(pool) == null) {
                poolLimits.remove(pool);
                return true;
            }
            return false;
        });
    }

    UpstreamClients clients() {
        return clients;
    }

    ConcurrencyLimitRegistry poolLimits() {
        return poolLimits;
    }

    RetryBudget budget(String poolId) {
        RetryBudget b = budgets.get(poolId);
        return b != null ? b : budgets.computeIfAbsent(poolId, id -> new RetryBudget(RETRY_RATIO, RETRY_FLOOR));
    }

    private ApiCallPolicy policy(Api api) {
        ApiCallPolicy p = policies.get(api.id());
        if (p != null && p.describes(api)) {
            return p;
        }
        return policies.compute(api.id(), (id, old) -> old != null && old.describes(api) ? old
                : ApiCallPolicy.of(api, old, breakers));
    }
}
