package dev.turnpike.gateway.upstream.internal;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.routing.ApiRoute;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.gateway.upstream.CircuitOpenException;
import dev.turnpike.gateway.upstream.ConnectFailedException;
import dev.turnpike.gateway.upstream.UpstreamTlsException;
import dev.turnpike.gateway.upstream.NoHealthyInstanceException;
import dev.turnpike.gateway.upstream.UpstreamClients;
import dev.turnpike.gateway.upstream.UpstreamRequest;
import dev.turnpike.gateway.upstream.UpstreamResetException;
import dev.turnpike.gateway.upstream.UpstreamResponse;
import dev.turnpike.gateway.upstream.UpstreamTimeoutException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One upstream call across its tries. Each {@link #get()} is one try: pool by weight, instance by the pool's balancer
 * (another one than the last try's when the pool has one), the API's circuit breaker towards that pool, the
 * remaining deadline, the transport. When a try fails, it decides there whether the call may try again (the
 * rule, the body, the pool's retry budget) and says so with a {@link RetryAttempt} for the retry operator.
 *
 * <p>Tries run one after the other, never at once, so the state needs no locking; fields read by a later try on
 * another thread are volatile.
 */
public final class CallState implements Supplier<Mono<UpstreamResponse>> {
    private final CallLayer layer;
    private final ApiRoute route;
    private final UpstreamRequest request;
    private final ApiCallPolicy policy;
    private final long deadlineNanos;
    private final Flux<ByteBuf> body;
    private final boolean statusRetries;
    private volatile boolean bodyUsed;
    private volatile int tries;
    private volatile Endpoint last;
    private volatile Throwable lastFailure;

    CallState(CallLayer layer, ApiRoute route, UpstreamRequest request, ApiCallPolicy policy, long nowNanos) {
        this.layer = layer;
        this.route = route;
        this.request = request;
        this.policy = policy;
        this.deadlineNanos = policy.timeoutNanos() == 0 ? 0 : nowNanos + policy.timeoutNanos();
        this.body = request.body() == null ? null : Flux.from(request.body()).doOnSubscribe(s -> bodyUsed = true);
        this.statusRetries = policy.attempts() > 1 && policy.retriesStatusFor(request.method());
    }

    @Override
    public Mono<UpstreamResponse> get() {
        int attempt = ++tries;
        long now = System.nanoTime();
        PoolRuntime pool = route.pools().pick();
        if (attempt == 1) {
            layer.budget(pool.id()).onCall(now);
        }
        Endpoint endpoint = pick(pool, now);
        if (endpoint == null) {
            Throwable previous = lastFailure;
            return Mono.error(previous != null ? previous : NoHealthyInstanceException.allEjected(pool.id()));
        }
        UpstreamClients.PoolClient client = layer.clients().get(pool.id());
        if (client == null) {
            // The snapshot and its clients are published together; this only happens if that invariant broke.
            return Mono.error(new IllegalStateException("no client for upstream pool " + pool.id()));
        }
        last = endpoint;
        Attempt tryOnce = new Attempt(pool, endpoint, now, deadlineNanos);
        Mono<UpstreamResponse> sent = Transport.send(client, client.http(policy.criticality()), tryOnce, request, body,
                layer.poolLimits());
        if (deadlineNanos != 0) {
            long remaining = deadlineNanos - now;
            if (remaining <= 0) {
                return Mono.error(new UpstreamTimeoutException(pool.id(), null, null));
            }
            sent = sent.timeout(Duration.ofNanos(remaining)).onErrorMap(TimeoutException.class,
                    e -> new UpstreamTimeoutException(pool.id(), endpoint.address(), e));
        }
        CircuitBreaker breaker = policy.breaker(pool.id());
        if (breaker != null) {
            sent = sent.transformDeferred(CircuitBreakerOperator.of(breaker))
                    .onErrorMap(CallNotPermittedException.class,
                            e -> new CircuitOpenException(policy.apiId(), pool.id(), policy.retryAfterSeconds(), e));
        }
        sent = sent.onErrorMap(e -> !(e instanceof CircuitOpenException), e -> afterFailure(e, pool));
        return statusRetries ? sent.flatMap(r -> afterResponse(r, pool)) : sent;
    }

    /** Another endpoint than the last try's when the pool has one available, else whatever the balancer gives. */
    private Endpoint pick(PoolRuntime pool, long now) {
        Endpoint previous = last;
        Endpoint e = pool.balancer().pick(now);
        if (previous == null || e != previous) {
            return e;
        }
        List<Endpoint> all = pool.endpoints();
        int start = (int) (now & 0x7fffffff) % all.size();
        for (int i = 0; i < all.size(); i++) {
            Endpoint other = all.get((start + i) % all.size());
            if (other != previous && other.isAvailable(now)) {
                return other;
            }
        }
        return previous.isAvailable(now) ? previous : null;
    }

    /**
     * Whether the call may go on after {@code failure}: a try that reached no upstream (no connection) is tried again
     * for any method; one whose connection broke before any response (a keep-alive connection the instance closed,
     * an instance killed mid-request) only for the methods the rule lists, as the request may have been processed.
     */
    private Throwable afterFailure(Throwable failure, PoolRuntime pool) {
        lastFailure = failure;
        if (!policy.retriesConnectFailures()) {
            return failure;
        }
        boolean notSent = failure instanceof ConnectFailedException || failure instanceof NoHealthyInstanceException
                || failure instanceof UpstreamTlsException tls && tls.reachedInstance();
        boolean broken = failure instanceof UpstreamResetException && policy.retriesMethod(request.method());
        if ((notSent || broken) && mayRetry(pool)) {
            return new RetryAttempt(failure, true);
        }
        return failure;
    }

    private Mono<UpstreamResponse> afterResponse(UpstreamResponse response, PoolRuntime pool) {
        if (!policy.retriesStatus(response.status().code()) || !mayRetry(pool)) {
            return Mono.just(response);
        }
        response.release();
        return Mono.error(new RetryAttempt(new UpstreamResetException(pool.id(), response.address(), null), false));
    }

    private boolean mayRetry(PoolRuntime pool) {
        return tries < policy.attempts() && !bodyUsed && layer.budget(pool.id()).tryRetry(System.nanoTime());
    }
}
