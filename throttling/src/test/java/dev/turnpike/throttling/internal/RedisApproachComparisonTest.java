package dev.turnpike.throttling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.throttling.ClusterLimitsSettings;
import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.RedisFailurePolicy;
import dev.turnpike.throttling.ThrottleKey;
import dev.turnpike.throttling.ThrottleReason;
import dev.turnpike.throttling.testing.RedisProcess;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The measurement behind choosing a Lua script over Bucket4j's Lettuce compare-and-swap proxy for cluster
 * limits. Not a test of speed (nothing here asserts a time): it prints throughput and checks both count right.
 * Run with {@code -Dturnpike.compare-redis=true -Dtest=RedisApproachComparisonTest}.
 */
@EnabledIfSystemProperty(named = "turnpike.compare-redis", matches = "true")
class RedisApproachComparisonTest {

    private static final int CALLS = 2_000;

    @Test
    void luaScriptAgainstBucket4jCompareAndSwap() throws Exception {
        try (RedisProcess redis = RedisProcess.start()) {
            RateLimitPlan plan = RateLimitPlan.of(1_000_000, 1_000_000);

            try (RedisThrottleStrategy lua = new RedisThrottleStrategy(ClusterLimitsSettings.builder(redis.uri())
                    .callTimeout(Duration.ofSeconds(5)).failurePolicy(RedisFailurePolicy.FAIL_CLOSED).build(),
                    Clock.systemUTC())) {
                IntFunction<Mono<Boolean>> oneKey = i -> lua.tryAcquire(ThrottleKey.of("c", "a"), plan, 1)
                        .map(d -> d.reason() == ThrottleReason.WITHIN_LIMIT);
                IntFunction<Mono<Boolean>> manyKeys = i -> lua.tryAcquire(ThrottleKey.of("c" + i, "a"), plan, 1)
                        .map(d -> d.reason() == ThrottleReason.WITHIN_LIMIT);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> oneKey.apply(0).block(Duration.ofSeconds(10)));
                run("lua (warm-up)", oneKey, 1);
                run("lua sequential, one key", oneKey, 1);
                run("lua 16 in flight, one key", oneKey, 16);
                run("lua 16 in flight, distinct keys", manyKeys, 16);
            }

            RedisClient client = RedisClient.create(redis.uri());
            try {
                LettuceBasedProxyManager<byte[]> proxies = Bucket4jLettuce.casBasedBuilder(client)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy
                                .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                        .build();
                BucketConfiguration config = BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(plan.burst())
                                .refillGreedy(plan.perSecond(), Duration.ofSeconds(1)))
                        .build();
                AsyncBucketProxy shared = proxies.asAsync().builder()
                        .build(bytes("b4j:one"), () -> CompletableFuture.completedFuture(config));
                IntFunction<Mono<Boolean>> oneKey = i -> Mono.fromFuture(shared.tryConsumeAndReturnRemaining(1))
                        .map(ConsumptionProbe::isConsumed);
                IntFunction<Mono<Boolean>> manyKeys = i -> Mono.fromFuture(proxies.asAsync().builder()
                        .build(bytes("b4j:" + i), () -> CompletableFuture.completedFuture(config))
                        .tryConsumeAndReturnRemaining(1)).map(ConsumptionProbe::isConsumed);
                // The bare script through a default Lettuce client: separates script cost from the strategy's own.
                io.lettuce.core.api.async.RedisAsyncCommands<String, String> raw = client.connect().async();
                String[] rawArgs = RedisLimitScript.args(plan, 1, 0);
                IntFunction<Mono<Boolean>> bare = i -> Mono.fromCompletionStage(raw.<java.util.List<Object>>eval(
                                RedisLimitScript.SOURCE, io.lettuce.core.ScriptOutputType.MULTI,
                                new String[] {"raw:{one}:b", "raw:{one}:q"}, rawArgs))
                        .map(reply -> ((Number) reply.get(0)).longValue() == 1);
                run("bare lua eval (warm-up)", bare, 1);
                run("bare lua eval sequential, one key", bare, 1);
                run("bare lua eval 16 in flight, one key", bare, 16);
                if (Boolean.getBoolean("turnpike.compare-redis.parts")) {
                    raw.scriptLoad(RedisLimitScript.SOURCE).get();
                    IntFunction<Mono<Boolean>> sha = i -> Mono.fromCompletionStage(raw.<java.util.List<Object>>evalsha(
                                    RedisLimitScript.SHA1, io.lettuce.core.ScriptOutputType.MULTI,
                                    new String[] {"raw:{one}:b", "raw:{one}:q"}, rawArgs))
                            .map(reply -> ((Number) reply.get(0)).longValue() == 1);
                    run("bare evalsha 16 in flight", sha, 16);
                    run("evalsha+timeout 16 in flight", i -> sha.apply(i).timeout(Duration.ofSeconds(5)), 16);
                    io.github.resilience4j.circuitbreaker.CircuitBreaker cb =
                            io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("x");
                    run("evalsha+breaker 16 in flight", i -> sha.apply(i).transformDeferred(
                            io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator.of(cb)), 16);
                    run("evalsha+defer 16 in flight", i -> Mono.defer(() -> sha.apply(i)), 16);
                }
                run("bucket4j-cas (warm-up)", oneKey, 1);
                run("bucket4j-cas sequential, one key", oneKey, 1);
                run("bucket4j-cas 16 in flight, one key", oneKey, 16);
                run("bucket4j-cas 16 in flight, distinct keys", manyKeys, 16);
            } finally {
                client.shutdown();
            }
        }
    }

    private static void run(String name, IntFunction<Mono<Boolean>> call, int concurrency) {
        long start = System.nanoTime();
        Long consumed = Flux.range(0, CALLS)
                .flatMap(call::apply, concurrency)
                .filter(Boolean::booleanValue)
                .count()
                .block(Duration.ofMinutes(2));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-42s %6.0f calls/s  (%d calls, %.2f s)%n", name, CALLS / seconds, CALLS, seconds);
        assertThat(consumed).isEqualTo(CALLS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
