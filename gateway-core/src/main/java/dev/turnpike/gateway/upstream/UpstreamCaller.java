package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.config.ResilienceSettings;
import dev.turnpike.gateway.routing.ApiRoute;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.upstream.internal.CallLayer;
import dev.turnpike.throttling.ConcurrencyLimitRegistry;
import dev.turnpike.throttling.ConcurrencyLimitSettings;
import dev.turnpike.throttling.Throttling;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.BulkheadMetricNames;
import io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The one upstream call layer: every call to an upstream (the proxy, a composite part, a batch item) goes through
 * {@link #call}, with the policies of the route's API.
 *
 * <p>Inside a call, per try: pool by the API's weights, instance by the pool's balancer (skipping ejected ones, and
 * another instance than the last try's when there is one), the API's circuit breaker towards that pool, the
 * remaining deadline ({@code policies.timeout}), the transport. Around the tries: the retry rule
 * ({@code policies.retry}, or one requeue after a connect failure by default) within the pool's retry budget.
 * Failures are typed {@link UpstreamException}s (and the client-side {@code ProblemException}s of a request body);
 * nothing here writes to the client.
 *
 * <pre>{@code
 * HttpHeaders headers = new DefaultHttpHeaders().set(HttpHeaderNames.ACCEPT, "application/json");
 * caller.call(route, new UpstreamRequest(HttpMethod.GET, "/members/42", headers, null), new CallContext(requestId))
 *       .flatMap(response -> response.body()
 *               .map(buf -> { try { return buf.toString(UTF_8); } finally { buf.release(); } })
 *               .collect(Collectors.joining()));
 * }</pre>
 *
 * <p>Thread-safe; never blocks.
 */
public final class UpstreamCaller {
    private static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    private static final String VIA = "1.1 turnpike";

    /** A try slower than this to its response headers teaches the pool's limit like a timeout. */
    private static final Duration POOL_SLOW_CALL = Duration.ofSeconds(5);

    private final CallLayer layer;
    private final ConcurrencyLimitRegistry poolLimits;

    /**
     * @param clients the connection pools, kept in step with the routing snapshot
     * @param meters  where the circuit breakers' states and calls are exported: {@code turnpike.circuit.state}
     *                (1 for the current state, tagged {@code name} = {@code api/pool} and {@code state}),
     *                {@code turnpike.circuit.calls}, {@code turnpike.circuit.transitions} (tagged {@code from}, {@code to})
     */
    public UpstreamCaller(UpstreamClients clients, MeterRegistry meters, ResilienceSettings settings) {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(CircuitBreakerMetricNames.custom()
                .stateMetricName("turnpike.circuit.state")
                .callsMetricName("turnpike.circuit.calls")
                .failureRateMetricName("turnpike.circuit.failure.rate")
                .slowCallRateMetricName("turnpike.circuit.slow.call.rate")
                .slowCallsMetricName("turnpike.circuit.slow.calls")
                .bufferedCallsMetricName("turnpike.circuit.buffered.calls")
                .notPermittedCallsMetricName("turnpike.circuit.not.permitted.calls")
                .build(), breakers).bindTo(meters);
        breakers.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher()
                .onStateTransition(e -> meters.counter("turnpike.circuit.transitions", "name", e.getCircuitBreakerName(),
                        "from", e.getStateTransition().getFromState().name(),
                        "to", e.getStateTransition().getToState().name()).increment()));
        BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
        TaggedBulkheadMetrics.ofBulkheadRegistry(BulkheadMetricNames.custom()
                .availableConcurrentCallsMetricName("turnpike.bulkhead.available.calls")
                .maxAllowedConcurrentCallsMetricName("turnpike.bulkhead.max.calls")
                .build(), bulkheads).bindTo(meters);
        ConcurrencyLimitRegistry poolLimits = Throttling.concurrencyLimits(new ConcurrencyLimitSettings(
                ConcurrencyLimitSettings.Algorithm.AIMD, settings.poolLimitInitial(), settings.poolLimitMin(),
                settings.poolLimitMax(), POOL_SLOW_CALL));
        this.layer = new CallLayer(clients, breakers,
                bulkheads.bulkhead("standard", bulkhead(settings.standardConcurrency())),
                bulkheads.bulkhead("critical", bulkhead(settings.criticalConcurrency())), poolLimits);
        this.poolLimits = poolLimits;
    }

    /**
     * Calls the upstream of {@code route}'s API. Sets {@code X-Request-Id} and adds {@code Via} to the request's
     * headers.
     *
     * @return the response as soon as its headers are in, its body still streaming (the subscriber must read it or
     *         release it, see {@link UpstreamResponse}); or a typed failure. Cancelling before the response closes
     *         the connection of the try in progress.
     */
    public Mono<UpstreamResponse> call(ApiRoute route, UpstreamRequest request, CallContext context) {
        request.headers().set(X_REQUEST_ID, context.requestId());
        request.headers().add(HttpHeaderNames.VIA, VIA);
        return layer.call(route, request).doOnDiscard(UpstreamResponse.class, UpstreamResponse::release);
    }

    /** The circuit breaker states of API {@code apiId} by pool id, for the pools it has called since its policy. */
    public Map<String, CircuitBreaker.State> circuitStates(String apiId) {
        return layer.breakerStates(apiId);
    }

    /** {@link #circuitStates} with the states' names, for the admin API. */
    public Map<String, String> circuitStateNames(String apiId) {
        Map<String, String> names = new java.util.TreeMap<>();
        circuitStates(apiId).forEach((pool, state) -> names.put(pool, state.name()));
        return names;
    }

    /** The current adaptive concurrency limit of pool {@code poolId}. */
    public int poolLimit(String poolId) {
        return poolLimits.limit(poolId);
    }

    private static BulkheadConfig bulkhead(int maxConcurrentCalls) {
        return BulkheadConfig.custom().maxConcurrentCalls(maxConcurrentCalls).maxWaitDuration(Duration.ZERO).build();
    }

    /** Forgets what belongs to APIs and pools no longer in {@code snapshot}; call before it goes live. */
    public void sync(RoutingSnapshot snapshot) {
        layer.sync(snapshot);
    }
}
