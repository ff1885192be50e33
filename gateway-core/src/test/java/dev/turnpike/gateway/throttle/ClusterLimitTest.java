package dev.turnpike.gateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.throttling.testing.RedisProcess;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.Target;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two gateway nodes share one limit through one real Redis. */
class ClusterLimitTest {
    private static final int BURST = 300;
    private static final int PER_SECOND = 1;

    @TempDir
    Path dir;

    @Test
    void twoNodesOnOneRedisEnforceOneLimitWithinTwoPercent() throws Exception {
        try (RedisProcess redis = RedisProcess.start(); TestUpstream upstream = TestUpstream.start("u",
                (req, res) -> res.sendString(reactor.core.publisher.Mono.just("ok")).then())) {
            Map<String, String> settings = Map.of("throttle.redis.url", redis.uri(), "throttle.nodes", "2",
                    "throttle.redis.timeout", "2s", "accessLog", "false");
            Api shared = Api.builder("shared", "t", "/shared").targets(List.of(new Target("p", 1)))
                    .policies(ApiPolicies.NONE.withPublicAccess(true).withRateLimit(new RateLimit(PER_SECOND, BURST)))
                    .build();
            Catalog catalog = new Catalog(List.of(shared), List.of(TestCatalogs.pool("p", upstream)));
            try (GatewayUnderTest a = GatewayUnderTest.start(dir.resolve("a"), catalog, settings, Clock.systemUTC());
                 GatewayUnderTest b = GatewayUnderTest.start(dir.resolve("b"), catalog, settings, Clock.systemUTC())) {
                int requests = 2 * BURST;
                ExecutorService pool = Executors.newFixedThreadPool(8);
                long start = System.nanoTime();
                List<Future<Integer>> statuses = new ArrayList<>();
                try {
                    for (int i = 0; i < requests; i++) {
                        GatewayUnderTest node = i % 2 == 0 ? a : b;
                        statuses.add(pool.submit(() -> {
                            HttpResponse<String> r = node.get("/shared/x");
                            return r.statusCode();
                        }));
                    }
                    int allowed = 0;
                    int limited = 0;
                    for (Future<Integer> f : statuses) {
                        int status = f.get(60, TimeUnit.SECONDS);
                        if (status == 200) {
                            allowed++;
                        } else if (status == 429) {
                            limited++;
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    // The bucket starts full (BURST) and refills PER_SECOND while the test runs.
                    double ceiling = BURST + PER_SECOND * Math.ceil(seconds);
                    assertThat(allowed + limited).as("every answer is 200 or 429").isEqualTo(requests);
                    assertThat(allowed).as("allowed by both nodes together in %.1f s", seconds)
                            .isBetween((int) Math.floor(BURST * 0.98), (int) Math.ceil(ceiling * 1.02));
                    assertThat(a.admin("/metrics").body()).contains("turnpike_throttled_total{api=\"shared\",reason=\"rate\"}");
                    assertThat(b.admin("/metrics").body()).contains("turnpike_throttled_total{api=\"shared\",reason=\"rate\"}");
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }
}
