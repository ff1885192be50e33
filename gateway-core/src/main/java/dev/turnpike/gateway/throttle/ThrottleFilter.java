package dev.turnpike.gateway.throttle;

import dev.turnpike.gateway.auth.AuthFilter;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.gateway.observe.AccessMetrics;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.throttling.LocalThrottleStrategy;
import dev.turnpike.throttling.ThrottleDecision;
import dev.turnpike.throttling.ThrottleStrategy;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import reactor.core.publisher.Mono;

/**
 * Enforces the limit the {@link AuthFilter} chose (the subscription's plan, else the API's default rate limit) with
 * a {@link ThrottleStrategy}: local buckets answer on the event loop at once; Redis answers asynchronously and the
 * request continues on its connection's event loop.
 *
 * <p>Every response of a limited request carries the IETF RateLimit header fields ({@code RateLimit-Limit},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset}, {@code RateLimit-Policy}), the 200s included. A denial is
 * 429 {@code rate-limited} or {@code quota-exhausted} with {@code Retry-After}; a fail-closed denial while Redis is
 * unavailable is 503 {@code limiter-unavailable} with {@code Retry-After}.
 */
public final class ThrottleFilter implements GatewayFilter {
    static final AsciiString LIMIT = AsciiString.cached("ratelimit-limit");
    static final AsciiString REMAINING = AsciiString.cached("ratelimit-remaining");
    static final AsciiString RESET = AsciiString.cached("ratelimit-reset");
    static final AsciiString POLICY = AsciiString.cached("ratelimit-policy");

    private final ThrottleStrategy strategy;
    private final LocalThrottleStrategy local;
    private final AccessMetrics metrics;

    public ThrottleFilter(ThrottleStrategy strategy, AccessMetrics metrics) {
        this.strategy = strategy;
        this.local = strategy instanceof LocalThrottleStrategy l ? l : null;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        ConsumerDirectory.Access limit = ex.get(AuthFilter.LIMIT);
        if (limit == null) {
            return chain.next(ex);
        }
        if (local != null) {
            return enforce(ex, chain, local.tryAcquireNow(limit.key(), limit.plan(), 1));
        }
        EventLoop[] loop = new EventLoop[1];
        ex.request().withConnection(c -> loop[0] = c.channel().eventLoop());
        return strategy.tryAcquire(limit.key(), limit.plan(), 1)
                .flatMap(decision -> onLoop(loop[0], decision))
                .flatMap(decision -> enforce(ex, chain, decision));
    }

    /** Continues on the connection's event loop: the exchange belongs to it, Redis answers on its own threads. */
    private static Mono<ThrottleDecision> onLoop(EventLoop loop, ThrottleDecision decision) {
        if (loop == null || loop.inEventLoop()) {
            return Mono.just(decision);
        }
        return Mono.create(sink -> loop.execute(() -> sink.success(decision)));
    }

    private Mono<Void> enforce(Exchange ex, FilterChain chain, ThrottleDecision d) {
        HttpHeaders out = ex.response().responseHeaders();
        out.set(LIMIT, Long.toString(d.limit()));
        out.set(REMAINING, Long.toString(d.remaining()));
        out.set(RESET, Long.toString(d.resetSeconds()));
        out.set(POLICY, d.policy());
        if (d.allowed()) {
            return chain.next(ex);
        }
        String api = ex.get(AuthFilter.LIMIT).key().api();
        long retry = Math.max(1, d.retryAfterSeconds());
        out.set(HttpHeaderNames.RETRY_AFTER, Long.toString(retry));
        return switch (d.reason()) {
            case QUOTA_EXHAUSTED -> {
                metrics.throttled(api, "quota");
                yield ProblemResponder.send(ex, ProblemType.QUOTA_EXHAUSTED, "The daily quota of "
                        + d.limit() + " calls to API " + api + " is used up; it resets in " + retry + " s");
            }
            case LIMITER_UNAVAILABLE -> {
                metrics.throttled(api, "cluster-unavailable");
                yield ProblemResponder.send(ex, ProblemType.LIMITER_UNAVAILABLE,
                        "The shared rate limiter is unavailable; retry in " + retry + " s");
            }
            default -> {
                metrics.throttled(api, "rate");
                yield ProblemResponder.send(ex, ProblemType.RATE_LIMITED, "The rate limit (" + d.policy()
                        + ") of API " + api + " is exceeded; retry in " + retry + " s");
            }
        };
    }
}
