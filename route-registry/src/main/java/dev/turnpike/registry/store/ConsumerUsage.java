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
 * @param directCalls  of the calls, those made directly to the API's instances (reported by the client)
 * @param directErrors of the direct calls, those that failed
 */
public record ConsumerUsage(String consumer, long calls, long errors, Instant lastSeen, long directCalls,
                            long directErrors) {
    public ConsumerUsage {
        Slug.require("consumer", consumer);
        if (calls < 0 || errors < 0 || errors > calls) {
            throw new IllegalArgumentException("calls/errors: " + calls + "/" + errors
                    + " (expected: 0 <= errors <= calls)");
        }
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (directCalls < 0 || directCalls > calls || directErrors < 0 || directErrors > directCalls) {
            throw new IllegalArgumentException("directCalls/directErrors: " + directCalls + "/" + directErrors
                    + " (expected: 0 <= directErrors <= directCalls <= calls)");
        }
    }

    /** Usage without direct calls. */
    public ConsumerUsage(String consumer, long calls, long errors, Instant lastSeen) {
        this(consumer, calls, errors, lastSeen, 0, 0);
    }
}
