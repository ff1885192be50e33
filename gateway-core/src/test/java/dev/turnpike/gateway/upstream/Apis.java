package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.Arrays;
import java.util.List;

/** Public APIs with policies over pools of real upstreams, for the call layer's tests. */
final class Apis {
    private Apis() {
    }

    /** API {@code id} under {@code /id}, one prefix route, on pool {@code id}, with {@code policies}. */
    static Api api(String id, Criticality criticality, ApiPolicies policies) {
        return Api.builder(id, "test-team", "/" + id).name(id).version("v1").upstreamBasePath("/")
                .criticality(criticality).policies(policies.withPublicAccess(true))
                .targets(List.of(new Target(id, 1))).routes(List.of(Route.prefix())).build();
    }

    /** A round-robin pool {@code id} over {@code upstreams}. */
    static UpstreamPool pool(String id, TestUpstream... upstreams) {
        return pool(id, Arrays.stream(upstreams).mapToInt(TestUpstream::port).toArray());
    }

    /** A round-robin pool {@code id} over loopback {@code ports}. */
    static UpstreamPool pool(String id, int... ports) {
        return new UpstreamPool(id, Arrays.stream(ports).mapToObj(p -> new Instance("127.0.0.1", p, 1)).toList(),
                Balancer.ROUND_ROBIN, false, PoolSettings.DEFAULTS);
    }
}
