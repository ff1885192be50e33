package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Target;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadBalancingTest {
    @TempDir
    Path dir;

    private static Map<String, Integer> hits(GatewayUnderTest gw, String path, int n) throws Exception {
        Map<String, Integer> hits = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String body = gw.get(path).body();
            String name = body.replaceAll(".*\"upstream\":\"([^\"]+)\".*", "$1");
            hits.merge(name, 1, Integer::sum);
        }
        return hits;
    }

    @Test
    void roundRobinSpreadsEvenlyOverAPoolsInstances() throws Exception {
        try (TestUpstream a = TestUpstream.start("a"); TestUpstream b = TestUpstream.start("b")) {
            Catalog catalog = TestCatalogs.oneApi("/rr", "/",
                    TestCatalogs.pool("rr", Balancer.ROUND_ROBIN, PoolSettings.DEFAULTS, a, b));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                assertThat(hits(gw, "/rr/x", 20)).containsEntry("a", 10).containsEntry("b", 10);
            }
        }
    }

    @Test
    void leastOutstandingUsesEveryInstance() throws Exception {
        try (TestUpstream a = TestUpstream.start("a"); TestUpstream b = TestUpstream.start("b")) {
            Catalog catalog = TestCatalogs.oneApi("/lo", "/", TestCatalogs.pool("lo", a, b));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                Map<String, Integer> hits = hits(gw, "/lo/x", 200);
                assertThat(hits.get("a")).isBetween(50, 150);
                assertThat(hits.get("b")).isBetween(50, 150);
            }
        }
    }

    @Test
    void weightedSplitAcrossPoolsFollowsTheWeights() throws Exception {
        try (TestUpstream stable = TestUpstream.start("stable"); TestUpstream canary = TestUpstream.start("canary")) {
            Catalog zero = new Catalog(List.of(TestCatalogs.api("split", "/s", "/",
                    List.of(new Target("stable", 100), new Target("canary", 0)), List.of())),
                    List.of(TestCatalogs.pool("stable", stable), TestCatalogs.pool("canary", canary)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, zero)) {
                assertThat(hits(gw, "/s/x", 30)).containsOnlyKeys("stable");
            }
            Catalog ramp = new Catalog(List.of(TestCatalogs.api("split", "/s", "/",
                    List.of(new Target("stable", 50), new Target("canary", 50)), List.of())),
                    List.of(TestCatalogs.pool("stable", stable), TestCatalogs.pool("canary", canary)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("2"), ramp)) {
                Map<String, Integer> hits = hits(gw, "/s/x", 200);
                assertThat(hits.get("stable")).isBetween(60, 140);
                assertThat(hits.get("canary")).isBetween(60, 140);
            }
        }
    }
}
