package dev.turnpike.loadtest.jmh;

import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.VersionedCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Time to build the data plane's {@link RoutingSnapshot} from a catalog of 10,000 APIs with two routes each: what
 * every catalog change costs a node before the new routes are served.
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

    @Setup
    public void buildCatalog() {
        UpstreamPool pool = UpstreamPool.of("stub", List.of(new Instance("127.0.0.1", 18080, 1)));
        List<Api> list = new ArrayList<>(apis);
        for (int i = 0; i < apis; i++) {
            list.add(new Api("api" + i, "API " + i, "v1", "bench-team", "", Optional.empty(), "/api" + i, "/",
                    Lifecycle.ACTIVE, List.of(new Target("stub", 1)),
                    List.of(new Route("GET", "/items/{id}"), new Route("POST", "/items"))));
        }
        catalog = new VersionedCatalog(1, new Catalog(list, List.of(pool)));
    }

    @Benchmark
    public RoutingSnapshot build() {
        return RoutingSnapshot.build(catalog);
    }
}
