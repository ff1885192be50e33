package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.UpstreamPool;
import java.time.Duration;
import java.util.List;

/** Checks that every duration of a catalog fits the stores' whole-millisecond BIGINT columns. */
final class StorableDurations {
    private StorableDurations() {
    }

    /** @throws IllegalArgumentException naming the first duration that is finer than 1 ms or too long */
    static void require(Catalog catalog) {
        for (UpstreamPool p : catalog.pools()) {
            PoolSettings s = p.settings();
            String at = "pools." + p.id() + ".";
            require(at + "connectTimeout", s.connectTimeout());
            require(at + "responseTimeout", s.responseTimeout());
            require(at + "maxIdleTime", s.maxIdleTime());
            require(at + "ejectFor", s.ejectFor());
            require(at + "outlierDetection.maxEjectFor", p.outliers().maxEjectFor());
            p.healthCheck().ifPresent(h -> {
                require(at + "healthCheck.interval", h.interval());
                require(at + "healthCheck.timeout", h.timeout());
            });
        }
        catalog.apis().forEach(StorableDurations::requireApi);
    }

    /** The same for the entity {@code change} puts, if it is a pool or an API: O(1), for entity-level writes. */
    static void require(CatalogChange change) {
        if (change instanceof CatalogChange.PutPool put) {
            require(new Catalog(List.of(), List.of(put.pool())));
        } else if (change instanceof CatalogChange.PutApi put) {
            requireApi(put.api());
        }
    }

    private static void requireApi(Api a) {
        String at = "apis." + a.id() + ".policies.";
        a.policies().timeout().ifPresent(d -> require(at + "timeout", d));
        a.policies().circuitBreaker().ifPresent(b -> require(at + "circuitBreaker.openFor", b.openFor()));
    }

    private static void require(String field, Duration d) {
        String problem = d.getNano() % 1_000_000 != 0 ? "whole milliseconds"
                : d.getSeconds() > Long.MAX_VALUE / 1000 - 1 ? "at most " + (Long.MAX_VALUE / 1000 - 1) + " seconds"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException(field + ": " + d + " (expected: " + problem + ")");
        }
    }
}
