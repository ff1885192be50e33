package dev.turnpike.gateway.auth;

import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.gateway.consumers.UsageRecorder;
import dev.turnpike.gateway.observe.AccessMetrics;
import dev.turnpike.gateway.pipeline.ClientAddress;
import dev.turnpike.gateway.pipeline.ContextKey;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.RoutingFilter;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.model.Api;
import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.ThrottleKey;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Identifies the consumer of a routed request by its {@code X-Api-Key} and checks its subscription to the API.
 *
 * <ul>
 *   <li>No key: 401 {@code missing-api-key}, unless the API is public (then the caller is anonymous).</li>
 *   <li>A key that is unknown, revoked or expired: 401 {@code invalid-api-key} (also on a public API: a key that is
 *       sent must be valid); the client address's failure is counted by the {@link BruteForceGuard}, which answers
 *       429 {@code too-many-invalid-keys} before any lookup once the address has too many.</li>
 *   <li>A suspended consumer: 403 {@code consumer-suspended}. No subscription to the API: 403
 *       {@code not-subscribed}, unless the API is public (the consumer is identified, with the API's default
 *       plan).</li>
 * </ul>
 *
 * <p>The key is removed from the request before it goes upstream and never appears in a problem, a log line or a
 * metric; a client-sent {@code X-Consumer-Id} is removed and, for an identified consumer, set to its id. Leaves the
 * limit to enforce under {@link #LIMIT} for the throttle filter, and counts the identified consumer's call (and
 * whether it ended in a 5xx) in the {@link UsageRecorder} when the response is done.
 */
public final class AuthFilter implements GatewayFilter {
    /** The limit the throttle filter enforces for this request; absent when the request is unlimited. */
    public static final ContextKey<ConsumerDirectory.Access> LIMIT = ContextKey.named("limit");
    /** The identified consumer's id; absent for anonymous calls to public APIs. */
    public static final ContextKey<String> CONSUMER = ContextKey.named("consumer");

    static final AsciiString X_API_KEY = AsciiString.cached("x-api-key");
    static final AsciiString X_CONSUMER_ID = AsciiString.cached("x-consumer-id");
    private static final String WWW_AUTHENTICATE = "ApiKey header=\"X-Api-Key\"";

    private final RoutingState state;
    private final BruteForceGuard guard;
    private final UsageRecorder usage;
    private final AccessMetrics metrics;
    private final Clock clock;

    public AuthFilter(RoutingState state, BruteForceGuard guard, UsageRecorder usage, AccessMetrics metrics,
                      Clock clock) {
        this.state = state;
        this.guard = guard;
        this.usage = usage;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        Api api = ex.get(RoutingFilter.ROUTE).value().api();
        String apiId = api.id();
        HttpHeaders headers = ex.request().requestHeaders();
        String key = headers.get(X_API_KEY);
        headers.remove(X_API_KEY);
        headers.remove(X_CONSUMER_ID);
        boolean isPublic = api.policies().publicAccess();
        ConsumerDirectory directory = state.current().consumers();
        if (key == null || key.isEmpty()) {
            if (isPublic) {
                return anonymous(ex, chain, apiId, directory);
            }
            metrics.authFailure(apiId, "missing");
            return unauthorized(ex, ProblemType.MISSING_API_KEY,
                    "API " + apiId + " needs an API key in the X-Api-Key header");
        }
        InetAddress client = ClientAddress.of(ex).address();
        if (client != null) {
            Duration wait = guard.blockedFor(client);
            if (!wait.isZero()) {
                metrics.throttled(apiId, "brute-force");
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                ex.response().header(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds));
                return ProblemResponder.send(ex, ProblemType.TOO_MANY_INVALID_KEYS,
                        "Too many invalid API keys from this address; retry in " + seconds + " s");
            }
        }
        ConsumerDirectory.Lookup lookup = directory.lookup(key, clock.instant());
        switch (lookup.outcome()) {
            case UNKNOWN, REVOKED, EXPIRED -> {
                if (client != null) {
                    guard.recordFailure(client);
                }
                String reason = lookup.outcome().name().toLowerCase(java.util.Locale.ROOT);
                metrics.authFailure(apiId, reason);
                return unauthorized(ex, ProblemType.INVALID_API_KEY, "The API key is " + switch (lookup.outcome()) {
                    case REVOKED -> "revoked";
                    case EXPIRED -> "expired";
                    default -> "not known";
                });
            }
            case SUSPENDED -> {
                metrics.authFailure(apiId, "suspended");
                return ProblemResponder.send(ex, ProblemType.CONSUMER_SUSPENDED,
                        "The consumer of this API key is suspended");
            }
            default -> {
                // VALID: below
            }
        }
        ConsumerDirectory.Member member = lookup.member();
        ConsumerDirectory.Access access = member.subscriptions().get(apiId);
        if (access == null) {
            if (!isPublic) {
                metrics.authFailure(apiId, "not-subscribed");
                return ProblemResponder.send(ex, ProblemType.NOT_SUBSCRIBED,
                        "Consumer " + member.id() + " has no subscription to API " + apiId);
            }
            RateLimitPlan plan = directory.defaultPlan(apiId);
            access = new ConsumerDirectory.Access(ThrottleKey.of(member.id(), apiId), plan);
        }
        String consumer = member.id();
        headers.set(X_CONSUMER_ID, consumer);
        ex.put(CONSUMER, consumer);
        if (access.plan() != null) {
            ex.put(LIMIT, access);
        }
        return chain.next(ex).doFinally(signal -> usage.record(consumer, apiId,
                ex.response().hasSentHeaders() ? ex.response().status().code() : 0));
    }

    private Mono<Void> anonymous(Exchange ex, FilterChain chain, String apiId, ConsumerDirectory directory) {
        RateLimitPlan plan = directory.defaultPlan(apiId);
        if (plan != null) {
            // Anonymous callers are limited per client address; ':' cannot occur in a consumer id.
            ClientAddress client = ClientAddress.of(ex);
            String who = "anonymous:" + (client.address() == null ? "unknown" : client.text());
            ex.put(LIMIT, new ConsumerDirectory.Access(ThrottleKey.of(who, apiId), plan));
        }
        return chain.next(ex);
    }

    private static Mono<Void> unauthorized(Exchange ex, ProblemType type, String detail) {
        ex.response().header(HttpHeaderNames.WWW_AUTHENTICATE, WWW_AUTHENTICATE);
        return ProblemResponder.send(ex, type, detail);
    }
}
