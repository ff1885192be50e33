package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
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
import java.util.function.ToDoubleFunction;

/**
 * {@code latency}: open-model (fixed-rate) run at 50 % of the reference's ceiling — nginx's, or direct's when nginx
 * is missing — against every target at the same rate, latency corrected for coordinated omission; reports what
 * the gateway (and nginx) add on top of direct at p50, p99 and p99.9.
 */
public final class LatencyScenario implements Scenario {
    @Override
    public String name() {
        return "latency";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        if (ctx.withGateway()) {
            ctx.gatewayJar();
        }
        var s = ctx.settings();
        StubServer stub = ctx.startStub();
        Map<String, String> urls = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        urls.put("direct", stub.baseUrl() + ProxyScenario.PATH);
        if (ctx.tools().nginx().isPresent()) {
            NginxServer nginx = NginxServer.start(ctx.supervisor(), ctx.tools(), ctx.pinning(), ctx.workDir(), stub);
            urls.put("nginx", nginx.baseUrl() + "/bench" + ProxyScenario.PATH);
        } else {
            notes.add("nginx: skipped — not installed; the rate is 50 % of direct's ceiling instead.");
        }
        if (ctx.withGateway()) {
            var catalog = BenchCatalog.prefixRoute(ctx.workDir().resolve("latency-catalog"), stub.address());
            GatewayServer gw = ctx.startGateway(catalog, List.of(), Duration.ofSeconds(60));
            urls.put("gateway", gw.baseUrl() + "/bench" + ProxyScenario.PATH);
            ctx.warmUp(urls.get("gateway"));
            notes.add("The fresh gateway is first loaded closed-model for the JIT (" + ScenarioContext.JIT_WARMUP
                    .toSeconds() + " s).");
        }
        String reference = urls.containsKey("nginx") ? "nginx" : "direct";
        Spread ceiling = ctx.ceiling(reference).orElse(null);
        if (ceiling == null) {
            ctx.progress().step("measuring " + reference + "'s ceiling (proxy scenario did not run)");
            var runs = Runs.measure(ctx, 1, "ceiling", Map.of(reference, urls.get(reference)),
                    url -> ctx.load().closed(url, s.connections(), s.warmup(), s.duration()));
            ceiling = runs.spread(reference, LoadResult::rps);
            notes.add("Ceiling measured here with one closed-model run (proxy scenario not in this run).");
        }
        double rate = Math.max(100, Math.floor(ceiling.median() / 2));
        List<Table> tables = new ArrayList<>();
        tables.add(measure(ctx, urls, rate, "50 % of " + reference + "'s ceiling", notes));
        Spread gateway = ctx.ceiling("gateway").orElse(null);
        if (gateway != null && urls.containsKey("gateway") && gateway.median() < ceiling.median() * 0.9) {
            // The gateway cannot sustain the reference's rate: its figures above are queueing. Measure everyone
            // again at half the gateway's own ceiling, where its latency means something.
            double own = Math.max(100, Math.floor(gateway.median() / 2));
            tables.add(measure(ctx, urls, own, "50 % of the gateway's own ceiling",
                    List.of("Second rate because the gateway's ceiling is below " + reference + "'s.")));
        }
        return tables;
    }

    private static Table measure(ScenarioContext ctx, Map<String, String> urls, double rate, String why,
                                 List<String> notes) throws Exception {
        var s = ctx.settings();
        Runs runs = Runs.measure(ctx, String.format(Locale.ROOT, "open %.0f req/s", rate), urls,
                url -> ctx.load().open(url, s.openConnections(), rate, s.warmup(), s.duration()));
        Table t = new Table(String.format(Locale.ROOT,
                "latency — open model at %,.0f req/s (%s), corrected for coordinated omission", rate, why),
                List.of("target", "achieved req/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms",
                        "added p50 ms", "added p99 ms", "added p99.9 ms", "errors", "unfinished"));
        for (String target : urls.keySet()) {
            long unfinished = runs.sum(target, LoadResult::incomplete);
            // Percentiles of a run in which nothing completed are not 0 ms: leave such runs out of the spread.
            Runs done = runs.completedOnly();
            boolean none = !done.has(target);
            boolean comparable = !none && done.has("direct");
            t.row(List.of(target, runs.spread(target, LoadResult::rps).format(0),
                    none ? "—" : ms(done, target, LoadResult::p50us), none ? "—" : ms(done, target, LoadResult::p99us),
                    none ? "—" : ms(done, target, LoadResult::p999us), none ? "—" : ms(done, target, LoadResult::maxUs),
                    comparable ? added(done, target, LoadResult::p50us) : "—",
                    comparable ? added(done, target, LoadResult::p99us) : "—",
                    comparable ? added(done, target, LoadResult::p999us) : "—",
                    String.valueOf(runs.sum(target, LoadResult::errors)), String.valueOf(unfinished)));
            if (unfinished > 0) {
                t.note(target + " did not keep up with " + String.format(Locale.ROOT, "%,.0f", rate) + " req/s: "
                        + unfinished + " scheduled requests were still queued or in flight when the run ended "
                        + "(5 s grace); its percentiles cover only the requests that completed"
                        + (target.equals("direct") ? ". Not even direct kept up, so the load generator or the machine "
                                + "was the bottleneck at this rate: this table does not measure the targets." : "."));
            }
        }
        t.note("Added = target's median minus direct's median at the same percentile. Load: harness LoadClient, "
                + s.openConnections() + " connections, latency from each request's scheduled send time (wrk2-style); "
                + "median (min–max) of " + s.runs() + " runs of " + s.duration().toSeconds() + " s after "
                + s.warmup().toSeconds() + " s warm-up (same schedule, not recorded).");
        notes.forEach(t::note);
        return t;
    }

    private static String ms(Runs runs, String target, ToDoubleFunction<LoadResult> us) {
        return runs.spread(target, r -> us.applyAsDouble(r) / 1000.0).format(3);
    }

    private static String added(Runs runs, String target, ToDoubleFunction<LoadResult> us) {
        if (target.equals("direct")) {
            return "—";
        }
        double d = runs.spread(target, us).median() - runs.spread("direct", us).median();
        return String.format(Locale.ROOT, "%+.3f", d / 1000.0);
    }
}
