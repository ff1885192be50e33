package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Route;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** The peak-EWMA balancer through a real gateway, against real upstreams of which one is ten times slower. */
class PeakEwmaTrafficTest {
    private static final int CLIENTS = 4;
    private static final int REQUESTS_EACH = 100;

    @TempDir
    Path dir;

    private static TestUpstream delayed(String name, Duration delay, AtomicInteger hits) {
        return TestUpstream.start(name, (req, res) -> {
            hits.incrementAndGet();
            return Mono.delay(delay).then(res.sendString(Mono.just(name)).then());
        });
    }

    @Test
    void anInstanceTenTimesSlowerGetsUnderATenthOfTheTraffic() throws Exception {
        AtomicInteger fast1 = new AtomicInteger();
        AtomicInteger fast2 = new AtomicInteger();
        AtomicInteger slow = new AtomicInteger();
        try (TestUpstream a = delayed("a", Duration.ofMillis(20), fast1);
             TestUpstream b = delayed("b", Duration.ofMillis(20), fast2);
             TestUpstream c = delayed("c", Duration.ofMillis(200), slow)) {
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/e", "/",
                    TestCatalogs.pool("p", Balancer.PEAK_EWMA, PoolSettings.DEFAULTS, a, b, c), Route.prefix()))) {
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    for (int i = 0; i < CLIENTS; i++) {
                        done.add(clients.submit(() -> {
                            for (int r = 0; r < REQUESTS_EACH; r++) {
                                assertThat(gw.get("/e/x").statusCode()).isEqualTo(200);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get(120, TimeUnit.SECONDS);
                    }
                } finally {
                    clients.shutdownNow();
                }
            }
        }
        int total = fast1.get() + fast2.get() + slow.get();
        assertThat(total).isEqualTo(CLIENTS * REQUESTS_EACH);
        assertThat(slow.get()).as("requests to the slow instance of %d", total).isLessThan(total / 10);
    }
}
