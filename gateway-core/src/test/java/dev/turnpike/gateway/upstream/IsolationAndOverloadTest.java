package dev.turnpike.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Criticality;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Bulkheads by criticality, the pools' adaptive limits and the node's admission limit, on real upstreams. */
class IsolationAndOverloadTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private static CompletableFuture<HttpResponse<String>> getAsync(GatewayUnderTest gw, String path) {
        return HTTP.sendAsync(HttpRequest.newBuilder(gw.uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFloodOfCallsToAHangingStandardApiLeavesCriticalApisServed() throws Exception {
        AtomicInteger hanging = new AtomicInteger();
        try (TestUpstream stuck = TestUpstream.start("stuck", (req, res) -> {
                 hanging.incrementAndGet();
                 return Mono.never();
             });
             TestUpstream vital = TestUpstream.start("vital")) {
            Catalog catalog = new Catalog(List.of(
                    Apis.api("stuck", Criticality.STANDARD, ApiPolicies.NONE.withTimeout(Duration.ofSeconds(10))),
                    Apis.api("vital", Criticality.CRITICAL, ApiPolicies.NONE)),
                    List.of(Apis.pool("stuck", stuck), Apis.pool("vital", vital)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog, Map.of(
                    "upstream.standardConcurrency", "8", "upstream.criticalConcurrency", "8"))) {
                List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    flood.add(getAsync(gw, "/stuck/x"));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> hanging.get() == 8);
                await().atMost(Duration.ofSeconds(20)).until(() -> flood.stream().filter(f -> f.isDone()).count() == 22);
                for (CompletableFuture<HttpResponse<String>> f : flood) {
                    if (f.isDone()) {
                        assertThat(f.get().statusCode()).isEqualTo(503);
                        assertThat(f.get().body()).contains("https://turnpike.dev/problems/bulkhead-full");
                        assertThat(f.get().headers().firstValue("retry-after")).hasValue("1");
                    }
                }
                for (int i = 0; i < 20; i++) {
                    assertThat(gw.get("/vital/x").statusCode()).as("CRITICAL call " + i).isEqualTo(200);
                }
                assertThat(hanging.get()).as("STANDARD calls over the budget never left").isEqualTo(8);
                stuck.kill();
            }
        }
    }

    @Test
    void aPoolAtItsConcurrencyLimitShedsWith503OverloadedWhileOtherPoolsServe() throws Exception {
        AtomicInteger hanging = new AtomicInteger();
        try (TestUpstream stuck = TestUpstream.start("stuck", (req, res) -> {
                 hanging.incrementAndGet();
                 return Mono.never();
             });
             TestUpstream fine = TestUpstream.start("fine")) {
            Catalog catalog = new Catalog(List.of(
                    Apis.api("stuck", Criticality.STANDARD, ApiPolicies.NONE.withTimeout(Duration.ofSeconds(10))),
                    Apis.api("fine", Criticality.STANDARD, ApiPolicies.NONE)),
                    List.of(Apis.pool("stuck", stuck), Apis.pool("fine", fine)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog, Map.of("overload.poolLimit.initial", "4",
                    "overload.poolLimit.min", "1", "overload.poolLimit.max", "4"))) {
                List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    held.add(getAsync(gw, "/stuck/x"));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> hanging.get() == 4);
                HttpResponse<String> shed = gw.get("/stuck/x");
                assertThat(shed.statusCode()).isEqualTo(503);
                assertThat(shed.body()).contains("https://turnpike.dev/problems/overloaded");
                assertThat(shed.headers().firstValue("retry-after")).hasValue("1");
                assertThat(gw.get("/fine/x").statusCode()).isEqualTo(200);
                assertThat(hanging.get()).isEqualTo(4);
                stuck.kill();
            }
        }
    }

    @Test
    void theNodeShedsRequestsOverItsAdmissionLimitAtOnce() throws Exception {
        AtomicInteger hanging = new AtomicInteger();
        try (TestUpstream stuck = TestUpstream.start("stuck", (req, res) -> {
            hanging.incrementAndGet();
            return Mono.never();
        })) {
            Catalog catalog = new Catalog(List.of(
                    Apis.api("stuck", Criticality.CRITICAL, ApiPolicies.NONE.withTimeout(Duration.ofSeconds(10)))),
                    List.of(Apis.pool("stuck", stuck)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog, Map.of("overload.maxInFlight", "3"))) {
                List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    held.add(getAsync(gw, "/stuck/x"));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> hanging.get() == 3);
                HttpResponse<String> shed = gw.get("/stuck/x");
                assertThat(shed.statusCode()).isEqualTo(503);
                assertThat(shed.body()).contains("https://turnpike.dev/problems/overloaded", "admission limit");
                assertThat(shed.headers().firstValue("retry-after")).hasValue("1");
                assertThat(gw.get("/nothing-here").statusCode()).as("even a 404 needs admission").isEqualTo(503);
                assertThat(gw.admin("/metrics").body()).contains("turnpike_overload_shed_total 2.0");
                stuck.kill();
            }
        }
    }
}
