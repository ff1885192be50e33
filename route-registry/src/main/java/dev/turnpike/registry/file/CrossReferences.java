package dev.turnpike.registry.file;

import dev.turnpike.registry.model.Api;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The checks that span the whole catalog, possibly over several files: unique ids, targets naming declared pools,
 * no two APIs on the same host and base path, owners and consumer teams naming declared teams (when any team is
 * declared), successors and subscriptions naming declared APIs. Mirrors {@link dev.turnpike.registry.model.Catalog}'s checks, but
 * reports every failure with its place instead of throwing at the first.
 */
final class CrossReferences {
    private CrossReferences() {
    }

    /**
     * Composite ids are unique, owners name declared teams (when any team is declared), every part names an API
     * read ({@code declaredApiIds}, valid or not).
     */
    static void checkComposites(List<TeamReader.Placed> teams, Set<String> declaredApiIds,
                                List<CompositeReader.Placed> composites) {
        Set<String> teamIds = new HashSet<>();
        teams.stream().filter(t -> t.id() != null).forEach(t -> teamIds.add(t.id()));
        Map<String, YamlFields> ids = new HashMap<>();
        for (CompositeReader.Placed placed : composites) {
            String id = placed.composite().id();
            YamlFields first = ids.putIfAbsent(id, placed.fields());
            if (first != null) {
                placed.fields().report("id", "\"" + id + "\" twice (expected: unique composite ids; also at "
                        + first.place("id") + ")");
            }
            String owner = placed.composite().owner();
            if (!teams.isEmpty() && !teamIds.contains(owner)) {
                placed.fields().report("owner", "\"" + owner + "\" (expected: the id of a team in the catalog;"
                        + " once teams are declared, every owner must be one of them)");
            }
            for (int i = 0; i < placed.parts().size(); i++) {
                String api = placed.composite().parts().get(i).api();
                if (!declaredApiIds.contains(api)) {
                    placed.parts().get(i).report("api", "\"" + api + "\" (expected: the id of an API in the catalog)");
                }
            }
        }
    }

    /** @param declaredApiIds the ids of every API read, valid or not: what successors and subscriptions may name */
    static void check(List<TeamReader.Placed> teams, List<ApiReader.Placed> apis, Set<String> declaredApiIds,
                      List<PoolReader.Placed> pools, List<ConsumerReader.Placed> consumers) {
        Map<String, YamlFields> teamIds = new HashMap<>();
        for (TeamReader.Placed t : teams) {
            if (t.id() != null) {
                YamlFields first = teamIds.putIfAbsent(t.id(), t.fields());
                if (first != null) {
                    t.fields().report("id", "\"" + t.id() + "\" twice (expected: unique team ids; also at "
                            + first.place("id") + ")");
                }
            }
        }
        boolean teamsDeclared = !teams.isEmpty();
        Map<String, YamlFields> poolIds = new HashMap<>();
        for (PoolReader.Placed p : pools) {
            if (p.id() != null) {
                YamlFields first = poolIds.putIfAbsent(p.id(), p.fields());
                if (first != null) {
                    p.fields().report("id", "\"" + p.id() + "\" twice (expected: unique pool ids; also at "
                            + first.place("id") + ")");
                }
            }
        }
        Map<String, YamlFields> apiIds = new HashMap<>();
        Map<String, ApiReader.Placed> mounts = new HashMap<>();
        for (ApiReader.Placed placed : apis) {
            Api api = placed.api();
            YamlFields first = apiIds.putIfAbsent(api.id(), placed.fields());
            if (first != null) {
                placed.fields().report("id", "\"" + api.id() + "\" twice (expected: unique API ids; also at "
                        + first.place("id") + ")");
            }
            if (teamsDeclared && !teamIds.containsKey(api.owner())) {
                placed.fields().report("owner", "\"" + api.owner() + "\" (expected: the id of a team in the catalog;"
                        + " once teams are declared, every owner must be one of them)");
            }
            for (int i = 0; i < api.targets().size(); i++) {
                String pool = api.targets().get(i).pool();
                if (!poolIds.containsKey(pool)) {
                    placed.targets().get(i).report("pool", "\"" + pool
                            + "\" (expected: the id of a pool in the catalog)");
                }
            }
            String mount = api.host().orElse("*") + " " + api.basePath();
            ApiReader.Placed other = mounts.putIfAbsent(mount, placed);
            if (other != null) {
                placed.fields().report("basePath", "\"" + api.basePath() + "\" on host "
                        + api.host().orElse("(any)") + " (expected: a base path no other API uses on that host; "
                        + "API \"" + other.api().id() + "\" has it at " + other.fields().place("basePath") + ")");
            }
        }
        Set<String> apiIdSet = declaredApiIds;
        for (ApiReader.Placed placed : apis) {
            placed.api().successor().filter(id -> !apiIdSet.contains(id)).ifPresent(id -> placed.fields()
                    .report("successor", "\"" + id + "\" (expected: the id of an API in the catalog)"));
        }
        Set<String> consumerIds = new HashSet<>();
        Map<String, YamlFields> consumerPlaces = new HashMap<>();
        for (ConsumerReader.Placed placed : consumers) {
            String id = placed.consumer().id();
            YamlFields first = consumerPlaces.putIfAbsent(id, placed.fields());
            if (first != null) {
                placed.fields().report("id", "\"" + id + "\" twice (expected: unique consumer ids; also at "
                        + first.place("id") + ")");
            }
            consumerIds.add(id);
            String team = placed.consumer().team();
            if (teamsDeclared && !teamIds.containsKey(team)) {
                placed.fields().report("team", "\"" + team + "\" (expected: the id of a team in the catalog;"
                        + " once teams are declared, every consumer's team must be one of them)");
            }
            for (ConsumerReader.PlacedSubscription s : placed.subscriptions()) {
                if (!apiIdSet.contains(s.subscription().api())) {
                    s.fields().report("api", "\"" + s.subscription().api()
                            + "\" (expected: the id of an API in the catalog)");
                }
            }
        }
    }
}
