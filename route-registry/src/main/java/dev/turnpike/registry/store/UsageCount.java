package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Slug;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Calls of one consumer to one API on one day: what the gateway adds to the store, and what the store returns per
 * day.
 *
 * @param consumer the consumer's id
 * @param api      the API's id
 * @param day      the calendar day (in the gateway's quota zone) the calls were made on
 * @param calls    calls counted, {@code >= 0}
 * @param errors   of those, the calls answered with a 5xx status, {@code 0..calls}
 * @param lastSeen when the latest of those calls arrived (whole milliseconds when read back)
 */
public record UsageCount(String consumer, String api, LocalDate day, long calls, long errors, Instant lastSeen) {
    public UsageCount {
        Slug.require("consumer", consumer);
        Slug.require("api", api);
        Objects.requireNonNull(day, "day");
        if (calls < 0) {
            throw new IllegalArgumentException("calls: " + calls + " (expected: >= 0)");
        }
        if (errors < 0 || errors > calls) {
            throw new IllegalArgumentException("errors: " + errors + " (expected: 0.." + calls + ")");
        }
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
