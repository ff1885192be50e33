package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Slug;
import java.time.Instant;
import java.util.Objects;

/**
 * One consumer's calls to one API summed over a range of days.
 *
 * @param consumer the consumer's id
 * @param calls    calls in the range, {@code >= 0}
 * @param errors   of those, calls answered with a 5xx status
 * @param lastSeen the latest call in the range
 */
public record ConsumerUsage(String consumer, long calls, long errors, Instant lastSeen) {
    public ConsumerUsage {
        Slug.require("consumer", consumer);
        if (calls < 0 || errors < 0 || errors > calls) {
            throw new IllegalArgumentException("calls/errors: " + calls + "/" + errors
                    + " (expected: 0 <= errors <= calls)");
        }
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
