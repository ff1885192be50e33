package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.consumers.UsageQueries;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/**
 * Who calls what: {@code GET /apis/{id}/consumers?days=N} (the consumers of an API, calls, errors, last seen) and
 * {@code GET /consumers/{id}/usage?days=N} (what a consumer called, per API and day). Days count in the quota zone;
 * default 30, at most {@value UsageQueries#MAX_DAYS}. Counts reach the store within the usage flush interval.
 */
final class UsageResource {
    private static final int DEFAULT_DAYS = 30;

    private final CatalogWrites writes;
    private final Clock clock;
    private final ZoneId zone;

    UsageResource(CatalogWrites writes, Clock clock, ZoneId zone) {
        this.writes = writes;
        this.clock = clock;
        this.zone = zone;
    }

    void register(AdminRouter router) {
        router.add("GET", "/apis/{id}/consumers", 0, r -> answer(r, UsageQueries::apiConsumers));
        router.add("GET", "/consumers/{id}/usage", 0, r -> answer(r, UsageQueries::consumerUsage));
    }

    private AdminResponse answer(AdminRequest request, Query query) {
        for (String name : request.query().keySet()) {
            if (!name.equals("days")) {
                throw AdminProblem.invalidParameter(name, "unknown parameter (expected one of: days)");
            }
        }
        int days = days(request.queryParam("days"));
        String id = request.param("id");
        String json = writes.withStore(store -> query.run(new UsageQueries(store, writes::current, clock, zone), id,
                days));
        return AdminResponse.text(AdminResponse.JSON_TYPE, json, Map.of());
    }

    private static int days(String text) {
        if (text == null) {
            return DEFAULT_DAYS;
        }
        int days;
        try {
            days = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > UsageQueries.MAX_DAYS) {
            throw AdminProblem.invalidParameter("days", "\"" + text + "\" (expected: a whole number 1.."
                    + UsageQueries.MAX_DAYS + ")");
        }
        return days;
    }

    /** One of the two queries. */
    @FunctionalInterface
    private interface Query {
        String run(UsageQueries queries, String id, int days);
    }
}
