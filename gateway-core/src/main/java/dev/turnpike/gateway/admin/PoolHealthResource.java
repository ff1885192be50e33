package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.file.CatalogEntities;
import dev.turnpike.registry.file.DurationText;
import dev.turnpike.registry.model.OutlierDetection;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code GET /pools/{id}/health}: how this node sees a pool's instances right now: active health, ejection, ejection
 * count, peak-EWMA latency and requests in flight, with the pool's balancer, outlier detection and health check.
 * Node-local state, not part of the catalog (no ETag). The view is a JSON object; sections about the pool (such as
 * circuit-breaker states) are added as further top-level fields.
 */
final class PoolHealthResource {
    private final RoutingState routing;
    private final Clock clock;

    PoolHealthResource(RoutingState routing, Clock clock) {
        this.routing = routing;
        this.clock = clock;
    }

    void register(AdminRouter router) {
        router.add("GET", "/pools/{id}/health", 0, this::health);
    }

    private AdminResponse health(AdminRequest request) {
        String id = request.param("id");
        PoolRuntime pool = routing.current().pool(id);
        if (pool == null) {
            throw AdminProblem.notFound("pool", id);
        }
        long now = System.nanoTime();
        Instant wallNow = clock.instant();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("pool", pool.id());
        // Balancer and health check as the pool's representation writes them (catalog file form).
        Map<String, Object> representation = CatalogEntities.write(pool.pool());
        view.put("balancer", representation.get("balancer"));
        OutlierDetection o = pool.pool().outliers();
        Map<String, Object> outliers = new LinkedHashMap<>();
        outliers.put("ejectFor", DurationText.format(pool.pool().settings().ejectFor()));
        outliers.put("consecutiveFailures", o.consecutiveFailures());
        outliers.put("maxEjectFor", DurationText.format(o.maxEjectFor()));
        outliers.put("maxEjectedPercent", o.maxEjectedPercent());
        view.put("outlierDetection", outliers);
        view.put("healthCheck", representation.get("healthCheck")); // null when the pool has none
        List<Map<String, Object>> instances = new ArrayList<>();
        for (Endpoint e : pool.endpoints()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("address", e.address());
            i.put("weight", e.weight());
            i.put("available", e.isAvailable(now));
            i.put("healthy", e.isHealthy());
            i.put("ejected", e.isEjected(now));
            OptionalLong until = e.ejectedUntil(now);
            i.put("ejectedUntil", until.isPresent()
                    ? wallNow.plus(Duration.ofNanos(until.getAsLong() - now)).toString() : null);
            i.put("ejections", e.ejections());
            i.put("latencyMillis", Math.round(e.latencyNanos(now) / 1_000.0) / 1_000.0);
            i.put("inFlight", e.inFlight());
            instances.add(i);
        }
        view.put("instances", instances);
        return AdminResponse.json(HttpResponseStatus.OK, view);
    }
}
