package dev.turnpike.loadtest.jmh;

import dev.turnpike.gateway.routing.RouteMatch;
import dev.turnpike.gateway.routing.RouteTable;
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
 * Cost of one route lookup in {@link RouteTable} by table size, for static paths ({@code /api{i}/items/list}) and
 * templated ones ({@code /api{i}/items/{id}}), always asking for the route added last. Flat ns/op from 100 to
 * 100,000 routes means the matcher does not scan; B/op ({@code -prof gc}) is the garbage of one lookup.
 *
 * <p>{@code java -cp ... org.openjdk.jmh.Main RouteMatchBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouteMatchBenchmark {
    @Param({"100", "1000", "10000", "100000"})
    int routes;

    @Param({"static", "templated"})
    String paths;

    private RouteTable<Integer> table;
    private String path;

    @Setup
    public void buildTable() {
        boolean templated = paths.equals("templated");
        RouteTable.Builder<Integer> b = RouteTable.builder();
        for (int i = 0; i < routes; i++) {
            b.add(Optional.empty(), "GET", "/api" + i + (templated ? "/items/{id}" : "/items/list"), i);
        }
        table = b.build();
        path = "/api" + (routes - 1) + (templated ? "/items/42" : "/items/list");
        if (match() == null) {
            throw new IllegalStateException("benchmark path " + path + " does not match its own table");
        }
    }

    @Benchmark
    public RouteMatch<Integer> match() {
        return table.match("bench.example.com", "GET", path);
    }
}
