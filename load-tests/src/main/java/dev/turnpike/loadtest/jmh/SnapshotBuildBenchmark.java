package dev.turnpike.loadtest.jmh;

import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.VersionedCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a catalog change costs a node before it is served, at 10,000 APIs with 10 routes each (100,000 routes,
 * see {@link BenchApis}):
 * <ul>
 *   <li>{@code coldBuild} — a snapshot from nothing (start-up, or a change to most APIs);</li>
 *   <li>{@code oneApiChange} — the next snapshot from the live one when one API in the middle changed one route
 *       (what an admin write costs), alternating between two catalogs so every operation is a real change;</li>
 *   <li>{@code publishOneApiChange} — the same through {@link RoutingState#publish}: build plus swap.</li>
 * </ul>
 *
 * <p>{@code java -cp ... org.openjdk.jmh.Main SnapshotBuildBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnapshotBuildBenchmark {
    @Param({"10000"})
    int apis;

    private VersionedCatalog catalog;
    private final Catalog[] alternating = new Catalog[2];
    private RoutingSnapshot live;
    private RoutingState state;
    private long version;

    @Setup
    public void buildCatalogs() {
        List<Api> list = BenchApis.apis(apis);
        catalog = new VersionedCatalog(1, BenchApis.catalog(list));
        List<Api> changed = new ArrayList<>(list);
        changed.set(apis / 2, BenchApis.changed(apis / 2, 1));
        alternating[0] = catalog.catalog();
        alternating[1] = BenchApis.catalog(changed);
        live = RoutingSnapshot.build(catalog);
        state = new RoutingState();
        state.publish(catalog);
        version = 1;
    }

    @Benchmark
    public RoutingSnapshot coldBuild() {
        return RoutingSnapshot.build(catalog);
    }

    @Benchmark
    public RoutingSnapshot oneApiChange() {
        long next = live.version() + 1;
        live = RoutingSnapshot.build(new VersionedCatalog(next, alternating[(int) (next & 1)]), live);
        return live;
    }

    @Benchmark
    public RoutingSnapshot publishOneApiChange() {
        version++;
        return state.publish(new VersionedCatalog(version, alternating[(int) (version & 1)]));
    }
}
