package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.UpstreamPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Passive outlier ejection through a real gateway, against real upstreams that answer 500. */
class OutlierEjectionTest {
    @TempDir
    Path dir;

    /** An upstream answering 500 while {@code failing} is set, else 200; counts what reaches it. */
    private static TestUpstream flaky(String name, AtomicBoolean failing, List<Long> hits) {
        return TestUpstream.start(name, (req, res) -> {
            hits.add(System.nanoTime());
            return res.status(failing.get() ? 500 : 200).sendString(Mono.just(name)).then();
        });
    }

    private static Catalog catalog(OutlierDetection outliers, Duration ejectFor, TestUpstream... upstreams) {
        PoolSettings d = PoolSettings.DEFAULTS;
        PoolSettings settings = new PoolSettings(d.maxConnections(), d.pendingAcquireMax(), d.connectTimeout(),
                d.responseTimeout(), d.maxIdleTime(), ejectFor);
        UpstreamPool base = TestCatalogs.pool("p", Balancer.LEAST_OUTSTANDING, settings, upstreams);
        UpstreamPool pool = new UpstreamPool(base.id(), base.instances(), base.balancer(), false, settings, outliers,
                Optional.empty());
        return TestCatalogs.oneApi("/o", "/", pool, Route.prefix());
    }

    @Test
    void anInstanceAnswering500IsEjectedAndComesBack() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        List<Long> badHits = new CopyOnWriteArrayList<>();
        try (TestUpstream bad = flaky("bad", failing, badHits);
             TestUpstream good = TestUpstream.start("good")) {
            Catalog catalog = catalog(new OutlierDetection(3, Duration.ofMinutes(1), 50), Duration.ofSeconds(5),
                    bad, good);
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    gw.get("/o/x");
                    return badHits.size() >= 3;
                });
                int seen = badHits.size();
                for (int i = 0; i < 10; i++) {
                    assertThat(gw.get("/o/x").statusCode()).isEqualTo(200);
                }
                assertThat(badHits).hasSize(seen);

                failing.set(false);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    gw.get("/o/x");
                    return badHits.size() > seen;
                });
                assertThat(gw.get("/o/x").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void theMaximumEjectedShareKeepsHalfThePoolServing() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        List<Long> hitsA = new CopyOnWriteArrayList<>();
        List<Long> hitsB = new CopyOnWriteArrayList<>();
        try (TestUpstream a = flaky("a", failing, hitsA); TestUpstream b = flaky("b", failing, hitsB)) {
            Catalog catalog = catalog(new OutlierDetection(1, Duration.ofMinutes(1), 50), Duration.ofSeconds(30),
                    a, b);
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    statuses.add(gw.get("/o/x").statusCode());
                }
                // One instance is ejected for 30 s; the other cannot be, so every call still reaches an upstream.
                assertThat(statuses).containsOnly(500);
                assertThat(Math.min(hitsA.size(), hitsB.size())).isEqualTo(1);
                assertThat(hitsA.size() + hitsB.size()).isEqualTo(20);
            }
        }
    }

    @Test
    void ejectionTimeGrowsWithRepeatedEjections() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        List<Long> badHits = new CopyOnWriteArrayList<>();
        AtomicInteger rejected = new AtomicInteger();
        try (TestUpstream bad = flaky("bad", failing, badHits)) {
            long ejectFor = Duration.ofMillis(400).toNanos();
            // A pool of one that may be ejected whole: while it is out, calls get 503 without reaching it, and the
            // first call after its ejection ends reaches it again.
            Catalog catalog = catalog(new OutlierDetection(1, Duration.ofSeconds(10), 100),
                    Duration.ofNanos(ejectFor), bad);
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    if (gw.get("/o/x").statusCode() == 503) {
                        rejected.incrementAndGet();
                    }
                    return badHits.size() >= 4;
                });
            }
            // The k-th ejection lasts k x ejectFor, so the instance sees no request for at least that long after it.
            for (int k = 1; k <= 3; k++) {
                long gap = badHits.get(k) - badHits.get(k - 1);
                assertThat(gap).as("gap after ejection %d of hits %s", k, badHits).isGreaterThanOrEqualTo(k * ejectFor);
            }
            assertThat(rejected.get()).isPositive();
        }
    }
}
