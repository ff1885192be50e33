package dev.turnpike.registry.file;

import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.Slug;
import dev.turnpike.registry.model.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the {@code consumers:} list of one catalog file, with each consumer's {@code subscriptions:}. */
final class ConsumerReader {
    static final List<String> CONSUMER_FIELDS = List.of("id", "name", "team", "contact", "state", "subscriptions");
    static final List<String> SUBSCRIPTION_FIELDS = List.of("api", "plan", "direct");
    static final List<String> PLAN_FIELDS = List.of("perSecond", "burst", "dailyQuota");

    /** A subscription as read, with its mapping for the cross-reference checks. */
    record PlacedSubscription(Subscription subscription, YamlFields fields) {
    }

    /** A valid consumer with its mapping and its valid subscriptions. */
    record Placed(Consumer consumer, YamlFields fields, List<PlacedSubscription> subscriptions) {
    }

    private final String source;
    private final ViolationCollector violations;

    ConsumerReader(String source, ViolationCollector violations) {
        this.source = source;
        this.violations = violations;
    }

    List<Placed> read(List<YamlNode> items) {
        List<Placed> consumers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Placed consumer = readOne(items.get(i), "consumers[" + i + "]");
            if (consumer != null) {
                consumers.add(consumer);
            }
        }
        return consumers;
    }

    /** One consumer with its subscriptions at {@code path}, or {@code null} if it has problems (reported). */
    Placed readOne(YamlNode node, String path) {
        YamlFields f = YamlFields.of(node, path, source, violations, CONSUMER_FIELDS);
        if (f == null) {
            return null;
        }
        int before = violations.size();
        String id = f.requiredText("id", "a consumer id");
        if (id != null) {
            f.check(() -> Slug.require("id", id));
        }
        String name = f.text("name", id);
        String team = f.requiredText("team", "the id of the team it belongs to");
        if (team != null) {
            f.check(() -> Slug.require("team", team));
        }
        String contact = f.text("contact", "");
        ConsumerState state = f.parsed("state", ConsumerState.ACTIVE, ConsumerReader::state);
        List<PlacedSubscription> subscriptions = Slug.isValid(id) ? subscriptions(f, id) : List.of();
        if (violations.size() > before) {
            return null;
        }
        return new Placed(new Consumer(id, name, team, contact, state), f, subscriptions);
    }

    private List<PlacedSubscription> subscriptions(YamlFields consumer, String consumerId) {
        List<YamlNode> items = consumer.list("subscriptions", false);
        if (items == null) {
            return List.of();
        }
        List<PlacedSubscription> placed = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            PlacedSubscription s = readSubscription(items.get(i), consumer.path("subscriptions") + "[" + i + "]",
                    consumerId, seen, i);
            if (s != null) {
                placed.add(s);
            }
        }
        return placed;
    }

    /**
     * One subscription of {@code consumerId} at {@code path}, or {@code null} if it has problems (reported); an API
     * already in {@code seen} (API id to index) is reported as a duplicate, a new one is added at {@code index}.
     */
    PlacedSubscription readSubscription(YamlNode node, String path, String consumerId, Map<String, Integer> seen,
                                        int index) {
        YamlFields f = YamlFields.of(node, path, source, violations, SUBSCRIPTION_FIELDS);
        if (f == null) {
            return null;
        }
        int before = violations.size();
        String api = f.requiredText("api", "the id of an API");
        if (api != null && f.check(() -> Slug.require("api", api))) {
            Integer first = seen.putIfAbsent(api, index);
            if (first != null) {
                f.report("api", "\"" + api + "\" twice (expected: one subscription per API; also in"
                        + " subscriptions[" + first + "])");
            }
        }
        Optional<Plan> plan = plan(f);
        Boolean direct = f.bool("direct", false);
        if (violations.size() > before) {
            return null;
        }
        return new PlacedSubscription(new Subscription(consumerId, api, plan, direct), f);
    }

    private Optional<Plan> plan(YamlFields subscription) {
        YamlFields f = subscription.mapping("plan", PLAN_FIELDS);
        if (f == null) {
            return Optional.empty();
        }
        int before = violations.size();
        Integer perSecond = f.requiredInteger("perSecond");
        Integer burst = f.integer("burst", perSecond);
        Long quota = f.longInteger("dailyQuota");
        if (violations.size() > before) {
            return null;
        }
        try {
            return Optional.of(new Plan(perSecond, burst, quota == null ? OptionalLong.empty() : OptionalLong.of(quota)));
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }

    /** {@code ACTIVE} or {@code SUSPENDED}, in any case. */
    static ConsumerState state(String text) {
        try {
            return ConsumerState.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" (expected: ACTIVE or SUSPENDED)", e);
        }
    }
}
