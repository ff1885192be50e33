package dev.turnpike.gateway.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters of the door: who was turned away and why, by API. Never tagged by consumer (per-consumer counts are usage,
 * kept in the store).
 *
 * <ul>
 *   <li>{@code turnpike_throttled_total{api, reason}}: requests refused by a limit; reason {@code rate},
 *       {@code quota}, {@code cluster-unavailable} (fail-closed while Redis is away) or {@code brute-force}.</li>
 *   <li>{@code turnpike_auth_failures_total{api, reason}}: requests refused by authentication; reason
 *       {@code missing}, {@code unknown}, {@code revoked}, {@code expired}, {@code suspended} or
 *       {@code not-subscribed}.</li>
 * </ul>
 *
 * <p>Thread-safe; counters are cached per api and reason, so counting allocates nothing once seen.
 */
public final class AccessMetrics {
    private final MeterRegistry registry;
    private final Map<String, Map<String, Counter>> throttled = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> authFailures = new ConcurrentHashMap<>();

    public AccessMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts a request of {@code api} refused by a limit for {@code reason}. */
    public void throttled(String api, String reason) {
        counter(throttled, "turnpike.throttled", "Requests refused by a rate limit, quota or guard", api, reason)
                .increment();
    }

    /** Counts a request of {@code api} refused by authentication for {@code reason}. */
    public void authFailure(String api, String reason) {
        counter(authFailures, "turnpike.auth.failures", "Requests refused by API-key authentication", api, reason)
                .increment();
    }

    private Counter counter(Map<String, Map<String, Counter>> cache, String name, String description, String api,
                            String reason) {
        Map<String, Counter> byReason = cache.computeIfAbsent(api, a -> new ConcurrentHashMap<>());
        Counter c = byReason.get(reason);
        if (c == null) {
            c = byReason.computeIfAbsent(reason, r -> Counter.builder(name).description(description)
                    .tags("api", api, "reason", r).register(registry));
        }
        return c;
    }
}
