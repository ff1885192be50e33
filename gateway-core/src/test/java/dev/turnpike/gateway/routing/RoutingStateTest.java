package dev.turnpike.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.VersionedCatalog;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Snapshot swaps under traffic: requests to a route that does not change keep being answered by the upstream while
 * hundreds of catalog changes to other APIs go live, and each change is served as soon as {@code publish} returns.
 */
class RoutingStateTest {
    private static final int OTHER_APIS = 200;
    private static final int PUBLISHES = 300;

    @TempDir
    Path dir;

    @Test
    void unchangedRouteNeverFailsWhileOtherApisChange() throws Exception {
        try (TestUpstream upstream = TestUpstream.start("u", (req, res) -> res.sendString(Mono.just("ok")))) {
            UpstreamPool pool = TestCatalogs.pool("p", upstream);
            List<Api> apis = new ArrayList<>();
            apis.add(api("stable", "/stable", List.of(new Route("GET", "/items/{id}"))));
            for (int i = 0; i < OTHER_APIS; i++) {
                apis.add(api("api" + i, "/api" + i, List.of(new Route("GET", "/items/{id}"))));
            }
            try (GatewayUnderTest gateway = GatewayUnderTest.start(dir, new Catalog(apis, List.of(pool)))) {
                RoutingState routing = gateway.server().routing();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                HttpRequest stable = HttpRequest.newBuilder(gateway.uri("/stable/items/7"))
                        .timeout(Duration.ofSeconds(10)).build();
                AtomicBoolean publishing = new AtomicBoolean(true);
                AtomicLong answered = new AtomicLong();
                Map<Integer, AtomicLong> failures = new ConcurrentHashMap<>();
                CountDownLatch hammering = new CountDownLatch(3);
                ExecutorService threads = Executors.newFixedThreadPool(3);
                List<Future<?>> hammers = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    hammers.add(threads.submit(() -> {
                        hammering.countDown();
                        while (publishing.get()) {
                            int status = http.send(stable, HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status == 200) {
                                answered.incrementAndGet();
                            } else {
                                failures.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                assertThat(hammering.await(10, TimeUnit.SECONDS)).isTrue();

                Random random = new Random(7);
                long version = 1_000_000;
                List<Api> current = new ArrayList<>(apis);
                for (int p = 0; p < PUBLISHES; p++) {
                    int i = 1 + random.nextInt(OTHER_APIS);
                    String added = "/g" + p;
                    current.set(i, api(current.get(i).id(), current.get(i).basePath(),
                            List.of(new Route("GET", "/items/{id}"), new Route("GET", added))));
                    routing.publish(new VersionedCatalog(++version, new Catalog(current, List.of(pool))));
                    // publish returns once the change is live: the new route answers at once.
                    assertThat(http.send(HttpRequest.newBuilder(gateway.uri(current.get(i).basePath() + added))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
                }
                publishing.set(false);
                for (Future<?> h : hammers) {
                    h.get(30, TimeUnit.SECONDS);
                }
                threads.shutdown();

                assertThat(failures).as("non-200 answers for the unchanged route").isEmpty();
                assertThat(answered.get()).isPositive();
                assertThat(routing.current().version()).isEqualTo(version);
            }
        }
    }

    private static Api api(String id, String basePath, List<Route> routes) {
        return TestCatalogs.api(id, basePath, "/", List.of(new Target("p", 1)), routes);
    }
}
