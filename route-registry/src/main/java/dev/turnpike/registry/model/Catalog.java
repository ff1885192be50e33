package dev.turnpike.registry.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole catalog at one point in time: teams, APIs, upstream pools, consumers and their subscriptions. API keys
 * are not part of it: the store keeps them apart, as hashes.
 *
 * <p>Cross-references are checked here: ids are unique, every target names an existing pool, no two APIs claim
 * the same host and base path, a successor names an API of the catalog, a subscription names an existing consumer
 * and API (once per pair). <b>Teams are optional</b>: a catalog that declares no team accepts any owner and
 * consumer team id (as catalogs written before teams existed do); once one team is declared, every API owner and
 * consumer team must be a declared team.
 *
 * <p>Subscriptions are kept grouped by consumer, in consumer order (stable within a consumer), the order of the
 * catalog file where they are listed under their consumer.
 */
public record Catalog(
        List<Team> teams,
        List<Api> apis,
        List<UpstreamPool> pools,
        List<Consumer> consumers,
        List<Subscription> subscriptions) {
    /** A catalog with nothing in it. */
    public static final Catalog EMPTY = new Catalog(List.of(), List.of());

    public Catalog {
        teams = List.copyOf(teams);
        apis = List.copyOf(apis);
        pools = List.copyOf(pools);
        consumers = List.copyOf(consumers);
        subscriptions = List.copyOf(subscriptions);
        Set<String> teamIds = unique("teams", teams.stream().map(Team::id).toList());
        Set<String> poolIds = unique("pools", pools.stream().map(UpstreamPool::id).toList());
        Set<String> apiIds = unique("apis", apis.stream().map(Api::id).toList());
        Set<String> consumerIds = unique("consumers", consumers.stream().map(Consumer::id).toList());
        Map<String, String> mounts = new HashMap<>();
        for (Api a : apis) {
            if (!teamIds.isEmpty() && !teamIds.contains(a.owner())) {
                throw new IllegalArgumentException("apis." + a.id() + ".owner: \"" + a.owner()
                        + "\" (expected: the id of a team in the catalog)");
            }
            for (Target t : a.targets()) {
                if (!poolIds.contains(t.pool())) {
                    throw new IllegalArgumentException("apis." + a.id() + ".targets: pool \"" + t.pool()
                            + "\" (expected: the id of a pool in the catalog)");
                }
            }
            if (a.successor().isPresent() && !apiIds.contains(a.successor().get())) {
                throw new IllegalArgumentException("apis." + a.id() + ".successor: \"" + a.successor().get()
                        + "\" (expected: the id of an API in the catalog)");
            }
            String mount = a.host().orElse("*") + " " + a.basePath();
            String other = mounts.putIfAbsent(mount, a.id());
            if (other != null) {
                throw new IllegalArgumentException("apis." + a.id() + ".basePath: \"" + a.basePath()
                        + "\" (expected: a base path no other API uses; \"" + other + "\" has it)");
            }
        }
        for (Consumer c : consumers) {
            if (!teamIds.isEmpty() && !teamIds.contains(c.team())) {
                throw new IllegalArgumentException("consumers." + c.id() + ".team: \"" + c.team()
                        + "\" (expected: the id of a team in the catalog)");
            }
        }
        Map<String, Integer> consumerOrder = new HashMap<>();
        for (int i = 0; i < consumers.size(); i++) {
            consumerOrder.put(consumers.get(i).id(), i);
        }
        Set<String> pairs = new HashSet<>();
        for (Subscription s : subscriptions) {
            if (!consumerIds.contains(s.consumer())) {
                throw new IllegalArgumentException("subscriptions: consumer \"" + s.consumer()
                        + "\" (expected: the id of a consumer in the catalog)");
            }
            if (!apiIds.contains(s.api())) {
                throw new IllegalArgumentException("subscriptions: api \"" + s.api()
                        + "\" (expected: the id of an API in the catalog)");
            }
            if (!pairs.add(s.consumer() + " " + s.api())) {
                throw new IllegalArgumentException("subscriptions: " + s.consumer() + " to " + s.api()
                        + " twice (expected: one subscription per consumer and API)");
            }
        }
        List<Subscription> grouped = new java.util.ArrayList<>(subscriptions);
        grouped.sort(java.util.Comparator.comparingInt(s -> consumerOrder.get(s.consumer())));
        subscriptions = List.copyOf(grouped);
    }

    /** Only APIs and pools: no teams, consumers or subscriptions. */
    public Catalog(List<Api> apis, List<UpstreamPool> pools) {
        this(List.of(), apis, pools, List.of(), List.of());
    }

    /** The pool with this id, or {@code null}. Linear: for control-plane use, not the hot path. */
    public UpstreamPool pool(String id) {
        return pools.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    /** The API with this id, or {@code null}. Linear: for control-plane use, not the hot path. */
    public Api api(String id) {
        return apis.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }

    /** The APIs {@code team} owns, in catalog order. */
    public List<Api> ownedBy(String team) {
        return apis.stream().filter(a -> a.owner().equals(team)).toList();
    }

    /** The ids of the APIs that consumers of {@code team} subscribe to, each once, in subscription order. */
    public List<String> calledBy(String team) {
        Set<String> members = new HashSet<>();
        consumers.stream().filter(c -> c.team().equals(team)).forEach(c -> members.add(c.id()));
        return subscriptions.stream().filter(s -> members.contains(s.consumer())).map(Subscription::api)
                .distinct().toList();
    }

    private static Set<String> unique(String what, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException(what + ": id \"" + id + "\" twice (expected: unique ids)");
            }
        }
        return seen;
    }
}
