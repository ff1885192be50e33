package dev.turnpike.throttling.internal;

import dev.turnpike.throttling.ClusterLimitsSettings;
import dev.turnpike.throttling.ClusterThrottleStrategy;
import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.ThrottleDecision;
import dev.turnpike.throttling.ThrottleKey;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Cluster limits: one token bucket (and daily counter) per key in Redis, taken from by {@link RedisLimitScript}
 * in one atomic round trip. Each call has a timeout and passes a resilience4j circuit breaker; whatever goes
 * wrong, {@link RedisOutageFallback} answers, so the returned {@code Mono} always emits one decision within the
 * timeout. Thread-safe; never blocks (Lettuce completes calls on its Netty threads, where the decision is made).
 */
public final class RedisThrottleStrategy implements ClusterThrottleStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(RedisThrottleStrategy.class);
    /** A quota counter outlives its day by this much, so a node whose clock lags still finds it. */
    private static final long COUNTER_GRACE_SECONDS = 3600;

    private final ClusterLimitsSettings settings;
    private final Clock clock;
    private final QuotaCalendar calendar;
    private final RedisConnection redis;
    private final CircuitBreaker breaker;
    private final RedisOutageFallback fallback;

    /**
     * Cluster limits as {@code settings} say; starts connecting to Redis in the background and returns at once.
     * {@code clock} gives quota days and the local share's time.
     */
    public RedisThrottleStrategy(ClusterLimitsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.calendar = new QuotaCalendar(clock, settings.local().quotaZone());
        this.breaker = CircuitBreaker.of("turnpike-redis-limits", CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.breakerFailureRate())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(100, settings.breakerMinimumCalls()))
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                // Not connected yet is known without trying Redis: it answers fast and says nothing new about
                // Redis's health, so it must not open the breaker for the first calls after start-up.
                .ignoreExceptions(RedisUnavailableException.class)
                .build());
        this.breaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("Redis limits circuit breaker: {}", event.getStateTransition()));
        this.fallback = new RedisOutageFallback(settings.failurePolicy(), settings.breakerOpenFor(),
                settings.nodeCount(), new LocalBucketStrategy(settings.local(), clock));
        this.redis = new RedisConnection(settings.redisUri(), settings.callTimeout(), settings.maxPendingCalls());
    }

    @Override
    public Mono<ThrottleDecision> tryAcquire(ThrottleKey key, RateLimitPlan plan, long permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits: " + permits + " (expected: >= 1)");
        }
        String base = settings.keyPrefix() + '{' + key.api() + '|' + key.consumer() + '}';
        long nowMillis = clock.millis();
        long millisToMidnight;
        String[] keys;
        String[] args;
        if (plan.dailyQuota().isPresent()) {
            QuotaCalendar.Day day = calendar.dayAt(nowMillis);
            millisToMidnight = day.millisLeft(nowMillis);
            keys = new String[] {base + ":b", base + ":q:" + day.label()};
            args = RedisLimitScript.args(plan, permits, millisToMidnight / 1000 + COUNTER_GRACE_SECONDS);
        } else {
            millisToMidnight = 0;
            keys = new String[] {base + ":b", base + ":q"};
            args = RedisLimitScript.args(plan, permits, 0);
        }
        String policy = plan.policyText();
        return Mono.defer(() -> evaluate(keys, args))
                .timeout(settings.callTimeout())
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .map(reply -> RedisLimitScript.decision(reply, plan, policy, millisToMidnight))
                .onErrorResume(error -> {
                    if (isOutage(error)) {
                        // Counted by the breaker, whose transitions are logged: one line per call would flood.
                        LOG.debug("Redis limit call for {} failed; failure policy answers: {}", key, error.toString());
                    } else {
                        LOG.warn("Unexpected failure of the Redis limit call for {}; failure policy answers", key,
                                error);
                    }
                    return Mono.just(fallback.decide(key, plan, permits));
                });
    }

    private static boolean isOutage(Throwable error) {
        return error instanceof RedisException || error instanceof TimeoutException
                || error instanceof CallNotPermittedException || error instanceof RedisUnavailableException;
    }

    /** The circuit breaker's state, for health checks and tests. */
    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    private Mono<List<Object>> evaluate(String[] keys, String[] args) {
        RedisAsyncCommands<String, String> commands = redis.commands();
        if (commands == null) {
            return Mono.error(new RedisUnavailableException("not connected to Redis"));
        }
        Mono<List<Object>> byDigest = Mono.fromCompletionStage(
                commands.<List<Object>>evalsha(RedisLimitScript.SHA1, ScriptOutputType.MULTI, keys, args));
        // After a Redis restart the script cache is empty: send the script once, which also caches it again.
        return byDigest.onErrorResume(RedisNoScriptException.class, missing -> Mono.fromCompletionStage(
                commands.<List<Object>>eval(RedisLimitScript.SOURCE, ScriptOutputType.MULTI, keys, args)));
    }

    @Override
    public void close() {
        redis.close();
    }

    /** Redis cannot be asked right now; cheap, no stack trace: it is counted by the breaker, not reported. */
    static final class RedisUnavailableException extends RuntimeException {
        RedisUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
