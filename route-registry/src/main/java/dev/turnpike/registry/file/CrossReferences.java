package dev.turnpike.registry.file;

import dev.turnpike.registry.model.Api;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks that span the whole catalog, possibly over several files: unique ids, targets naming declared pools,
 * and no two APIs on the same host and base path. Mirrors {@link dev.turnpike.registry.model.Catalog}'s checks, but
 * reports every failure with its place instead of throwing at the first.
 */
final class CrossReferences {
    private CrossReferences() {
    }

    static void check(List<ApiReader.Placed> apis, List<PoolReader.Placed> pools) {
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
    }
}
