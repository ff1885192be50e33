package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.BenchCatalog;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.IdleConnections;
import dev.turnpike.loadtest.target.JvmMemoryProbe;
import dev.turnpike.loadtest.target.Readiness;
import dev.turnpike.loadtest.target.StubServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code memory}: live heap per route (10k and 100k routes against a 1-route catalog) and the cost of idle
 * keep-alive connections (10,000 of them), measured from outside the gateway with {@link JvmMemoryProbe}: live
 * heap after a full GC ({@code jcmd GC.class_histogram}) and resident set size.
 */
public final class MemoryScenario implements Scenario {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        if (!ctx.withGateway()) {
            return List.of(new Table("memory", List.of("memory")).note("memory: skipped — gateway left out (--references-only)."));
        }
        ctx.gatewayJar();
        if (ctx.tools().jcmd().isEmpty()) {
            return List.of(new Table("memory", List.of("memory"))
                    .note("memory: skipped — jcmd not found next to " + ctx.tools().java() + " (needs a full JDK)."));
        }
        var s = ctx.settings();
        JvmMemoryProbe probe = new JvmMemoryProbe(ctx.tools().jcmd().get(), ctx.workDir());
        StubServer stub = ctx.startStub();
        List<Table> tables = new ArrayList<>();

        List<Integer> sizes = s.smoke() ? List.of(1, 1_000) : List.of(1, 10_000, 100_000);
        Table routes = new Table("memory — live heap by catalog size",
                List.of("routes", "live heap MB", "per route (vs 1 route) bytes"));
        long base = 0;
        for (int n : sizes) {
            ctx.progress().step(String.format(Locale.ROOT, "heap with %,d routes", n));
            var catalog = BenchCatalog.routes(ctx.workDir().resolve("memory-" + n), stub.address(), n);
            GatewayServer gw = ctx.startGateway(catalog, List.of(), Duration.ofMinutes(5));
            requireOk(gw.baseUrl() + BenchCatalog.lastRoutePath(n));
            long heap = probe.liveHeapBytes(gw.process().pid());
            ctx.supervisor().stop(gw.process());
            if (n == sizes.get(0)) {
                base = heap;
            }
            routes.row(List.of(String.format(Locale.ROOT, "%,d", n), Spread.number(heap / 1048576.0, 1),
                    n == sizes.get(0) ? "—" : Spread.number((heap - base) / (double) (n - sizes.get(0)), 0)));
        }
        routes.note("Live heap = total of `jcmd <pid> GC.class_histogram` (forces a full GC, counts reachable objects) "
                + "after one request to the last route. One measurement per size (a full GC's live set varies little).");
        tables.add(routes);

        int count = s.smoke() ? 200 : 10_000;
        ctx.progress().step(String.format(Locale.ROOT, "%,d idle keep-alive connections", count));
        var catalog = BenchCatalog.prefixRoute(ctx.workDir().resolve("memory-conns"), stub.address());
        // Every connection comes from 127.0.0.1: lift the per-client and per-listener caps (docs/security.md).
        GatewayServer gw = ctx.startGateway(catalog, List.of(), List.of("limits.maxConnectionsPerClient=0",
                "limits.maxConnections=" + (count * 2)), Duration.ofSeconds(60));
        String path = "/bench" + ProxyScenario.PATH;
        try (IdleConnections baseline = new IdleConnections(); IdleConnections many = new IdleConnections()) {
            baseline.open(gw.port(), path, 1);
            long heap0 = probe.liveHeapBytes(gw.process().pid());
            long rss0 = JvmMemoryProbe.rssBytes(gw.process().pid());
            many.open(gw.port(), path, count);
            long heap1 = probe.liveHeapBytes(gw.process().pid());
            long rss1 = JvmMemoryProbe.rssBytes(gw.process().pid());
            Table conns = new Table(String.format(Locale.ROOT, "memory — %,d idle keep-alive connections", count),
                    List.of("measure", "with 1 connection MB", String.format(Locale.ROOT, "with %,d more MB", count),
                            "per connection bytes"));
            conns.row(List.of("live heap (after full GC)", Spread.number(heap0 / 1048576.0, 1),
                    Spread.number(heap1 / 1048576.0, 1), Spread.number((heap1 - heap0) / (double) count, 0)));
            conns.row(List.of("RSS (heap + direct + native)", Spread.number(rss0 / 1048576.0, 1),
                    Spread.number(rss1 / 1048576.0, 1), Spread.number((rss1 - rss0) / (double) count, 0)));
            conns.note("Each connection completed one request and then stayed open and idle. RSS also includes heap the "
                    + "JVM committed while accepting them and did not give back, so it is an upper bound for "
                    + "heap + direct memory; Netty's pooled direct memory is not visible to the JVM's buffer-pool MXBean.");
            tables.add(conns);
        } finally {
            ctx.supervisor().stop(gw.process());
        }
        return tables;
    }

    private static void requireOk(String url) {
        int status = Readiness.status(url);
        if (status != 200) {
            throw new IllegalStateException("GET " + url + " answered " + status + " (expected: 200)");
        }
    }
}
