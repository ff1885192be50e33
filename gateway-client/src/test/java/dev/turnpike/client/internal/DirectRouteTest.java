package dev.turnpike.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.client.ApiRouting;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Instance choice with the gateway's semantics, and the path mapping of a direct call. */
class DirectRouteTest {
    private final Map<ApiRouting.InstanceRouting, InstanceState> states = new HashMap<>();
    private final Function<ApiRouting.InstanceRouting, InstanceState> state = in -> states.computeIfAbsent(in,
            k -> new InstanceState(CircuitBreaker.of(k.address(), CircuitBreakerConfig.ofDefaults())));

    private static ApiRouting.InstanceRouting instance(int port, int weight, boolean ejected) {
        return new ApiRouting.InstanceRouting("10.0.0.1", port, weight, ejected);
    }

    private static DirectRoute route(String basePath, String upstreamBase, ApiRouting.PoolRouting... pools) {
        return new DirectRoute(new ApiRouting("a", "v1", "ACTIVE", null, basePath, upstreamBase, List.of(), null, null,
                null, List.of(pools), null));
    }

    private Map<Integer, Integer> picks(DirectRoute route, int n, Set<ApiRouting.InstanceRouting> excluded) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Upstream u = route.pick(state, excluded);
            counts.merge(u == null ? -1 : u.instance().port(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void splitsPoolsByWeightAndSkipsEjectedInstances() {
        ApiRouting.PoolRouting stable = new ApiRouting.PoolRouting("stable", 90, "LEAST_OUTSTANDING", false,
                List.of(instance(1, 1, false), instance(2, 1, true)));
        ApiRouting.PoolRouting canary = new ApiRouting.PoolRouting("canary", 10, "LEAST_OUTSTANDING", false,
                List.of(instance(3, 1, false)));
        Map<Integer, Integer> counts = picks(route("/a", "/", stable, canary), 10_000, Set.of());
        assertThat(counts).doesNotContainKey(2).doesNotContainKey(-1);
        assertThat(counts.get(3)).isBetween(600, 1400);
        assertThat(counts.get(1)).isBetween(8600, 9400);
    }

    @Test
    void prefersTheInstanceWithFewerRequestsInFlight() {
        ApiRouting.InstanceRouting busy = instance(1, 1, false);
        ApiRouting.InstanceRouting idle = instance(2, 1, false);
        DirectRoute route = route("/a", "/", new ApiRouting.PoolRouting("p", 1, "LEAST_OUTSTANDING", false,
                List.of(busy, idle)));
        for (int i = 0; i < 5; i++) {
            state.apply(busy).onStart();
        }
        assertThat(picks(route, 100, Set.of())).containsOnlyKeys(2);
    }

    @Test
    void roundRobinFollowsWeightsAndAnOpenBreakerOrATriedInstanceIsSkipped() {
        ApiRouting.InstanceRouting heavy = instance(1, 2, false);
        ApiRouting.InstanceRouting light = instance(2, 1, false);
        DirectRoute route = route("/a", "/", new ApiRouting.PoolRouting("p", 1, "ROUND_ROBIN", false,
                List.of(heavy, light)));
        assertThat(picks(route, 300, Set.of())).containsEntry(1, 200).containsEntry(2, 100);
        assertThat(picks(route, 10, new HashSet<>(List.of(heavy)))).containsOnlyKeys(2);
        state.apply(light).breaker().transitionToOpenState();
        assertThat(picks(route, 10, new HashSet<>(List.of(heavy)))).containsOnlyKeys(-1);
    }

    @Test
    void mapsTheGatewayPathAsTheProxyDoes() {
        DirectRoute r = route("/products/v1", "/internal", new ApiRouting.PoolRouting("p", 1, null, false, List.of()));
        assertThat(r.covers("/products/v1/items")).isTrue();
        assertThat(r.covers("/products/v1")).isTrue();
        assertThat(r.covers("/products/v10")).isFalse();
        assertThat(r.upstreamPath("/products/v1/items/7")).isEqualTo("/internal/items/7");
        assertThat(r.upstreamPath("/products/v1")).isEqualTo("/internal");
        DirectRoute root = route("/", "/", new ApiRouting.PoolRouting("p", 1, null, false, List.of()));
        assertThat(root.upstreamPath("/x")).isEqualTo("/x");
        assertThat(root.pick(state, Set.of())).isNull();
    }
}
