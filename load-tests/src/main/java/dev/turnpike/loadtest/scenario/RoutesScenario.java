package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.BenchCatalog;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.StubServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code routes}: gateway ceiling with 1, 1,000, 10,000 and 100,000 templated routes in the catalog, always hitting
 * the last one; flat throughput means route matching does not grow with the catalog. Also records how long the
 * gateway took to become ready with each catalog.
 */
public final class RoutesScenario implements Scenario {
    @Override
    public String name() {
        return "routes";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        if (!ctx.withGateway()) {
            return List.of(new Table("routes", List.of("routes")).note("routes: skipped — gateway left out (--references-only)."));
        }
        ctx.gatewayJar();
        var s = ctx.settings();
        List<Integer> sizes = s.smoke() ? List.of(1, 1_000) : List.of(1, 1_000, 10_000, 100_000);
        StubServer stub = ctx.startStub();
        List<Row> measured = new ArrayList<>();
        for (int n : sizes) {
            ctx.progress().step(String.format(Locale.ROOT, "starting gateway with %,d routes", n));
            var catalog = BenchCatalog.routes(ctx.workDir().resolve("routes-" + n), stub.address(), n);
            long t0 = System.nanoTime();
            GatewayServer gw = ctx.startGateway(catalog, List.of(), Duration.ofMinutes(5));
            double readySeconds = (System.nanoTime() - t0) / 1e9;
            String label = String.format(Locale.ROOT, "%,d routes", n);
            ctx.warmUp(gw.baseUrl() + BenchCatalog.lastRoutePath(n));
            Runs runs = Runs.measure(ctx, "closed", Map.of(label, gw.baseUrl() + BenchCatalog.lastRoutePath(n)),
                    url -> ctx.load().closed(url, s.connections(), s.warmup(), s.duration()));
            measured.add(new Row(n, runs.spread(label, LoadResult::rps), runs.spread(label, r -> r.p99us() / 1000.0),
                    readySeconds, runs.failures(label)));
            ctx.supervisor().stop(gw.process());
        }
        Table t = new Table("routes — gateway ceiling by catalog size, hitting the last route",
                List.of("routes", "req/s", "vs 1 route", "vs nginx", "p99 ms", "ready after s", "errors"));
        Spread first = measured.get(0).rps();
        Spread nginx = ctx.ceiling("nginx").orElse(null);
        for (Row m : measured) {
            t.row(List.of(String.format(Locale.ROOT, "%,d", m.routes()), m.rps().format(0),
                    Spread.ratio(m.rps().median(), first.median()),
                    nginx == null ? "n/a" : Spread.ratio(m.rps().median(), nginx.median()),
                    m.p99ms().format(2), String.format(Locale.ROOT, "%.1f", m.readySeconds()),
                    String.valueOf(m.failures())));
        }
        t.note("One API with N routes `GET /r{i}/items/{id}`; requests go to `/bench/r{N-1}/items/42`. Closed model, "
                + ctx.load().closedModelClient() + ", " + s.connections() + " connections; median (min–max) of "
                + s.runs() + " runs. 'vs nginx' uses nginx's ceiling from the proxy scenario of the same run, if it ran.");
        return List.of(t);
    }

    private record Row(int routes, Spread rps, Spread p99ms, double readySeconds, long failures) {
    }
}
