package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.BenchCatalog;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.StubServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code balancers}: the pool balancers side by side on even instances: three stubs that answer at once, one
 * gateway per balancer ({@code least-outstanding}, today's default; {@code peak-ewma}; {@code round-robin}), all
 * loaded in the same interleaved runs with the closed model. Says whether peak-EWMA costs throughput or latency
 * where it has nothing to steer around, which decides whether it can become the default.
 */
public final class BalancerScenario implements Scenario {
    static final List<String> BALANCERS = List.of("least-outstanding", "peak-ewma", "round-robin");

    @Override
    public String name() {
        return "balancers";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        Table t = new Table("balancers — closed-model ceiling over a pool of 3 even stubs, "
                + ctx.settings().connections() + " connections, 1 KB JSON, keep-alive",
                List.of("balancer", "req/s", "vs least-outstanding", "p50 ms", "p99 ms", "p99.9 ms", "errors"));
        if (!ctx.withGateway()) {
            t.note("skipped: needs the gateway (--references-only).");
            return List.of(t);
        }
        ctx.gatewayJar(); // fail fast, before anything is started
        List<String> stubs = List.of(ctx.startStub().address(), ctx.startStub().address(),
                ctx.startStub().address());
        Map<String, String> urls = new LinkedHashMap<>();
        for (String balancer : BALANCERS) {
            var catalog = BenchCatalog.balancedPool(ctx.workDir().resolve("balancer-" + balancer), stubs, balancer);
            GatewayServer gw = ctx.startGateway(catalog, List.of(), Duration.ofSeconds(60));
            urls.put(balancer, gw.baseUrl() + "/bench" + ProxyScenario.PATH);
            ctx.warmUp(urls.get(balancer));
        }
        var s = ctx.settings();
        Runs runs = Runs.measure(ctx, "closed", urls,
                url -> ctx.load().closed(url, s.connections(), s.warmup(), s.duration()));
        Spread base = runs.spread("least-outstanding", LoadResult::rps);
        for (String balancer : urls.keySet()) {
            Spread rps = runs.spread(balancer, LoadResult::rps);
            t.row(List.of(balancer, rps.format(0), Spread.ratio(rps.median(), base.median()),
                    runs.spread(balancer, r -> r.p50us() / 1000.0).format(2),
                    runs.spread(balancer, r -> r.p99us() / 1000.0).format(2),
                    runs.spread(balancer, r -> r.p999us() / 1000.0).format(2),
                    String.valueOf(runs.failures(balancer))));
        }
        t.note("Load: " + ctx.load().closedModelClient() + "; median (min–max) of " + s.runs() + " runs of "
                + s.duration().toSeconds() + " s after " + s.warmup().toSeconds() + " s warm-up, the three gateways "
                + "(one I/O thread each) loaded in turn within each run. All three share the stubs' cores.");
        return List.of(t);
    }
}
