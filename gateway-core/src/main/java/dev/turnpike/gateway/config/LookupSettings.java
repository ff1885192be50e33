package dev.turnpike.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The route lookup API's settings ({@code docs/end-to-end.md}). Immutable.
 *
 * @param maxAge      the {@code Cache-Control: max-age} of lookup answers: how long a client may use one without
 *                    asking again, {@code >= 0} (whole seconds)
 * @param maxWait     the longest {@code ?wait=} a watch may park for, {@code > 0}
 * @param maxWatchers watches parked at once on this node, {@code >= 0}; a watch beyond it is answered at once
 */
public record LookupSettings(Duration maxAge, Duration maxWait, int maxWatchers) {
    /** Defaults: 5 s max-age, 60 s longest wait, 10,000 watchers. */
    public static final LookupSettings DEFAULTS = new LookupSettings(Duration.ofSeconds(5), Duration.ofSeconds(60),
            10_000);

    public LookupSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("lookup.maxAge: " + maxAge + " (expected: >= 0)");
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isZero() || maxWait.isNegative() || maxWait.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("lookup.maxWait: " + maxWait + " (expected: > 0 and <= 10m)");
        }
        if (maxWatchers < 0) {
            throw new IllegalArgumentException("lookup.maxWatchers: " + maxWatchers + " (expected: >= 0)");
        }
    }
}
