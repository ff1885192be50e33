package dev.turnpike.gateway.routing;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.balance.LoadBalancer;
import dev.turnpike.gateway.balance.OutlierDetector;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.List;

/**
 * An upstream pool as the data plane uses it: its configuration, its endpoints (with their in-flight counts,
 * latencies, health and ejection state), the balancer over them and the outlier detector that ejects them.
 * Immutable apart from the endpoints' own atomic state.
 *
 * @param pool      the pool's configuration
 * @param endpoints one per instance, reused across snapshots while the instance is unchanged
 * @param balancer  picks an endpoint per request
 * @param outliers  judges the endpoints' recorded outcomes once attached ({@link RoutingState} attaches it when the
 *                  snapshot goes live, so a trial build never changes how live endpoints are judged)
 */
public record PoolRuntime(UpstreamPool pool, List<Endpoint> endpoints, LoadBalancer balancer,
                          OutlierDetector outliers) {
    public PoolRuntime {
        endpoints = List.copyOf(endpoints);
    }

    /** The pool id. */
    public String id() {
        return pool.id();
    }
}
