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
 * @param directCalls  of the calls, those a client made directly to the API's instances and reported to the
 *                     lookup API's usage endpoint, {@code 0..calls}
 * @param directErrors of the direct calls, those answered with a 5xx status or not at all, {@code 0..directCalls}
 */
public record UsageCount(String consumer, String api, LocalDate day, long calls, long errors, Instant lastSeen,
                         long directCalls, long directErrors) {
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
        if (directCalls < 0 || directCalls > calls) {
            throw new IllegalArgumentException("directCalls: " + directCalls + " (expected: 0.." + calls + ")");
        }
        if (directErrors < 0 || directErrors > directCalls || directErrors > errors) {
            throw new IllegalArgumentException("directErrors: " + directErrors + " (expected: 0.."
                    + Math.min(directCalls, errors) + ")");
        }
    }

    /** Calls through the gateway only (none direct). */
    public UsageCount(String consumer, String api, LocalDate day, long calls, long errors, Instant lastSeen) {
        this(consumer, api, day, calls, errors, lastSeen, 0, 0);
    }

    /** Direct calls only: {@code calls} and {@code errors} are all direct. */
    public static UsageCount direct(String consumer, String api, LocalDate day, long calls, long errors,
                                    Instant lastSeen) {
        return new UsageCount(consumer, api, day, calls, errors, lastSeen, calls, errors);
    }
}
