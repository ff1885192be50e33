package dev.turnpike.gateway.admin;

import dev.turnpike.registry.file.CatalogEntities;
import dev.turnpike.registry.file.CatalogEntities.ConsumerEntity;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Operation;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.CatalogChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The collections of the catalog: teams, APIs, pools (with their instances), consumers and composites. */
final class EntityKinds {
    private EntityKinds() {
    }

    static EntityKind<Team> teams() {
        return new EntityKind<>() {
            public String name() { return "team"; }

            public String collection() { return "/teams"; }

            public List<Team> all(Catalog c) { return c.teams(); }

            public Team find(Catalog c, String id) { return c.team(id); }

            public String id(Team t) { return t.id(); }

            public Map<String, Object> write(Catalog c, Team t) { return CatalogEntities.write(t); }

            public Team read(AdminRequest r) { return EntityBodies.read(r, CatalogEntities::readTeam); }

            public List<CatalogChange> put(Catalog c, Team t) { return List.of(new CatalogChange.PutTeam(t)); }

            public List<CatalogChange> delete(Catalog c, String id) {
                References.checkDeleteTeam(c, id);
                return List.of(new CatalogChange.DeleteTeam(id));
            }

            public Listing<Team> listing() {
                return new Listing<Team>(t -> List.of(t.id(), t.name(), t.contact()));
            }
        };
    }

    /** APIs, whose documents may be up to {@code maxSpecSize} UTF-8 bytes. */
    static EntityKind<Api> apis(long maxSpecSize) {
        return new EntityKind<>() {
            public String name() { return "api"; }

            public String collection() { return "/apis"; }

            public List<Api> all(Catalog c) { return c.apis(); }

            public Api find(Catalog c, String id) { return c.api(id); }

            public String id(Api a) { return a.id(); }

            public Map<String, Object> write(Catalog c, Api a) { return CatalogEntities.write(a); }

            public Api read(AdminRequest r) {
                return EntityBodies.read(r, (text, format) -> CatalogEntities.readApi(text, format, maxSpecSize));
            }

            public List<CatalogChange> put(Catalog c, Api a) {
                References.checkPut(c, a);
                return List.of(new CatalogChange.PutApi(a));
            }

            public List<CatalogChange> delete(Catalog c, String id) {
                References.checkDeleteApi(c, id);
                return List.of(new CatalogChange.DeleteApi(id));
            }

            public Listing<Api> listing() {
                return new Listing<Api>(EntityKinds::apiSearchFields).indexed()
                        .filter("team", (a, v) -> a.owner().equals(v))
                        .filter("lifecycle", (a, v) -> a.lifecycle().name().equalsIgnoreCase(v.trim()))
                        .filter("criticality", (a, v) -> a.criticality().name().equalsIgnoreCase(v.trim()))
                        .view("summary", EntityKinds::apiSummary);
            }
        };
    }

    /** What {@code q} finds an API by: id, name, owner, base path, and each operation's full path and id. */
    private static List<String> apiSearchFields(Api a) {
        List<String> fields = new ArrayList<>(List.of(a.id(), a.name(), a.owner(), a.basePath()));
        for (Operation op : a.operations()) {
            fields.add(op.method() + " " + (a.basePath().equals("/") ? "" : a.basePath()) + op.path());
            op.operationId().ifPresent(fields::add);
        }
        return fields;
    }

    /** An API without its OpenAPI document, with the number of its operations ({@code view=summary}). */
    private static Object apiSummary(Api a) {
        Map<String, Object> summary = new LinkedHashMap<>(CatalogEntities.write(a));
        summary.remove("spec");
        summary.remove("routes");
        summary.put("operationCount", a.operations().size());
        return summary;
    }

    static EntityKind<UpstreamPool> pools() {
        return new EntityKind<>() {
            public String name() { return "pool"; }

            public String collection() { return "/pools"; }

            public List<UpstreamPool> all(Catalog c) { return c.pools(); }

            public UpstreamPool find(Catalog c, String id) { return c.pool(id); }

            public String id(UpstreamPool p) { return p.id(); }

            public Map<String, Object> write(Catalog c, UpstreamPool p) { return CatalogEntities.write(p); }

            public UpstreamPool read(AdminRequest r) { return EntityBodies.read(r, CatalogEntities::readPool); }

            public List<CatalogChange> put(Catalog c, UpstreamPool p) {
                return List.of(new CatalogChange.PutPool(p));
            }

            public List<CatalogChange> delete(Catalog c, String id) {
                References.checkDeletePool(c, id);
                return List.of(new CatalogChange.DeletePool(id));
            }

            public Listing<UpstreamPool> listing() {
                return new Listing<UpstreamPool>(p -> Stream.concat(Stream.of(p.id()),
                        p.instances().stream().map(Instance::address)).toList());
            }
        };
    }

    /** Composite (fan-out) endpoints with their parts. */
    static EntityKind<Composite> composites() {
        return new EntityKind<>() {
            public String name() { return "composite"; }

            public String collection() { return "/composites"; }

            public List<Composite> all(Catalog c) { return c.composites(); }

            public Composite find(Catalog c, String id) { return c.composite(id); }

            public String id(Composite k) { return k.id(); }

            public Map<String, Object> write(Catalog c, Composite k) { return CatalogEntities.write(k); }

            public Composite read(AdminRequest r) { return EntityBodies.read(r, CatalogEntities::readComposite); }

            public List<CatalogChange> put(Catalog c, Composite k) {
                References.checkPut(c, k);
                return List.of(new CatalogChange.PutComposite(k));
            }

            public List<CatalogChange> delete(Catalog c, String id) {
                return List.of(new CatalogChange.DeleteComposite(id));
            }

            public Listing<Composite> listing() {
                return new Listing<Composite>(k -> List.of(k.id(), k.owner(), k.path()))
                        .filter("team", (k, v) -> k.owner().equals(v))
                        .filter("api", (k, v) -> k.parts().stream().anyMatch(p -> p.api().equals(v)))
                        .filter("lifecycle", (k, v) -> k.lifecycle().name().equalsIgnoreCase(v.trim()));
            }
        };
    }

    /** Consumers with their subscriptions, as the catalog file lists them; a put replaces the subscriptions. */
    static EntityKind<ConsumerEntity> consumers() {
        return new EntityKind<>() {
            public String name() { return "consumer"; }

            public String collection() { return "/consumers"; }

            public List<ConsumerEntity> all(Catalog c) {
                Map<String, List<Subscription>> byConsumer = c.subscriptions().stream()
                        .collect(Collectors.groupingBy(Subscription::consumer));
                return c.consumers().stream().map(con -> new ConsumerEntity(con,
                        byConsumer.getOrDefault(con.id(), List.of()))).toList();
            }

            public String id(ConsumerEntity e) { return e.consumer().id(); }

            public Map<String, Object> write(Catalog c, ConsumerEntity e) {
                return CatalogEntities.write(e.consumer(), e.subscriptions());
            }

            public ConsumerEntity read(AdminRequest r) { return EntityBodies.read(r, CatalogEntities::readConsumer); }

            public List<CatalogChange> put(Catalog c, ConsumerEntity e) {
                References.checkPut(c, e.consumer());
                for (int i = 0; i < e.subscriptions().size(); i++) {
                    References.checkPut(c, e.subscriptions().get(i), "/subscriptions/" + i + "/api");
                }
                List<CatalogChange> changes = new ArrayList<>();
                changes.add(new CatalogChange.PutConsumer(e.consumer()));
                List<String> kept = e.subscriptions().stream().map(Subscription::api).toList();
                c.subscriptions().stream().filter(s -> s.consumer().equals(e.consumer().id()))
                        .filter(s -> !kept.contains(s.api()))
                        .forEach(s -> changes.add(new CatalogChange.DeleteSubscription(s.consumer(), s.api())));
                e.subscriptions().forEach(s -> changes.add(new CatalogChange.PutSubscription(s)));
                return changes;
            }

            /** Deletes the consumer's subscriptions with it (they are part of its representation). */
            public List<CatalogChange> delete(Catalog c, String id) {
                List<CatalogChange> changes = new ArrayList<>();
                c.subscriptions().stream().filter(s -> s.consumer().equals(id))
                        .forEach(s -> changes.add(new CatalogChange.DeleteSubscription(id, s.api())));
                changes.add(new CatalogChange.DeleteConsumer(id));
                return changes;
            }

            public Listing<ConsumerEntity> listing() {
                return new Listing<ConsumerEntity>(e -> List.of(e.consumer().id(), e.consumer().name(),
                        e.consumer().team()))
                        .filter("team", (e, v) -> e.consumer().team().equals(v))
                        .filter("state", (e, v) -> e.consumer().state().name().equals(v.trim().toUpperCase(Locale.ROOT)));
            }
        };
    }
}
