package dev.turnpike.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;

/**
 * One API as the route lookup API describes it to a consumer allowed to call it directly
 * ({@code GET /_turnpike/lookup/v1/apis/{id}}): where it is mounted on the gateway, where its upstream instances are,
 * the policies a direct caller applies itself, and the caller's plan.
 *
 * @param id               the API id
 * @param version          the API's version label
 * @param lifecycle        {@code ACTIVE}, {@code DEPRECATED} or {@code RETIRED}
 * @param host             the host the API is mounted on, or {@code null} for any host
 * @param basePath         the public prefix on the gateway, {@code /} or {@code /a/b}
 * @param upstreamBasePath the prefix the rest of the path is appended to upstream
 * @param routes           the API's operations (method + path template below the base path)
 * @param timeoutMillis    the API's timeout, or {@code null} when it has none
 * @param retry            when to retry, or {@code null} for no retries beyond a refused connection
 * @param circuitBreaker   the API's breaker settings, or {@code null} for the client's defaults
 * @param pools            the pools traffic is split over, by weight
 * @param plan             the caller's plan, or {@code null} when its calls are unlimited
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiRouting(
        String id,
        String version,
        String lifecycle,
        String host,
        String basePath,
        String upstreamBasePath,
        List<RouteInfo> routes,
        Long timeoutMillis,
        RetryRules retry,
        BreakerRules circuitBreaker,
        List<PoolRouting> pools,
        PlanLimits plan) {

    public ApiRouting {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(basePath, "basePath");
        upstreamBasePath = upstreamBasePath == null ? "/" : upstreamBasePath;
        routes = routes == null ? List.of() : List.copyOf(routes);
        pools = pools == null ? List.of() : List.copyOf(pools);
    }

    /**
     * One operation of the API.
     *
     * @param method the HTTP method, or {@code *}
     * @param path   the path template below the base path
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RouteInfo(String method, String path) {
    }

    /**
     * One upstream pool of the API with its share of the traffic.
     *
     * @param id        the pool id
     * @param weight    the pool's share among the API's pools (0 takes no traffic)
     * @param balancer  {@code LEAST_OUTSTANDING} (power of two choices) or {@code ROUND_ROBIN}
     * @param tls       whether the instances speak HTTPS
     * @param instances the pool's instances
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PoolRouting(String id, int weight, String balancer, boolean tls, List<InstanceRouting> instances) {
        public PoolRouting {
            Objects.requireNonNull(id, "id");
            instances = instances == null ? List.of() : List.copyOf(instances);
        }
    }

    /**
     * One upstream instance.
     *
     * @param host    host name or address
     * @param port    TCP port
     * @param weight  relative share within the pool, at least 1
     * @param ejected whether the gateway took it out of rotation when the document was made
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InstanceRouting(String host, int port, int weight, boolean ejected) {
        /** {@code host:port}, IPv6 in brackets. */
        public String address() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * The API's retry policy.
     *
     * @param attempts         tries in total, the first included
     * @param onConnectFailure retry when no connection could be made
     * @param onStatus         upstream statuses that are retried
     * @param methods          the methods that may be retried
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RetryRules(int attempts, boolean onConnectFailure, List<Integer> onStatus, List<String> methods) {
        public RetryRules {
            onStatus = onStatus == null ? List.of() : List.copyOf(onStatus);
            methods = methods == null ? List.of() : List.copyOf(methods);
        }
    }

    /**
     * The API's circuit breaker policy, applied per instance by the client.
     *
     * @param failureRate   percentage of failed calls that opens the breaker
     * @param window        calls in the sliding window
     * @param openForMillis how long the breaker stays open
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BreakerRules(int failureRate, int window, long openForMillis) {
    }

    /**
     * The caller's plan for this API.
     *
     * @param perSecond  sustained calls per second
     * @param burst      calls allowed at once
     * @param dailyQuota calls per day, or {@code null} for no quota
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlanLimits(int perSecond, int burst, Long dailyQuota) {
    }
}
