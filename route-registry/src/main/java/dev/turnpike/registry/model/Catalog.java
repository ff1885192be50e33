package dev.turnpike.registry.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole catalog at one point in time: every API and every upstream pool.
 *
 * <p>Cross-references are checked here: ids are unique, every target names an existing pool, and no two APIs claim
 * the same host and base path.
 */
public record Catalog(List<Api> apis, List<UpstreamPool> pools) {
    /** A catalog with nothing in it. */
    public static final Catalog EMPTY = new Catalog(List.of(), List.of());

    public Catalog {
        apis = List.copyOf(apis);
        pools = List.copyOf(pools);
        Set<String> poolIds = new HashSet<>();
        for (UpstreamPool p : pools) {
            if (!poolIds.add(p.id())) {
                throw new IllegalArgumentException("pools: id \"" + p.id() + "\" twice (expected: unique ids)");
            }
        }
        Set<String> apiIds = new HashSet<>();
        Map<String, String> mounts = new HashMap<>();
        for (Api a : apis) {
            if (!apiIds.add(a.id())) {
                throw new IllegalArgumentException("apis: id \"" + a.id() + "\" twice (expected: unique ids)");
            }
            for (Target t : a.targets()) {
                if (!poolIds.contains(t.pool())) {
                    throw new IllegalArgumentException("apis." + a.id() + ".targets: pool \"" + t.pool()
                            + "\" (expected: the id of a pool in the catalog)");
                }
            }
            String mount = a.host().orElse("*") + " " + a.basePath();
            String other = mounts.putIfAbsent(mount, a.id());
            if (other != null) {
                throw new IllegalArgumentException("apis." + a.id() + ".basePath: \"" + a.basePath()
                        + "\" (expected: a base path no other API uses; \"" + other + "\" has it)");
            }
        }
    }

    /** The pool with this id, or {@code null}. Linear: for control-plane use, not the hot path. */
    public UpstreamPool pool(String id) {
        for (UpstreamPool p : pools) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }
}
