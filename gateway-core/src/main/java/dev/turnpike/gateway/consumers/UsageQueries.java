package dev.turnpike.gateway.consumers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.store.CatalogStore;
import dev.turnpike.registry.store.ConsumerUsage;
import dev.turnpike.registry.store.EntityNotFoundException;
import dev.turnpike.registry.store.UsageCount;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JSON bodies of the admin API's usage endpoints, from the store's usage and the live catalog:
 *
 * <ul>
 *   <li>{@code GET /admin/v1/apis/{id}/consumers?days=N}: {@link #apiConsumers(String, int)}, who calls an API
 *       (every subscriber, and any identified caller of a public API), how much and when last;</li>
 *   <li>{@code GET /admin/v1/consumers/{id}/usage?days=N}: {@link #consumerUsage(String, int)}, what a consumer
 *       called, per API and per day.</li>
 * </ul>
 *
 * <p>{@code days} counts calendar days in the quota zone ending today: 1 is today only. Usage reaches the store with
 * each node's flush, so the last few seconds of calls may be missing. Blocking (JDBC): call off the event loop.
 * Thread-safe.
 */
public final class UsageQueries {
    /** Most days one query covers. */
    public static final int MAX_DAYS = 366;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogStore store;
    private final Supplier<Catalog> catalog;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param catalog the live catalog (for example {@code () -> routing.current().catalog()})
     * @param zone    the quota zone, whose calendar days usage is counted in
     */
    public UsageQueries(CatalogStore store, Supplier<Catalog> catalog, Clock clock, ZoneId zone) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * The consumers of {@code apiId} over the last {@code days} days.
     *
     * @throws EntityNotFoundException  if the catalog has no such API
     * @throws IllegalArgumentException if {@code days} is not 1..{@value #MAX_DAYS}
     */
    public String apiConsumers(String apiId, int days) {
        Catalog c = catalog.get();
        if (c.api(apiId) == null) {
            throw new EntityNotFoundException("api", apiId);
        }
        LocalDate to = LocalDate.now(clock.withZone(zone));
        LocalDate from = from(to, days);
        Map<String, ObjectNode> rows = new LinkedHashMap<>();
        for (ConsumerUsage u : store.usageOfApi(apiId, from, to)) {
            ObjectNode row = JSON.createObjectNode().put("consumer", u.consumer());
            subscription(c, u.consumer(), apiId, row);
            row.put("calls", u.calls()).put("errors", u.errors()).put("directCalls", u.directCalls())
                    .put("directErrors", u.directErrors()).put("lastSeen", u.lastSeen().toString());
            rows.put(u.consumer(), row);
        }
        for (Subscription s : c.subscriptions()) {
            if (s.api().equals(apiId) && !rows.containsKey(s.consumer())) {
                ObjectNode row = JSON.createObjectNode().put("consumer", s.consumer());
                subscription(c, s.consumer(), apiId, row);
                row.put("calls", 0).put("errors", 0).put("directCalls", 0).put("directErrors", 0)
                        .putNull("lastSeen");
                rows.put(s.consumer(), row);
            }
        }
        ObjectNode body = JSON.createObjectNode().put("api", apiId).put("from", from.toString())
                .put("to", to.toString());
        ArrayNode consumers = body.putArray("consumers");
        rows.values().forEach(consumers::add);
        return write(body);
    }

    /**
     * What {@code consumerId} called over the last {@code days} days.
     *
     * @throws EntityNotFoundException  if the catalog has no such consumer
     * @throws IllegalArgumentException if {@code days} is not 1..{@value #MAX_DAYS}
     */
    public String consumerUsage(String consumerId, int days) {
        Catalog c = catalog.get();
        if (c.consumers().stream().noneMatch(x -> x.id().equals(consumerId))) {
            throw new EntityNotFoundException("consumer", consumerId);
        }
        LocalDate to = LocalDate.now(clock.withZone(zone));
        LocalDate from = from(to, days);
        Map<String, List<UsageCount>> byApi = new LinkedHashMap<>();
        for (UsageCount u : store.usageOfConsumer(consumerId, from, to)) {
            byApi.computeIfAbsent(u.api(), a -> new ArrayList<>()).add(u);
        }
        ObjectNode body = JSON.createObjectNode().put("consumer", consumerId).put("from", from.toString())
                .put("to", to.toString());
        ArrayNode apis = body.putArray("apis");
        for (Map.Entry<String, List<UsageCount>> e : byApi.entrySet()) {
            ObjectNode api = apis.addObject().put("api", e.getKey());
            subscription(c, consumerId, e.getKey(), api);
            long calls = 0;
            long errors = 0;
            long directCalls = 0;
            Instant last = Instant.MIN;
            ArrayNode perDay = JSON.createArrayNode();
            for (UsageCount u : e.getValue()) {
                calls += u.calls();
                errors += u.errors();
                directCalls += u.directCalls();
                last = u.lastSeen().isAfter(last) ? u.lastSeen() : last;
                perDay.addObject().put("day", u.day().toString()).put("calls", u.calls()).put("errors", u.errors())
                        .put("directCalls", u.directCalls()).put("lastSeen", u.lastSeen().toString());
            }
            api.put("calls", calls).put("errors", errors).put("directCalls", directCalls)
                    .put("lastSeen", last.toString());
            api.set("days", perDay);
        }
        return write(body);
    }

    private static LocalDate from(LocalDate to, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days: " + days + " (expected: 1.." + MAX_DAYS + ")");
        }
        return to.minusDays(days - 1L);
    }

    private static void subscription(Catalog c, String consumer, String api, ObjectNode row) {
        Optional<Subscription> s = c.subscriptions().stream()
                .filter(x -> x.consumer().equals(consumer) && x.api().equals(api)).findFirst();
        row.put("subscribed", s.isPresent());
        row.put("direct", s.isPresent() && s.get().direct());
        Optional<Plan> plan = s.flatMap(Subscription::plan);
        if (plan.isPresent()) {
            ObjectNode p = row.putObject("plan").put("perSecond", plan.get().perSecond())
                    .put("burst", plan.get().burst());
            if (plan.get().dailyQuota().isPresent()) {
                p.put("dailyQuota", plan.get().dailyQuota().getAsLong());
            }
        } else {
            row.putNull("plan");
        }
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }
}
