package dev.turnpike.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.CircuitBreakerPolicy;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.RetryPolicy;
import dev.turnpike.registry.model.UpstreamPool;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** The API policies the call layer enforces (timeout, retry and its budget, circuit breaker), on real upstreams. */
class ResilienceTest {
    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void hangingUpstreamIs504AtTheDeadlineWithItsConnectionClosedWhileOtherApisAnswer() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        try (TestUpstream hanging = TestUpstream.start("hanging", (req, res) -> {
                 seen.incrementAndGet();
                 req.withConnection(c -> c.onDispose(closed::countDown));
                 return Mono.never();
             });
             TestUpstream healthy = TestUpstream.start("healthy")) {
            Catalog catalog = new Catalog(List.of(
                    Apis.api("hang", Criticality.STANDARD, ApiPolicies.NONE.withTimeout(Duration.ofMillis(700))),
                    Apis.api("fine", Criticality.STANDARD, ApiPolicies.NONE)),
                    List.of(Apis.pool("hang", hanging), Apis.pool("fine", healthy)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                long start = System.nanoTime();
                CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> get(gw, "/hang/x"));
                for (int i = 0; i < 5; i++) {
                    assertThat(gw.get("/fine/x").statusCode()).isEqualTo(200);
                }
                HttpResponse<String> r = slow.get(10, TimeUnit.SECONDS);
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertThat(r.statusCode()).isEqualTo(504);
                assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
                assertThat(r.body()).contains("https://turnpike.dev/problems/upstream-timeout");
                // Not before the deadline; the upper bound is generous because the machine is shared.
                assertThat(tookMillis).isBetween(690L, 5_000L);
                assertThat(closed.await(5, TimeUnit.SECONDS)).as("upstream connection closed").isTrue();
                assertThat(seen.get()).as("a timeout is not retried").isEqualTo(1);
            }
        }
    }

    @Test
    void connectFailuresAreTriedAgainOnAnotherInstanceBodiesIncluded() throws Exception {
        try (TestUpstream alive = TestUpstream.start("alive")) {
            Catalog catalog = new Catalog(List.of(Apis.api("mixed", Criticality.STANDARD, ApiPolicies.NONE)),
                    List.of(Apis.pool("mixed", freePort(), alive.port())));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                for (int i = 0; i < 6; i++) {
                    HttpResponse<String> r = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/mixed/x"))
                            .POST(HttpRequest.BodyPublishers.ofString("order-" + i)));
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(alive.take().body()).isEqualTo("order-" + i);
                }
            }
        }
    }

    @Test
    void retriedStatusGoesToAnotherInstanceOnlyForListedMethods() throws Exception {
        AtomicInteger failing = new AtomicInteger();
        try (TestUpstream sick = TestUpstream.start("sick", (req, res) -> {
                 failing.incrementAndGet();
                 return res.status(503).sendString(Mono.just("sick")).then();
             });
             TestUpstream well = TestUpstream.start("well")) {
            RetryPolicy retry = new RetryPolicy(2, true, List.of(503), List.of("GET"));
            UpstreamPool pool = Apis.pool("r", sick, well);
            // 503s in a row must not eject the sick instance here: the retry rule is what is under test.
            pool = new UpstreamPool(pool.id(), pool.instances(), pool.balancer(), pool.tls(), pool.settings(),
                    new OutlierDetection(0, Duration.ofMinutes(5), 50), Optional.empty());
            Catalog catalog = new Catalog(List.of(Apis.api("r", Criticality.STANDARD,
                    ApiPolicies.NONE.withRetry(retry))), List.of(pool));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                for (int i = 0; i < 6; i++) {
                    assertThat(gw.get("/r/x").statusCode()).isEqualTo(200);
                }
                assertThat(failing.get()).isBetween(1, 6);
                int posts503 = 0;
                for (int i = 0; i < 6; i++) {
                    HttpResponse<String> r = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/r/x"))
                            .POST(HttpRequest.BodyPublishers.ofString("x")));
                    if (r.statusCode() == 503) {
                        posts503++;
                        assertThat(r.body()).as("the upstream's answer, untouched").isEqualTo("sick");
                    }
                }
                assertThat(posts503).as("POST is not in the retried methods").isEqualTo(3);
            }
        }
    }

    @Test
    void retryBudgetCapsRetriesDuringAFullOutage() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        try (TestUpstream a = TestUpstream.start("a", (req, res) -> {
                 tries.incrementAndGet();
                 return res.status(503).send().then();
             });
             TestUpstream b = TestUpstream.start("b", (req, res) -> {
                 tries.incrementAndGet();
                 return res.status(503).send().then();
             })) {
            RetryPolicy retry = new RetryPolicy(3, true, List.of(503), List.of("GET"));
            Catalog catalog = new Catalog(List.of(Apis.api("out", Criticality.STANDARD,
                    ApiPolicies.NONE.withRetry(retry))), List.of(Apis.pool("out", a, b)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                int calls = 150;
                for (int i = 0; i < calls; i++) {
                    assertThat(gw.get("/out/x").statusCode()).isEqualTo(503);
                }
                // Without a budget: 3 tries per call (450). With it: 20 % of the calls plus a floor of 10 per 10 s.
                assertThat(tries.get()).isGreaterThanOrEqualTo(calls).isLessThanOrEqualTo(calls + calls / 5 + 10);
            }
        }
    }

    @Test
    void flappingUpstreamOpensTheCircuitAndHalfOpenTrialsCloseIt() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger seen = new AtomicInteger();
        try (TestUpstream flappy = TestUpstream.start("flappy", (req, res) -> {
            seen.incrementAndGet();
            return failing.get() ? res.status(500).send().then() : res.sendString(Mono.just("ok")).then();
        })) {
            CircuitBreakerPolicy cb = new CircuitBreakerPolicy(50, 10, Duration.ofSeconds(1));
            Catalog catalog = new Catalog(List.of(Apis.api("flap", Criticality.STANDARD,
                    ApiPolicies.NONE.withCircuitBreaker(cb))), List.of(Apis.pool("flap", flappy)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                for (int i = 0; i < 10; i++) {
                    assertThat(gw.get("/flap/x").statusCode()).isEqualTo(500);
                }
                HttpResponse<String> open = gw.get("/flap/x");
                assertThat(open.statusCode()).isEqualTo(503);
                assertThat(open.body()).contains("https://turnpike.dev/problems/circuit-open");
                assertThat(open.headers().firstValue("retry-after")).hasValue("1");
                assertThat(seen.get()).as("an open circuit sends nothing").isEqualTo(10);
                UpstreamCaller caller = gw.server().upstreamCaller();
                assertThat(caller.circuitStates("flap")).containsEntry("flap", CircuitBreaker.State.OPEN);
                String token = gw.server().generatedAdminToken().orElseThrow();
                HttpResponse<String> circuits = GatewayUnderTest.send(HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + gw.adminPort() + "/admin/v1/apis/flap/circuits"))
                        .header("Authorization", "Bearer " + token).GET());
                assertThat(circuits.body()).contains("{\"pool\":\"flap\",\"state\":\"OPEN\"}");
                assertThat(gw.admin("/metrics").body())
                        .contains("turnpike_circuit_state{name=\"flap/flap\",state=\"open\"} 1.0");

                failing.set(false);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> gw.get("/flap/x").statusCode() == 200);
                for (int i = 0; i < 3; i++) {
                    assertThat(gw.get("/flap/x").statusCode()).isEqualTo(200);
                }
                assertThat(caller.circuitStates("flap")).containsEntry("flap", CircuitBreaker.State.CLOSED);
            }
        }
    }

    private static HttpResponse<String> get(GatewayUnderTest gw, String path) {
        try {
            return gw.get(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
