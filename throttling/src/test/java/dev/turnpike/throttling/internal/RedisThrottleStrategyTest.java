package dev.turnpike.throttling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.throttling.ClusterLimitsSettings;
import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.RedisFailurePolicy;
import dev.turnpike.throttling.ThrottleDecision;
import dev.turnpike.throttling.ThrottleKey;
import dev.turnpike.throttling.ThrottleReason;
import dev.turnpike.throttling.testing.MutableClock;
import dev.turnpike.throttling.testing.RedisProcess;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

class RedisThrottleStrategyTest {

    private static final Duration CALL_TIMEOUT = Duration.ofMillis(200);
    /** Generous bound on one call while Redis is away: timeout x 5; proves "no hang", not speed. */
    private static final Duration CALL_BOUND = CALL_TIMEOUT.multipliedBy(5);
    /** Accuracy tests are not about timeouts: on a loaded 2-core machine a call may take a while. */
    private static final Duration ACCURACY_TIMEOUT = Duration.ofSeconds(5);
    private static final ThrottleKey KEY = ThrottleKey.of("mypage-web", "products");

    private RedisProcess redis;
    private final List<RedisThrottleStrategy> strategies = new ArrayList<>();

    @BeforeEach
    void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterEach
    void stopAll() {
        strategies.forEach(RedisThrottleStrategy::close);
        redis.close();
    }

    @Test
    void threeNodesTogetherAllowWithinTwoPercentOfTheLimit() throws Exception {
        // A small rate keeps the expectation robust on a loaded machine; the window lasts until demand has
        // clearly out-run the limit (at least 2 s and 200 denials), however slow the machine is.
        RateLimitPlan plan = RateLimitPlan.of(10, 200);
        List<RedisThrottleStrategy> nodes = List.of(node(RedisFailurePolicy.FAIL_CLOSED, ACCURACY_TIMEOUT),
                node(RedisFailurePolicy.FAIL_CLOSED, ACCURACY_TIMEOUT),
                node(RedisFailurePolicy.FAIL_CLOSED, ACCURACY_TIMEOUT));
        nodes.forEach(RedisThrottleStrategyTest::awaitConnected);

        AtomicLong allowed = new AtomicLong();
        AtomicLong rateLimited = new AtomicLong();
        AtomicLong unavailable = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            RedisThrottleStrategy node = nodes.get(t % 3);
            done.add(threads.submit(() -> {
                start.await();
                while (!stop.get()) {
                    ThrottleDecision decision = node.tryAcquire(KEY, plan, 1).block(Duration.ofSeconds(10));
                    if (decision.reason() == ThrottleReason.LIMITER_UNAVAILABLE) {
                        unavailable.incrementAndGet();
                    } else if (decision.allowed()) {
                        allowed.incrementAndGet();
                    } else {
                        rateLimited.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                System.nanoTime() - began >= TimeUnit.SECONDS.toNanos(2) && rateLimited.get() >= 200);
        stop.set(true);
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        double elapsedSeconds = (System.nanoTime() - began) / 1e9;
        threads.shutdown();

        double expected = plan.burst() + plan.perSecond() * elapsedSeconds;
        System.out.printf("cluster accuracy: allowed %d of %d attempts in %.3f s, expected %.1f%n", allowed.get(),
                allowed.get() + rateLimited.get(), elapsedSeconds, expected);
        assertThat(unavailable.get()).isZero();
        assertThat((double) allowed.get()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(2));
    }

    @Test
    void dailyQuotaIsExactAcrossNodes() throws Exception {
        RateLimitPlan plan = RateLimitPlan.of(100_000, 100_000).withDailyQuota(500);
        List<RedisThrottleStrategy> nodes = List.of(node(RedisFailurePolicy.FAIL_CLOSED, ACCURACY_TIMEOUT),
                node(RedisFailurePolicy.FAIL_CLOSED, ACCURACY_TIMEOUT),
                node(RedisFailurePolicy.FAIL_CLOSED, ACCURACY_TIMEOUT));
        nodes.forEach(RedisThrottleStrategyTest::awaitConnected);

        AtomicLong allowed = new AtomicLong();
        AtomicLong exhausted = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            RedisThrottleStrategy node = nodes.get(t % 3);
            done.add(threads.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    ThrottleDecision decision = node.tryAcquire(KEY, plan, 1).block(Duration.ofSeconds(10));
                    if (decision.allowed()) {
                        allowed.incrementAndGet();
                    } else if (decision.reason() == ThrottleReason.QUOTA_EXHAUSTED) {
                        exhausted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(allowed.get()).isEqualTo(500);
        assertThat(exhausted.get()).isEqualTo(900 - 500);
    }

    @Test
    void answersLikeTheLocalBucketWhileRedisIsHealthy() {
        RedisThrottleStrategy node = node(RedisFailurePolicy.FAIL_CLOSED, CALL_TIMEOUT);
        awaitConnected(node);
        RateLimitPlan plan = RateLimitPlan.of(1, 3);
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(node.tryAcquire(KEY, plan, 1))
                    .assertNext(decision -> assertThat(decision.allowed()).isTrue())
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
        }
        StepVerifier.create(node.tryAcquire(KEY, plan, 1))
                .assertNext(denied -> {
                    assertThat(denied.allowed()).isFalse();
                    assertThat(denied.reason()).isEqualTo(ThrottleReason.RATE_LIMITED);
                    assertThat(denied.limit()).isEqualTo(3);
                    assertThat(denied.remaining()).isZero();
                    assertThat(denied.retryAfter()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
                    assertThat(denied.reset()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
                    assertThat(denied.policy()).isEqualTo("1;w=1;burst=3");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @EnumSource(RedisFailurePolicy.class)
    void redisStoppedMidTestAnswersByFailurePolicyWithinTimeoutAndRecovers(RedisFailurePolicy policy) {
        MutableClock localClock = new MutableClock(Instant.now());
        RedisThrottleStrategy node = new RedisThrottleStrategy(settings(policy, CALL_TIMEOUT), localClock);
        strategies.add(node);
        awaitConnected(node);
        RateLimitPlan plan = RateLimitPlan.of(1, 30);

        redis.stop();

        List<ThrottleDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StepVerifier.create(node.tryAcquire(KEY, plan, 1))
                    .consumeNextWith(decisions::add)
                    .expectComplete()
                    .verify(CALL_BOUND);
        }
        switch (policy) {
            case FAIL_OPEN -> assertThat(decisions).allSatisfy(d -> {
                assertThat(d.allowed()).isTrue();
                assertThat(d.reason()).isEqualTo(ThrottleReason.LIMITER_UNAVAILABLE);
            });
            case FAIL_CLOSED -> assertThat(decisions).allSatisfy(d -> {
                assertThat(d.allowed()).isFalse();
                assertThat(d.reason()).isEqualTo(ThrottleReason.LIMITER_UNAVAILABLE);
                assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            });
            case LOCAL_SHARE -> {
                // A third of the burst of 30 on this node (the local clock stands still: no refill).
                assertThat(decisions).filteredOn(ThrottleDecision::allowed).hasSize(10)
                        .allSatisfy(d -> assertThat(d.limit()).isEqualTo(10));
                assertThat(decisions.subList(10, 20)).allSatisfy(
                        d -> assertThat(d.reason()).isEqualTo(ThrottleReason.RATE_LIMITED));
            }
        }
        assertThat(node.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

        redis.restart();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ThrottleDecision d = node.tryAcquire(KEY, plan, 1).block(CALL_BOUND);
            return d.reason() == ThrottleReason.WITHIN_LIMIT && d.limit() == 30;
        });
    }

    @Test
    void scriptDigestIsTheOneRedisComputesSoCallsTakeOneRoundTrip() {
        RedisClient admin = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            assertThat(connection.sync().scriptLoad(RedisLimitScript.SOURCE)).isEqualTo(RedisLimitScript.SHA1);
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void callsToAPausedRedisReturnAfterTheTimeoutNotWhenRedisWakes() {
        RedisThrottleStrategy node = node(RedisFailurePolicy.FAIL_CLOSED, CALL_TIMEOUT);
        awaitConnected(node);
        RedisClient admin = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            connection.sync().clientPause(3000);
            for (int i = 0; i < 3; i++) {
                StepVerifier.create(node.tryAcquire(KEY, RateLimitPlan.of(10, 10), 1))
                        .assertNext(d -> {
                            assertThat(d.allowed()).isFalse();
                            assertThat(d.reason()).isEqualTo(ThrottleReason.LIMITER_UNAVAILABLE);
                        })
                        .expectComplete()
                        .verify(CALL_BOUND);
            }
        } finally {
            admin.shutdown();
        }
    }

    private RedisThrottleStrategy node(RedisFailurePolicy policy, Duration timeout) {
        RedisThrottleStrategy node = new RedisThrottleStrategy(settings(policy, timeout),
                java.time.Clock.systemUTC());
        strategies.add(node);
        return node;
    }

    private ClusterLimitsSettings settings(RedisFailurePolicy policy, Duration timeout) {
        return ClusterLimitsSettings.builder(redis.uri())
                .callTimeout(timeout)
                .failurePolicy(policy)
                .nodeCount(3)
                .breakerMinimumCalls(5)
                .breakerOpenFor(Duration.ofSeconds(1))
                .build();
    }

    /** Waits until the node answers from Redis, using a key of its own so the tests' keys stay untouched. */
    private static void awaitConnected(RedisThrottleStrategy node) {
        ThrottleKey probe = ThrottleKey.of("probe", "connect");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                node.tryAcquire(probe, RateLimitPlan.of(1000, 1000), 1).block(Duration.ofSeconds(10)).reason()
                        == ThrottleReason.WITHIN_LIMIT);
    }
}
