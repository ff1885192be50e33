package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.AllocationProbe;
import dev.turnpike.loadtest.target.BenchCatalog;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.NginxServer;
import dev.turnpike.loadtest.target.StubServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code proxy}: closed-model ceiling of direct (client to stub), nginx and the gateway, one prefix route,
 * keep-alive, 1 KB JSON answers; throughput and latency under saturation, with ratios to direct and nginx.
 */
public final class ProxyScenario implements Scenario {
    static final String PATH = "/items/42";

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        if (ctx.withGateway()) {
            ctx.gatewayJar(); // fail fast, before anything is started
        }
        StubServer stub = ctx.startStub();
        List<String> notes = new ArrayList<>();
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("direct", stub.baseUrl() + PATH);
        if (ctx.tools().nginx().isPresent()) {
            NginxServer nginx = NginxServer.start(ctx.supervisor(), ctx.tools(), ctx.pinning(), ctx.workDir(), stub);
            urls.put("nginx", nginx.baseUrl() + "/bench" + PATH);
        } else {
            notes.add("nginx: skipped — not installed (apt-get install nginx); gateway vs direct only.");
        }
        var catalog = BenchCatalog.prefixRoute(ctx.workDir().resolve("proxy-catalog"), stub.address());
        // Everything started here is stopped by the harness when the scenario ends, also on failure.
        GatewayServer gw = null;
        if (ctx.withGateway()) {
            gw = ctx.startGateway(catalog, List.of(), Duration.ofSeconds(60));
            urls.put("gateway", gw.baseUrl() + "/bench" + PATH);
            ctx.warmUp(urls.get("gateway"));
        } else {
            notes.add("gateway: left out (--references-only).");
        }
        var s = ctx.settings();
        Runs runs = Runs.measure(ctx, "closed", urls,
                url -> ctx.load().closed(url, s.connections(), s.warmup(), s.duration()));
        Table t = new Table("proxy — closed-model ceiling, " + s.connections() + " connections, 1 KB JSON, keep-alive",
                List.of("target", "req/s", "vs direct", "vs nginx", "p50 ms", "p99 ms", "p99.9 ms", "errors"));
        Spread direct = runs.spread("direct", LoadResult::rps);
        Spread ref = urls.containsKey("nginx") ? runs.spread("nginx", LoadResult::rps) : null;
        for (String target : urls.keySet()) {
            Spread rps = runs.spread(target, LoadResult::rps);
            ctx.ceiling(target, rps);
            t.row(List.of(target, rps.format(0), Spread.ratio(rps.median(), direct.median()),
                    ref == null ? "n/a" : Spread.ratio(rps.median(), ref.median()),
                    runs.spread(target, r -> r.p50us() / 1000.0).format(2),
                    runs.spread(target, r -> r.p99us() / 1000.0).format(2),
                    runs.spread(target, r -> r.p999us() / 1000.0).format(2),
                    String.valueOf(runs.failures(target))));
        }
        t.note("Load: " + ctx.load().closedModelClient() + "; median (min–max) of " + s.runs() + " runs of "
                + s.duration().toSeconds() + " s after " + s.warmup().toSeconds() + " s warm-up. Latency here is "
                + "under saturation (closed model), see `latency` for latency at a fixed rate.");
        notes.forEach(t::note);
        List<Table> tables = new ArrayList<>(List.of(t));
        if (gw != null && ctx.tools().jcmd().isPresent()) {
            tables.add(allocation(ctx, gw, urls.get("gateway")));
        }
        return tables;
    }

    /** Heap bytes the gateway allocates per proxied request, over one more closed-model run. */
    private static Table allocation(ScenarioContext ctx, GatewayServer gw, String url) throws Exception {
        var s = ctx.settings();
        AllocationProbe probe = new AllocationProbe(ctx.tools().jcmd().orElseThrow());
        ctx.progress().step("heap allocated per proxied request");
        long before = probe.allocatedBytes(gw);
        LoadResult r = ctx.load().closed(url, s.connections(), Duration.ZERO, s.duration());
        long after = probe.allocatedBytes(gw);
        Table t = new Table("proxy — heap allocated per proxied request", List.of("requests", "heap allocated MB",
                "bytes per request"));
        t.row(List.of(String.format(Locale.ROOT, "%,d", r.requests()),
                Spread.number((after - before) / 1048576.0, 1),
                Spread.number((after - before) / (double) Math.max(1, r.requests()), 0)));
        t.note("One closed-model run of " + s.duration().toSeconds() + " s on the warmed-up gateway; allocation from "
                + "its own `jvm_gc_memory_allocated_bytes_total` read right after a forced GC (`jcmd <pid> GC.run`) "
                + "before and after the run. Netty's pooled direct buffers (request and response bodies) are not heap "
                + "and are not counted.");
        return t;
    }
}
