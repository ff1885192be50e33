package dev.turnpike.gateway.admin;

import static dev.turnpike.gateway.admin.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.HealthCheck;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.UpstreamPool;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Active health checks and the {@code GET /admin/v1/pools/{id}/health} view, against real upstreams. */
class PoolHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** An upstream whose {@code /health} answers 200 or 503 by {@code up}; other paths answer its name. */
    private static TestUpstream checked(String name, AtomicBoolean up, AtomicInteger checks) {
        return TestUpstream.start(name, (req, res) -> {
            if (req.uri().equals("/health")) {
                checks.incrementAndGet();
                return res.status(up.get() ? 200 : 503).send();
            }
            return res.sendString(Mono.just(name)).then();
        });
    }

    private static Catalog catalog(Optional<HealthCheck> check, TestUpstream... upstreams) {
        UpstreamPool base = TestCatalogs.pool("p", Balancer.LEAST_OUTSTANDING, PoolSettings.DEFAULTS, upstreams);
        return TestCatalogs.oneApi("/h", "/", new UpstreamPool("p", base.instances(), base.balancer(), false,
                base.settings(), OutlierDetection.DEFAULTS, check), Route.prefix());
    }

    private static HealthCheck fastCheck() {
        // Short enough for a quick test, long enough that a busy machine does not fail a healthy instance's checks.
        return new HealthCheck("/health", Duration.ofMillis(500), Duration.ofMillis(500), 2, 2,
                HealthCheck.DEFAULT_STATUSES);
    }

    private static JsonNode instance(AdminClient admin, TestUpstream upstream) throws Exception {
        JsonNode view = json(admin.get("/admin/v1/pools/p/health"));
        for (JsonNode i : view.get("instances")) {
            if (i.get("address").asText().equals(upstream.address())) {
                return i;
            }
        }
        throw new AssertionError("no instance " + upstream.address() + " in " + view);
    }

    private static Set<String> upstreamsOf(GatewayUnderTest gw, int requests) throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            seen.add(gw.get("/h/x").body());
        }
        return seen;
    }

    @Test
    void healthChecksMarkAnInstanceDownAndUpAndTheViewShowsIt() throws Exception {
        AtomicBoolean aUp = new AtomicBoolean(true);
        AtomicInteger aChecks = new AtomicInteger();
        try (TestUpstream a = checked("a", aUp, aChecks); TestUpstream b = checked("b", new AtomicBoolean(true),
                new AtomicInteger())) {
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog(Optional.of(fastCheck()), a, b),
                    AdminClient.TOKENS)) {
                AdminClient admin = new AdminClient(gw);
                await().atMost(WAIT).until(() -> aChecks.get() >= 2);
                JsonNode healthy = instance(admin, a);
                assertThat(healthy.get("healthy").asBoolean()).isTrue();
                assertThat(healthy.get("available").asBoolean()).isTrue();

                aUp.set(false);
                await().atMost(WAIT).until(() -> !instance(admin, a).get("healthy").asBoolean());
                assertThat(upstreamsOf(gw, 10)).containsExactly("b");
                JsonNode view = json(admin.get("/admin/v1/pools/p/health"));
                assertThat(view.get("healthCheck").get("path").asText()).isEqualTo("/health");
                assertThat(view.get("healthCheck").get("interval").asText()).isEqualTo("500ms");
                assertThat(gw.admin("/metrics").body())
                        .contains("turnpike_upstream_health_checks_total{pool=\"p\",result=\"fail\"}")
                        .contains("turnpike_upstream_instances{pool=\"p\",state=\"unhealthy\"} 1.0");

                aUp.set(true);
                await().atMost(WAIT).until(() -> instance(admin, a).get("healthy").asBoolean());
                await().atMost(WAIT).until(() -> upstreamsOf(gw, 10).contains("a"));
            }
        }
    }

    @Test
    void checksFollowTheCatalogLive() throws Exception {
        AtomicBoolean aUp = new AtomicBoolean(false);
        AtomicInteger aChecks = new AtomicInteger();
        try (TestUpstream a = checked("a", aUp, aChecks); TestUpstream b = checked("b", new AtomicBoolean(true),
                new AtomicInteger())) {
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog(Optional.empty(), a, b),
                    AdminClient.TOKENS)) {
                AdminClient admin = new AdminClient(gw);
                String pool = "{\"id\":\"p\",\"instances\":[\"" + a.address() + "\",\"" + b.address() + "\"]";
                // No check configured: nothing probes the instances, for as long as we watch.
                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> aChecks.get() == 0);
                assertThat(json(admin.get("/admin/v1/pools/p/health")).get("healthCheck").isNull()).isTrue();

                assertThat(admin.send("PUT", "/admin/v1/pools/p", pool + ",\"healthCheck\":{\"path\":\"/health\","
                        + "\"interval\":\"500ms\",\"timeout\":\"500ms\",\"unhealthyThreshold\":2}}").statusCode())
                        .isEqualTo(200);
                await().atMost(WAIT).until(() -> !instance(admin, a).get("healthy").asBoolean());
                assertThat(upstreamsOf(gw, 10)).containsExactly("b");

                // Dropping the check stops it and puts the instance back.
                assertThat(admin.send("PUT", "/admin/v1/pools/p", pool + "}").statusCode()).isEqualTo(200);
                assertThat(instance(admin, a).get("healthy").asBoolean()).isTrue();
                int checks = aChecks.get();
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10))
                        .until(() -> aChecks.get() <= checks + 1); // at most a check already under way ends
                await().atMost(WAIT).until(() -> upstreamsOf(gw, 10).contains("a"));
            }
        }
    }

    @Test
    void theViewShowsEjectionsLatencyAndInFlightAndUnknownPoolsAre404() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        try (TestUpstream bad = TestUpstream.start("bad", (req, res) ->
                res.status(failing.get() ? 500 : 200).send());
             TestUpstream good = TestUpstream.start("good")) {
            UpstreamPool base = TestCatalogs.pool("p", Balancer.PEAK_EWMA, PoolSettings.DEFAULTS, bad, good);
            Catalog catalog = TestCatalogs.oneApi("/h", "/", new UpstreamPool("p", base.instances(),
                    base.balancer(), false, base.settings(), new OutlierDetection(1, Duration.ofMinutes(1), 50),
                    Optional.empty()), Route.prefix());
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog, AdminClient.TOKENS)) {
                AdminClient admin = new AdminClient(gw);
                await().atMost(WAIT).until(() -> {
                    gw.get("/h/x");
                    return instance(admin, bad).get("ejected").asBoolean();
                });
                JsonNode view = json(admin.get("/admin/v1/pools/p/health"));
                assertThat(view.get("balancer").asText()).isEqualTo("peak-ewma");
                assertThat(view.get("outlierDetection").get("consecutiveFailures").asInt()).isEqualTo(1);
                JsonNode ejected = instance(admin, bad);
                assertThat(ejected.get("ejections").asInt()).isEqualTo(1);
                assertThat(ejected.get("ejectedUntil").asText()).endsWith("Z");
                assertThat(ejected.get("available").asBoolean()).isFalse();
                assertThat(ejected.get("latencyMillis").asDouble()).isPositive();
                assertThat(ejected.get("inFlight").asInt()).isZero();
                assertThat(instance(admin, good).get("ejectedUntil").isNull()).isTrue();

                HttpResponse<String> unknown = admin.get("/admin/v1/pools/nope/health");
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(json(unknown).get("type").asText()).endsWith("/not-found");
            }
        }
    }
}
