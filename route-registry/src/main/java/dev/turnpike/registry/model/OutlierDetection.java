package dev.turnpike.registry.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Passive health checking of a pool: when the gateway takes an instance out of rotation because of how its calls
 * ended. An instance that cannot be connected to is ejected at once; one whose calls fail {@code consecutiveFailures}
 * times in a row (5xx answers, timeouts, connections reset) is ejected too. The first ejection lasts the pool's
 * {@link PoolSettings#ejectFor() ejectFor}; each further one lasts one {@code ejectFor} longer, up to
 * {@code maxEjectFor}; the multiplier goes down by one for every {@code ejectFor} without an ejection. No ejection
 * takes more than {@code maxEjectedPercent} of the pool's instances out at once (rounded down), so a pool never
 * ejects itself empty.
 *
 * @param consecutiveFailures failures in a row that eject an instance, default 5; 0 turns this rule off (connect
 *                            failures still eject)
 * @param maxEjectFor         the longest one ejection may last, default 5 minutes
 * @param maxEjectedPercent   the largest share of the pool's instances ejected at once, 0..100, default 50
 */
public record OutlierDetection(int consecutiveFailures, Duration maxEjectFor, int maxEjectedPercent) {

    /** The defaults listed above. */
    public static final OutlierDetection DEFAULTS = new OutlierDetection(5, Duration.ofMinutes(5), 50);

    public OutlierDetection {
        if (consecutiveFailures < 0 || consecutiveFailures > 1000) {
            throw new IllegalArgumentException("consecutiveFailures: " + consecutiveFailures
                    + " (expected: 0..1000, 0 to eject on connect failures only)");
        }
        Objects.requireNonNull(maxEjectFor, "maxEjectFor");
        if (maxEjectFor.isZero() || maxEjectFor.isNegative()) {
            throw new IllegalArgumentException("maxEjectFor: " + maxEjectFor + " (expected: > 0)");
        }
        if (maxEjectedPercent < 0 || maxEjectedPercent > 100) {
            throw new IllegalArgumentException("maxEjectedPercent: " + maxEjectedPercent + " (expected: 0..100)");
        }
    }
}
