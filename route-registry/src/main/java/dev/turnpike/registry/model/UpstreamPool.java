package dev.turnpike.registry.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named set of upstream instances that serve one or more APIs.
 *
 * @param id        slug, unique in the catalog
 * @param instances the servers, at least one
 * @param balancer  how an instance is picked, default {@link Balancer#LEAST_OUTSTANDING}
 * @param tls       how the gateway speaks HTTPS to the instances; empty (the default): plain HTTP
 * @param settings  connection bounds and timeouts, default {@link PoolSettings#DEFAULTS}
 * @param outliers  passive health checking (ejection), default {@link OutlierDetection#DEFAULTS}
 * @param healthCheck active health checking, none by default
 */
public record UpstreamPool(String id, List<Instance> instances, Balancer balancer, Optional<PoolTls> tls,
                           PoolSettings settings, OutlierDetection outliers, Optional<HealthCheck> healthCheck) {
    public UpstreamPool {
        Slug.require("id", id);
        instances = List.copyOf(instances);
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("instances: [] (expected: at least one host:port)");
        }
        Objects.requireNonNull(balancer, "balancer");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(outliers, "outliers");
        Objects.requireNonNull(healthCheck, "healthCheck");
    }

    /**
     * A pool whose {@code tls} flag means {@link PoolTls#DEFAULTS} ({@code true}) or plain HTTP ({@code false}), as
     * {@code tls: true} and {@code tls: false} do in the catalog file.
     */
    public UpstreamPool(String id, List<Instance> instances, Balancer balancer, boolean tls, PoolSettings settings,
                        OutlierDetection outliers, Optional<HealthCheck> healthCheck) {
        this(id, instances, balancer, tls ? Optional.of(PoolTls.DEFAULTS) : Optional.empty(), settings, outliers,
                healthCheck);
    }

    /** A pool with the default outlier detection and no active health check; {@code tls} as above. */
    public UpstreamPool(String id, List<Instance> instances, Balancer balancer, boolean tls, PoolSettings settings) {
        this(id, instances, balancer, tls, settings, OutlierDetection.DEFAULTS, Optional.empty());
    }

    /** Whether the gateway speaks HTTPS to the instances. */
    public boolean secure() {
        return tls.isPresent();
    }

    /** A plain-HTTP pool with the default balancer and settings. */
    public static UpstreamPool of(String id, List<Instance> instances) {
        return new UpstreamPool(id, instances, Balancer.LEAST_OUTSTANDING, false, PoolSettings.DEFAULTS);
    }
}
