package dev.turnpike.registry.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole catalog at one point in time: teams, APIs, upstream pools, consumers and their subscriptions, composite
 * endpoints. API keys
 * are not part of it: the store keeps them apart, as hashes. Immutable; a value (equal when its lists are).
 *
 * <p>Cross-references are checked here: ids are unique, every target names an existing pool, no two APIs claim
 * the same host and base path, a successor names an API of the catalog, a subscription names an existing consumer
 * and API (once per pair), every part of a composite names an API of the catalog. <b>Teams are optional</b>: a catalog that declares no team accepts any owner and
 * consumer team id (as catalogs written before teams existed do); once one team is declared, every API owner,
 * composite owner and consumer team must be a declared team.
 *
 * <p>Subscriptions are kept grouped by consumer, in consumer order (stable within a consumer), the order of the
 * catalog file where they are listed under their consumer.
 *
 * <p>Lookups by id are constant-time (an index built on first use), and {@link #edit()} makes a changed catalog
 * at the cost of the change rather than of the catalog: an admin write at 10,000 APIs must not re-check them all.
 */
public final class Catalog {
    /** A catalog with nothing in it. */
    public static final Catalog EMPTY = new Catalog(List.of(), List.of());

    /** This catalog with {@code composites} instead of its own, checked. */
    public Catalog withComposites(List<Composite> composites) {
        return new Catalog(teams, apis, pools, consumers, subscriptions, composites);
    }

    private final List<Team> teams;
    private final List<Api> apis;
    private final List<UpstreamPool> pools;
    private final List<Consumer> consumers;
    private final List<Subscription> subscriptions;
    private final List<Composite> composites;
    private volatile CatalogIndex index; // built on first use; racing builders build equal indexes

    /**
     * A catalog of these entities, checked.
     *
     * @throws CatalogRuleException listing every entity that breaks a rule
     */
    public Catalog(List<Team> teams, List<Api> apis, List<UpstreamPool> pools, List<Consumer> consumers,
                   List<Subscription> subscriptions, List<Composite> composites) {
        this.teams = List.copyOf(teams);
        this.apis = List.copyOf(apis);
        this.pools = List.copyOf(pools);
        this.consumers = List.copyOf(consumers);
        this.composites = List.copyOf(composites);
        this.subscriptions = check(this.teams, this.apis, this.pools, this.consumers, List.copyOf(subscriptions),
                this.composites);
    }

    /** A catalog without composites. */
    public Catalog(List<Team> teams, List<Api> apis, List<UpstreamPool> pools, List<Consumer> consumers,
                   List<Subscription> subscriptions) {
        this(teams, apis, pools, consumers, subscriptions, List.of());
    }

    /** Only APIs and pools: no teams, consumers or subscriptions. */
    public Catalog(List<Api> apis, List<UpstreamPool> pools) {
        this(List.of(), apis, pools, List.of(), List.of());
    }

    /**
     * A catalog whose lists are immutable and already checked (by {@link CatalogEdit}), with its index if known
     * ({@code null}: built on first use).
     */
    Catalog(List<Team> teams, List<Api> apis, List<UpstreamPool> pools, List<Consumer> consumers,
            List<Subscription> subscriptions, List<Composite> composites, CatalogIndex index) {
        this.teams = teams;
        this.apis = apis;
        this.pools = pools;
        this.consumers = consumers;
        this.subscriptions = subscriptions;
        this.composites = composites;
        this.index = index;
    }

    public List<Team> teams() {
        return teams;
    }

    public List<Api> apis() {
        return apis;
    }

    public List<UpstreamPool> pools() {
        return pools;
    }

    public List<Consumer> consumers() {
        return consumers;
    }

    /** Grouped by consumer, in consumer order. */
    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Composite (fan-out) endpoints, in catalog order. */
    public List<Composite> composites() {
        return composites;
    }

    /** The team with this id, or {@code null}. */
    public Team team(String id) {
        return at(teams, index().teams().get(id));
    }

    /** The API with this id, or {@code null}. */
    public Api api(String id) {
        return at(apis, index().apis().get(id));
    }

    /** The pool with this id, or {@code null}. */
    public UpstreamPool pool(String id) {
        return at(pools, index().pools().get(id));
    }

    /** The consumer with this id, or {@code null}. */
    public Consumer consumer(String id) {
        return at(consumers, index().consumers().get(id));
    }

    /** The composite with this id, or {@code null}. */
    public Composite composite(String id) {
        return at(composites, index().composites().get(id));
    }

    /** The subscription of {@code consumer} to {@code api}, or {@code null}. */
    public Subscription subscription(String consumer, String api) {
        return at(subscriptions, index().subscriptions().get(new CatalogIndex.Pair(consumer, api)));
    }

    /** The API served under {@code basePath} on {@code host} (empty: any host), or {@code null}. */
    public Api mountedAt(Optional<String> host, String basePath) {
        String id = index().mounts().get(new CatalogIndex.Mount(host.orElse("*"), basePath));
        return id == null ? null : api(id);
    }

    /** The APIs {@code team} owns, in catalog order. */
    public List<Api> ownedBy(String team) {
        return apis.stream().filter(a -> a.owner().equals(team)).toList();
    }

    /** The composites whose parts call the API {@code api}, in catalog order. */
    public List<Composite> compositesCalling(String api) {
        return composites.stream().filter(c -> c.parts().stream().anyMatch(p -> p.api().equals(api))).toList();
    }

    /** The ids of the APIs that consumers of {@code team} subscribe to, each once, in subscription order. */
    public List<String> calledBy(String team) {
        Set<String> members = new HashSet<>();
        consumers.stream().filter(c -> c.team().equals(team)).forEach(c -> members.add(c.id()));
        return subscriptions.stream().filter(s -> members.contains(s.consumer())).map(Subscription::api)
                .distinct().toList();
    }

    /** An edit of this catalog: changes by entity, checked together when the result is made. */
    public CatalogEdit edit() {
        return new CatalogEdit(this);
    }

    CatalogIndex index() {
        CatalogIndex i = index;
        if (i == null) {
            i = new CatalogIndex(this);
            index = i;
        }
        return i;
    }

    private static <T> T at(List<T> list, Integer position) {
        return position == null ? null : list.get(position);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Catalog c && teams.equals(c.teams) && apis.equals(c.apis)
                && pools.equals(c.pools) && consumers.equals(c.consumers) && subscriptions.equals(c.subscriptions)
                && composites.equals(c.composites);
    }

    @Override
    public int hashCode() {
        return Objects.hash(teams, apis, pools, consumers, subscriptions, composites);
    }

    @Override
    public String toString() {
        return "Catalog[teams=" + teams + ", apis=" + apis + ", pools=" + pools + ", consumers=" + consumers
                + ", subscriptions=" + subscriptions + ", composites=" + composites + "]";
    }

    /**
     * Checks every rule; returns the (immutable) subscriptions grouped by consumer.
     *
     * @throws CatalogRuleException listing every entity that breaks a rule
     */
    static List<Subscription> check(List<Team> teams, List<Api> apis, List<UpstreamPool> pools,
                                    List<Consumer> consumers, List<Subscription> subscriptions,
                                    List<Composite> composites) {
        List<String> violations = new ArrayList<>();
        Set<String> teamIds = unique("teams", teams.stream().map(Team::id).toList(), violations);
        Set<String> poolIds = unique("pools", pools.stream().map(UpstreamPool::id).toList(), violations);
        Set<String> apiIds = unique("apis", apis.stream().map(Api::id).toList(), violations);
        Set<String> consumerIds = unique("consumers", consumers.stream().map(Consumer::id).toList(), violations);
        Map<CatalogIndex.Mount, String> mounts = new HashMap<>(apis.size() * 4 / 3 + 1);
        for (Api a : apis) {
            if (!teamIds.isEmpty() && !teamIds.contains(a.owner())) {
                violations.add("apis." + a.id() + ".owner: \"" + a.owner()
                        + "\" (expected: the id of a team in the catalog)");
            }
            for (Target t : a.targets()) {
                if (!poolIds.contains(t.pool())) {
                    violations.add("apis." + a.id() + ".targets: pool \"" + t.pool()
                            + "\" (expected: the id of a pool in the catalog)");
                }
            }
            if (a.successor().isPresent() && !apiIds.contains(a.successor().get())) {
                violations.add("apis." + a.id() + ".successor: \"" + a.successor().get()
                        + "\" (expected: the id of an API in the catalog)");
            }
            String other = mounts.putIfAbsent(CatalogIndex.Mount.of(a), a.id());
            if (other != null) {
                violations.add("apis." + a.id() + ".basePath: \"" + a.basePath()
                        + "\" (expected: a base path no other API uses; \"" + other + "\" has it)");
            }
        }
        for (Consumer c : consumers) {
            if (!teamIds.isEmpty() && !teamIds.contains(c.team())) {
                violations.add("consumers." + c.id() + ".team: \"" + c.team()
                        + "\" (expected: the id of a team in the catalog)");
            }
        }
        unique("composites", composites.stream().map(Composite::id).toList(), violations);
        for (Composite c : composites) {
            checkComposite(c, id -> teamIds.isEmpty() || teamIds.contains(id), apiIds::contains, violations);
        }
        Set<CatalogIndex.Pair> pairs = new HashSet<>(subscriptions.size() * 4 / 3 + 1);
        for (Subscription s : subscriptions) {
            if (!consumerIds.contains(s.consumer())) {
                violations.add("subscriptions: consumer \"" + s.consumer()
                        + "\" (expected: the id of a consumer in the catalog)");
            }
            if (!apiIds.contains(s.api())) {
                violations.add("subscriptions: api \"" + s.api()
                        + "\" (expected: the id of an API in the catalog)");
            }
            if (!pairs.add(new CatalogIndex.Pair(s.consumer(), s.api()))) {
                violations.add("subscriptions: " + s.consumer() + " to " + s.api()
                        + " twice (expected: one subscription per consumer and API)");
            }
        }
        if (!violations.isEmpty()) {
            throw new CatalogRuleException(violations);
        }
        return grouped(consumers, subscriptions);
    }

    /** The subscriptions grouped by consumer in consumer order: the same list when they already are. */
    private static List<Subscription> grouped(List<Consumer> consumers, List<Subscription> subscriptions) {
        Map<String, Integer> consumerOrder = new HashMap<>(consumers.size() * 4 / 3 + 1);
        for (int i = 0; i < consumers.size(); i++) {
            consumerOrder.put(consumers.get(i).id(), i);
        }
        for (int i = 1; i < subscriptions.size(); i++) {
            int previous = consumerOrder.get(subscriptions.get(i - 1).consumer());
            if (previous > consumerOrder.get(subscriptions.get(i).consumer())) {
                List<Subscription> grouped = new ArrayList<>(subscriptions);
                grouped.sort(Comparator.comparingInt(s -> consumerOrder.get(s.consumer())));
                return List.copyOf(grouped);
            }
        }
        return subscriptions; // already grouped: the same list, so unchanged catalogs share it
    }

    /**
     * Adds to {@code violations} what breaks the rules for {@code c}: the owner must be a team ({@code teams}), each
     * part's API an API ({@code apis}) of the catalog.
     */
    static void checkComposite(Composite c, java.util.function.Predicate<String> teams,
                               java.util.function.Predicate<String> apis, List<String> violations) {
        if (!teams.test(c.owner())) {
            violations.add("composites." + c.id() + ".owner: \"" + c.owner()
                    + "\" (expected: the id of a team in the catalog)");
        }
        for (CompositePart p : c.parts()) {
            if (!apis.test(p.api())) {
                violations.add("composites." + c.id() + ".parts." + p.name() + ".api: \""
                        + p.api() + "\" (expected: the id of an API in the catalog)");
            }
        }
    }

    /** A catalog of these immutable lists (not copied), checked as the public constructor checks. */
    static Catalog checked(List<Team> teams, List<Api> apis, List<UpstreamPool> pools, List<Consumer> consumers,
                           List<Subscription> subscriptions, List<Composite> composites) {
        return new Catalog(teams, apis, pools, consumers,
                check(teams, apis, pools, consumers, subscriptions, composites), composites, null);
    }

    private static Set<String> unique(String what, List<String> ids, List<String> violations) {
        Set<String> seen = new HashSet<>(ids.size() * 4 / 3 + 1);
        for (String id : ids) {
            if (!seen.add(id)) {
                violations.add(what + ": id \"" + id + "\" twice (expected: unique ids)");
            }
        }
        return seen;
    }
}
