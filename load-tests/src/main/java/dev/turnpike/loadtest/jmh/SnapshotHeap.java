package dev.turnpike.loadtest.jmh;

import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.VersionedCatalog;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heap a routing snapshot keeps, next to the build times JMH reports: builds the {@link BenchApis} catalog
 * ({@code apis} APIs, 10 routes each), then measures used heap after full GCs before and after building a cold
 * snapshot, and what a node holds once it has published 100 one-API changes (the old snapshots gone). Also times
 * each of those publishes ({@link RoutingState#publish}: build plus swap).
 *
 * <p>{@code java -Xmx2g -XX:+UseSerialGC -cp ... dev.turnpike.loadtest.jmh.SnapshotHeap [apis]}; serial GC makes
 * "used after a full GC" the live set.
 */
public final class SnapshotHeap {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private SnapshotHeap() {
    }

    public static void main(String[] args) {
        int apis = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<Api> list = BenchApis.apis(apis);
        Catalog base = BenchApis.catalog(list);
        List<Catalog> changes = new ArrayList<>();
        for (int g = 1; g <= 100; g++) {
            List<Api> changed = new ArrayList<>(list);
            int i = (g * 97) % apis;
            changed.set(i, BenchApis.changed(i, g));
            changes.add(BenchApis.catalog(changed));
        }
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        RoutingSnapshot cold = RoutingSnapshot.build(new VersionedCatalog(1, base));
        long coldNanos = System.nanoTime() - t0;
        long withSnapshot = usedAfterGc();
        RoutingState state = new RoutingState();
        state.publish(new VersionedCatalog(1, base));
        long[] publishNanos = new long[changes.size()];
        for (int g = 0; g < changes.size(); g++) {
            long s = System.nanoTime();
            state.publish(new VersionedCatalog(g + 2, changes.get(g)));
            publishNanos[g] = System.nanoTime() - s;
        }
        long afterChanges = usedAfterGc();
        java.util.Arrays.sort(publishNanos);
        System.out.printf(Locale.ROOT, "apis=%d routes=%d%n", apis, cold.routeCount());
        System.out.printf(Locale.ROOT, "cold build (first, not warmed up): %.1f ms%n", coldNanos / 1e6);
        System.out.printf(Locale.ROOT, "retained by one snapshot: %.1f MB (%.0f B/route)%n",
                (withSnapshot - before) / 1e6, (withSnapshot - before) / (double) cold.routeCount());
        System.out.printf(Locale.ROOT, "publish of a one-API change (100 publishes): median %.2f ms, max %.2f ms%n",
                publishNanos[publishNanos.length / 2] / 1e6, publishNanos[publishNanos.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "retained by the live snapshot after 100 changes: %.1f MB%n",
                (afterChanges - before - (withSnapshot - before)) / 1e6);
        if (state.current().routeCount() != cold.routeCount()) {
            throw new IllegalStateException("route count changed: " + state.current().routeCount());
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
