package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.StubServer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code overload}: measures the gateway's own ceiling (closed model, or the proxy scenario's figure), then offers it
 * twice that in the open model. A gateway that sheds (503 {@code overloaded} at once, see docs/resilience.md) keeps
 * its goodput near the ceiling and the latency of the requests it admits near the unloaded latency; one that queues
 * collapses. Reports goodput (2xx per second), shed and failed requests, and the latency of the 2xx responses,
 * against an unloaded run at half the ceiling.
 */
public final class OverloadScenario implements Scenario {
    @Override
    public String name() {
        return "overload";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        ctx.gatewayJar();
        var s = ctx.settings();
        StubServer stub = ctx.startStub();
        var catalog = ResilienceCatalog.write(ctx.workDir().resolve("overload-catalog"),
                ResilienceCatalog.api("load", "STANDARD", "timeout: 2s", List.of(stub.address())),
                ResilienceCatalog.pool("load", List.of(stub.address())));
        GatewayServer gw = ctx.startGateway(catalog, List.of(), Duration.ofSeconds(60));
        String url = gw.baseUrl() + "/load/items/42";
        ctx.warmUp(url);
        double ceiling = ctx.ceiling("gateway").map(Spread::median).orElse(0.0);
        String source = "the proxy scenario's gateway ceiling";
        if (ceiling <= 0) {
            ctx.progress().step("overload: measuring the gateway's ceiling (closed model)");
            ceiling = ctx.load().closed(url, s.connections(), s.warmup(), s.duration()).rps();
            source = "one closed-model run of " + s.connections() + " connections here";
        }
        if (ceiling < 1) {
            Table none = new Table("overload — not measured", List.of("reason"));
            none.row(List.of("the gateway's ceiling came out as 0 req/s (" + source + "): nothing to double"));
            ctx.supervisor().stop(gw.process());
            ctx.supervisor().stop(stub.process());
            return List.of(none);
        }
        Table t = new Table(String.format(Locale.ROOT,
                "overload — open model at 2x the gateway's ceiling (%,.0f req/s)", ceiling),
                List.of("offered req/s", "goodput req/s", "goodput / ceiling", "not 2xx or unanswered",
                        "p50 ms (2xx)", "p99 ms (2xx)", "max ms (2xx)"));
        double unloaded = Math.max(100, Math.floor(ceiling / 2));
        row(t, ceiling, unloaded, ctx.load().open(url, s.openConnections(), unloaded, s.warmup(), s.duration()));
        int connections = Math.max(256, s.openConnections() * 4);
        row(t, ceiling, ceiling * 2, ctx.load().open(url, connections, ceiling * 2, s.warmup(), s.duration()));
        t.note("Ceiling from " + source + ". The first row is the unloaded reference (half the ceiling, "
                + s.openConnections() + " connections), the second the overload (" + connections + " connections). "
                + "Goals (issue 10): goodput >= 90 % of the ceiling, p99 of 2xx <= 5x the unloaded p99, no request "
                + "waiting longer than the API's timeout (2 s). Node settings at their defaults "
                + "(overload.maxInFlight 4000, overload.poolLimit.* 200/10/2000). The fresh gateway is first loaded "
                + "closed-model for the JIT (" + ScenarioContext.JIT_WARMUP.toSeconds() + " s). One run of " + s.duration().toSeconds()
                + " s after " + s.warmup().toSeconds() + " s warm-up per row; latency from each request's scheduled "
                + "send time.");
        ctx.supervisor().stop(gw.process());
        ctx.supervisor().stop(stub.process());
        return List.of(t);
    }

    private static void row(Table t, double ceiling, double offered, LoadResult r) {
        t.row(List.of(String.format(Locale.ROOT, "%,.0f", offered), String.format(Locale.ROOT, "%,.0f", r.rps()),
                String.format(Locale.ROOT, "%.0f %%", ceiling > 0 ? 100 * r.rps() / ceiling : 0),
                String.valueOf(r.errors() + r.incomplete()), FaultsScenario.ms(r.p50us()),
                FaultsScenario.ms(r.p99us()), FaultsScenario.ms(r.maxUs())));
    }
}
