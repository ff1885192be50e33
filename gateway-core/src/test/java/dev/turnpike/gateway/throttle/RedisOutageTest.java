package dev.turnpike.gateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.throttling.testing.RedisProcess;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.throttling.testing.MutableClock;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.IssuedApiKey;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One gateway with cluster limits on a real Redis; Redis is stopped mid-test and started again. While it is away
 * each {@code throttle.redis.failurePolicy} answers as docs/consumers.md says — {@code fail-open} lets requests
 * through, {@code fail-closed} refuses them with 503 {@code limiter-unavailable}, {@code local-share} enforces this
 * node's share of the plan in memory — and no request waits for Redis past the configured timeout: every request
 * is bounded by {@link #ANSWER_BOUND}, far above the timeout and far below a hang. When Redis is back, the limit
 * is Redis's again.
 */
class RedisOutageTest {
    /** {@code throttle.redis.timeout}. */
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(200);
    /** Longest any request may take: a request that waited on the dead Redis would take 30 s or forever. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(3);
    private static final int BURST = 30;
    private static final int NODES = 3;
    private static final int OUTAGE_REQUESTS = 20;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(ANSWER_BOUND).build();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fail-open", "fail-closed", "local-share"})
    void redisStoppedMidTestAnswersByFailurePolicyWithoutWaitingAndRecovers(String policy) throws Exception {
        // The clock stands still, so local-share's bucket does not refill: its share is exactly BURST / NODES.
        MutableClock clock = new MutableClock(Instant.now());
        try (RedisProcess redis = RedisProcess.start(); TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog(upstream), Map.of(
                     "throttle.redis.url", redis.uri(), "throttle.redis.timeout", REDIS_TIMEOUT.toMillis() + "ms",
                     "throttle.redis.failurePolicy", policy, "throttle.nodes", Integer.toString(NODES),
                     "store.pollInterval", "50ms", "accessLog", "false"), clock)) {
            IssuedApiKey key = gw.store().createKey("web", Optional.empty(), "test");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gw.server().routing().current().consumers().keyCount() == 1);

            // Healthy: Redis answers (it takes a token; a policy answer would not). The first call may also wait
            // for the connection to Redis, so it is retried rather than required.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertAnsweredByRedis(get(gw, key)));
            int upstreamBefore = upstream.pending();
            double rateBefore = throttled(gw, "rate");
            double unavailableBefore = throttled(gw, "cluster-unavailable");

            redis.stop();

            List<HttpResponse<String>> during = new ArrayList<>();
            for (int i = 0; i < OUTAGE_REQUESTS; i++) {
                during.add(get(gw, key)); // each bounded by ANSWER_BOUND: a timeout fails the test
            }
            double rateDenials = throttled(gw, "rate") - rateBefore;
            double unavailable = throttled(gw, "cluster-unavailable") - unavailableBefore;
            switch (policy) {
                case "fail-open" -> {
                    assertThat(during).allSatisfy(r -> {
                        assertThat(r.statusCode()).isEqualTo(200);
                        // Allowed unchecked: limit = remaining = burst, nothing counted.
                        assertThat(r.headers().firstValue("ratelimit-limit")).hasValue(Integer.toString(BURST));
                        assertThat(r.headers().firstValue("ratelimit-remaining")).hasValue(Integer.toString(BURST));
                    });
                    assertThat(upstream.pending() - upstreamBefore).isEqualTo(OUTAGE_REQUESTS);
                    assertThat(unavailable).isZero();
                }
                case "fail-closed" -> {
                    assertThat(during).allSatisfy(r -> {
                        assertThat(r.statusCode()).isEqualTo(503);
                        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
                        assertThat(r.body()).contains("https://turnpike.dev/problems/limiter-unavailable")
                                .doesNotContain(key.plaintext());
                        // Retry-After = the circuit breaker's open time (5 s by default).
                        assertThat(r.headers().firstValue("retry-after")).hasValue("5");
                    });
                    assertThat(upstream.pending()).as("no refused request reached the upstream")
                            .isEqualTo(upstreamBefore);
                    assertThat(unavailable).isEqualTo(OUTAGE_REQUESTS);
                }
                case "local-share" -> {
                    int share = BURST / NODES;
                    assertThat(during.subList(0, share)).allSatisfy(r -> {
                        assertThat(r.statusCode()).isEqualTo(200);
                        assertThat(r.headers().firstValue("ratelimit-limit")).hasValue(Integer.toString(share));
                    });
                    assertThat(during.subList(share, OUTAGE_REQUESTS)).allSatisfy(r -> {
                        assertThat(r.statusCode()).isEqualTo(429);
                        assertThat(r.body()).contains("https://turnpike.dev/problems/rate-limited");
                        assertThat(r.headers().firstValue("ratelimit-remaining")).hasValue("0");
                    });
                    assertThat(upstream.pending() - upstreamBefore).isEqualTo(share);
                    assertThat(rateDenials).isEqualTo(OUTAGE_REQUESTS - share);
                }
                default -> throw new IllegalArgumentException(policy);
            }

            redis.restart();
            // Back on Redis (after the breaker's open time): a restarted, empty Redis starts with a full bucket.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertAnsweredByRedis(get(gw, key)));
        }
    }

    /** 200 with the plan's burst as the limit and a token taken: a decision Redis made. */
    private static void assertAnsweredByRedis(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("ratelimit-limit")).hasValue(Integer.toString(BURST));
        assertThat(r.headers().firstValue("ratelimit-remaining")).hasValueSatisfying(
                remaining -> assertThat(Integer.parseInt(remaining)).isLessThan(BURST));
    }

    /** {@code turnpike_throttled_total{api="orders",reason=...}}, 0 before the first denial. */
    private static double throttled(GatewayUnderTest gw, String reason) throws Exception {
        String prefix = "turnpike_throttled_total{api=\"orders\",reason=\"" + reason + "\"} ";
        return gw.admin("/metrics").body().lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).trim())).findFirst().orElse(0);
    }

    /** {@code orders} needs a key; {@code web}'s plan: 1/s, burst {@link #BURST}, no quota. */
    private static Catalog catalog(TestUpstream upstream) {
        Api orders = Api.builder("orders", "t", "/orders").targets(List.of(new Target("p", 1))).build();
        return new Catalog(List.of(), List.of(orders), List.of(TestCatalogs.pool("p", upstream)),
                List.of(new Consumer("web", "Web", "web-team", "", ConsumerState.ACTIVE)),
                List.of(new Subscription("web", "orders", Optional.of(new Plan(1, BURST, OptionalLong.empty())),
                        false)));
    }

    /** GET with the key; fails with {@link java.net.http.HttpTimeoutException} past {@link #ANSWER_BOUND}. */
    private static HttpResponse<String> get(GatewayUnderTest gw, IssuedApiKey key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(gw.uri("/orders/x")).header("X-Api-Key", key.plaintext())
                .timeout(ANSWER_BOUND).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
