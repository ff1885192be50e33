package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.UpstreamPool;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

class UpstreamFailureTest {
    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void refusedConnectionIsA502ProblemAndAPoolOfOneIsNotEjectedEmpty() throws Exception {
        Catalog catalog = TestCatalogs.oneApi("/dead", "/", TestCatalogs.deadPool("gone", freePort()), Route.prefix());
        try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
            HttpResponse<String> first = gw.get("/dead/x");
            assertThat(first.statusCode()).isEqualTo(502);
            assertThat(first.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(first.body()).contains("https://turnpike.dev/problems/upstream-failed", "\"status\":502")
                    .doesNotContain("127.0.0.1");
            // Ejecting the only instance would exceed the pool's maximum ejected share (50 %): it is tried again.
            HttpResponse<String> second = gw.get("/dead/x");
            assertThat(second.statusCode()).isEqualTo(502);
        }
    }

    @Test
    void refusedConnectionEjectsTheInstanceWhenThePoolMayEjectItAll() throws Exception {
        UpstreamPool dead = TestCatalogs.deadPool("gone", freePort());
        UpstreamPool mayEmpty = new UpstreamPool(dead.id(), dead.instances(), dead.balancer(), false, dead.settings(),
                new OutlierDetection(5, Duration.ofMinutes(5), 100), Optional.empty());
        try (GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/dead", "/", mayEmpty,
                Route.prefix()))) {
            assertThat(gw.get("/dead/x").statusCode()).isEqualTo(502);
            HttpResponse<String> second = gw.get("/dead/x");
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.body()).contains("https://turnpike.dev/problems/no-healthy-instance");
        }
    }

    @Test
    void slowUpstreamIsA504Problem() throws Exception {
        try (TestUpstream slow = TestUpstream.start("slow", (req, res) ->
                Mono.delay(Duration.ofSeconds(3)).then(res.sendString(Mono.just("late")).then()))) {
            Catalog catalog = TestCatalogs.oneApi("/slow", "/", TestCatalogs.pool("slow", Balancer.LEAST_OUTSTANDING,
                    TestCatalogs.responseTimeout(Duration.ofMillis(300)), slow), Route.prefix());
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                HttpResponse<String> r = gw.get("/slow/x");
                assertThat(r.statusCode()).isEqualTo(504);
                assertThat(r.body()).contains("https://turnpike.dev/problems/upstream-timeout", "\"status\":504");
            }
        }
    }

    @Test
    void otherInstancesKeepServingWhileOneIsEjected() throws Exception {
        try (TestUpstream alive = TestUpstream.start("alive")) {
            Catalog catalog = new Catalog(java.util.List.of(TestCatalogs.api("mixed", "/m", "/",
                    java.util.List.of(new dev.turnpike.registry.model.Target("mixed", 1)), java.util.List.of())),
                    java.util.List.of(new dev.turnpike.registry.model.UpstreamPool("mixed", java.util.List.of(
                            new dev.turnpike.registry.model.Instance("127.0.0.1", freePort(), 1),
                            new dev.turnpike.registry.model.Instance("127.0.0.1", alive.port(), 1)),
                            Balancer.ROUND_ROBIN, false, dev.turnpike.registry.model.PoolSettings.DEFAULTS)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                int ok = 0;
                int failed = 0;
                for (int i = 0; i < 10; i++) {
                    int status = gw.get("/m/x").statusCode();
                    if (status == 200) {
                        ok++;
                    } else {
                        failed++;
                    }
                }
                assertThat(failed).isLessThanOrEqualTo(1);
                assertThat(ok).isGreaterThanOrEqualTo(9);
            }
        }
    }
}
