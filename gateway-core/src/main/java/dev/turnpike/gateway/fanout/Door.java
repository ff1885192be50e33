package dev.turnpike.gateway.fanout;

import dev.turnpike.gateway.auth.BruteForceGuard;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.gateway.consumers.UsageRecorder;
import dev.turnpike.gateway.observe.AccessMetrics;
import dev.turnpike.gateway.problem.ProblemException;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.registry.model.Api;
import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.ThrottleDecision;
import dev.turnpike.throttling.ThrottleKey;
import dev.turnpike.throttling.ThrottleStrategy;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * The checks a direct call passes at the {@code AuthFilter} and {@code ThrottleFilter}, for calls the gateway makes
 * on a client's behalf (composite parts, batch items): the API key, the subscription to each API called, the plan's
 * rate limit and quota per call, and usage per call. Failures are {@link ProblemException}s with the same problem
 * types a direct call gets.
 *
 * <p>Thread-safe.
 */
public final class Door {
    private final BruteForceGuard guard;
    private final UsageRecorder usage;
    private final AccessMetrics metrics;
    private final ThrottleStrategy throttle;
    private final Clock clock;

    /** The caller a key identified: a consumer, or nobody (no key: only public APIs admit it). */
    public record Caller(ConsumerDirectory.Member member, String anonymousId) {
        /** The consumer id, or {@code null} for an anonymous caller. */
        public String consumer() {
            return member == null ? null : member.id();
        }
    }

    public Door(BruteForceGuard guard, UsageRecorder usage, AccessMetrics metrics, ThrottleStrategy throttle,
                Clock clock) {
        this.guard = guard;
        this.usage = usage;
        this.metrics = metrics;
        this.throttle = throttle;
        this.clock = clock;
    }

    /**
     * Who {@code key} identifies in {@code directory}.
     *
     * @param key    the {@code X-Api-Key} sent, or {@code null}
     * @param client the client's address (for the brute-force guard and anonymous limits), or {@code null}
     * @param tag    the metrics tag of what is called (an API id or {@code composite:<id>})
     * @throws ProblemException 401 for a missing (when {@code keyRequired}) or invalid key, 403 for a suspended
     *                          consumer, 429 once the client has sent too many invalid keys
     */
    public Caller identify(ConsumerDirectory directory, String key, InetAddress client, String tag,
                           boolean keyRequired) {
        if (key == null || key.isEmpty()) {
            if (keyRequired) {
                metrics.authFailure(tag, "missing");
                throw new ProblemException(ProblemType.MISSING_API_KEY, "An API key is needed in the X-Api-Key header");
            }
            return new Caller(null, "anonymous:" + (client == null ? "unknown" : client.getHostAddress()));
        }
        if (client != null) {
            Duration wait = guard.blockedFor(client);
            if (!wait.isZero()) {
                metrics.throttled(tag, "brute-force");
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                throw new ProblemException(ProblemType.TOO_MANY_INVALID_KEYS,
                        "Too many invalid API keys from this address; retry in " + seconds + " s", seconds, false, null);
            }
        }
        ConsumerDirectory.Lookup lookup = directory.lookup(key, clock.instant());
        switch (lookup.outcome()) {
            case UNKNOWN, REVOKED, EXPIRED -> {
                if (client != null) {
                    guard.recordFailure(client);
                }
                metrics.authFailure(tag, lookup.outcome().name().toLowerCase(Locale.ROOT));
                throw new ProblemException(ProblemType.INVALID_API_KEY, "The API key is " + switch (lookup.outcome()) {
                    case REVOKED -> "revoked";
                    case EXPIRED -> "expired";
                    default -> "not known";
                });
            }
            case SUSPENDED -> {
                metrics.authFailure(tag, "suspended");
                throw new ProblemException(ProblemType.CONSUMER_SUSPENDED, "The consumer of this API key is suspended");
            }
            default -> {
                return new Caller(lookup.member(), null);
            }
        }
    }

    /**
     * What {@code caller} may do with {@code api}: its subscription's plan, the API's default plan for a public API
     * it has no subscription to, or (plan {@code null}) unlimited.
     *
     * @throws ProblemException 401 for an anonymous caller of a key-protected API, 403 without a subscription
     */
    public ConsumerDirectory.Access admit(ConsumerDirectory directory, Caller caller, Api api) {
        boolean isPublic = api.policies().publicAccess();
        if (caller.member() == null) {
            if (!isPublic) {
                metrics.authFailure(api.id(), "missing");
                throw new ProblemException(ProblemType.MISSING_API_KEY,
                        "API " + api.id() + " needs an API key in the X-Api-Key header");
            }
            return new ConsumerDirectory.Access(ThrottleKey.of(caller.anonymousId(), api.id()),
                    directory.defaultPlan(api.id()));
        }
        ConsumerDirectory.Access access = caller.member().subscriptions().get(api.id());
        if (access != null) {
            return access;
        }
        if (!isPublic) {
            metrics.authFailure(api.id(), "not-subscribed");
            throw new ProblemException(ProblemType.NOT_SUBSCRIBED,
                    "Consumer " + caller.consumer() + " has no subscription to API " + api.id());
        }
        RateLimitPlan plan = directory.defaultPlan(api.id());
        return new ConsumerDirectory.Access(ThrottleKey.of(caller.consumer(), api.id()), plan);
    }

    /**
     * Takes one call from {@code access}'s plan: completes when allowed, fails with the 429 (or 503 fail-closed)
     * problem a direct call gets.
     */
    public Mono<Void> throttle(ConsumerDirectory.Access access) {
        if (access.plan() == null) {
            return Mono.empty();
        }
        return throttle.tryAcquire(access.key(), access.plan(), 1).flatMap(d -> d.allowed() ? Mono.<Void>empty()
                : Mono.error(denied(access.key().api(), d)));
    }

    /** Counts a call of an identified consumer to {@code api} that ended with {@code status} (0: no response). */
    public void record(Caller caller, String api, int status) {
        if (caller.member() != null) {
            usage.record(caller.consumer(), api, status);
        }
    }

    private ProblemException denied(String api, ThrottleDecision d) {
        long retry = Math.max(1, d.retryAfterSeconds());
        return switch (d.reason()) {
            case QUOTA_EXHAUSTED -> {
                metrics.throttled(api, "quota");
                yield new ProblemException(ProblemType.QUOTA_EXHAUSTED, "The daily quota of " + d.limit()
                        + " calls to API " + api + " is used up; it resets in " + retry + " s", retry, false, null);
            }
            case LIMITER_UNAVAILABLE -> {
                metrics.throttled(api, "cluster-unavailable");
                yield new ProblemException(ProblemType.LIMITER_UNAVAILABLE,
                        "The shared rate limiter is unavailable; retry in " + retry + " s", retry, false, null);
            }
            default -> {
                metrics.throttled(api, "rate");
                yield new ProblemException(ProblemType.RATE_LIMITED, "The rate limit (" + d.policy() + ") of API "
                        + api + " is exceeded; retry in " + retry + " s", retry, false, null);
            }
        };
    }
}
