package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.BenchCatalog;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.SlowClients;
import dev.turnpike.loadtest.target.StubServer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code slowloris}: normal open-model load against the gateway, first alone, then while hundreds of slow clients
 * (slow headers and slow bodies, {@link SlowClients}) hold connections open. Reports both runs and whether the target
 * of issue 15 holds: at least 99.9 % of the normal requests succeed under attack, and their p99 moves less than 2x.
 * The gateway runs with its default slow-client settings ({@code limits.headerTimeout}, {@code limits.minBodyRate},
 * {@code limits.maxConnectionsPerClient} raised so the load client and the attackers, all on 127.0.0.1, fit).
 */
public final class SlowlorisScenario implements Scenario {
    @Override
    public String name() {
        return "slowloris";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        Table t = new Table("slowloris — normal load alone and under slow clients",
                List.of("run", "achieved req/s", "success %", "p50 ms", "p99 ms", "errors", "unfinished",
                        "slow connections open", "slow reconnects"));
        if (!ctx.withGateway()) {
            t.note("skipped: the gateway is not part of this run");
            return List.of(t);
        }
        ctx.gatewayJar();
        var s = ctx.settings();
        int attackers = s.smoke() ? 20 : 600;
        double rate = s.smoke() ? 200 : 2000;
        StubServer stub = ctx.startStub();
        var catalog = BenchCatalog.prefixRoute(ctx.workDir().resolve("slowloris-catalog"), stub.address());
        GatewayServer gw = ctx.startGateway(catalog, List.of(), List.of("limits.maxConnectionsPerClient=0"),
                Duration.ofSeconds(60));
        String url = gw.baseUrl() + "/bench" + ProxyScenario.PATH;
        ctx.warmUp(url);
        Runs alone = Runs.measure(ctx, "alone", Map.of("gateway", url),
                u -> ctx.load().open(u, s.openConnections(), rate, s.warmup(), s.duration()));
        Runs attacked;
        int open;
        long reconnects;
        try (SlowClients slow = SlowClients.start(gw.port(), attackers)) {
            attacked = Runs.measure(ctx, "under attack", Map.of("gateway", url),
                    u -> ctx.load().open(u, s.openConnections(), rate, s.warmup(), s.duration()));
            open = slow.open();
            reconnects = slow.reopened();
        }
        row(t, "alone", alone, "0", "0");
        row(t, "with " + attackers + " slow clients", attacked, String.valueOf(open), String.valueOf(reconnects));
        double success = success(attacked);
        double p99Ratio = attacked.spread("gateway", LoadResult::p99us).median()
                / Math.max(1, alone.spread("gateway", LoadResult::p99us).median());
        t.note(String.format(Locale.ROOT, "Under attack: %.3f %% of normal requests succeeded (target >= 99.9 %%), "
                + "p99 moved %.2fx (target < 2x): %s.", success, p99Ratio,
                success >= 99.9 && p99Ratio < 2 ? "target met" : "target NOT met"));
        SlowClients.description(attackers).forEach(t::note);
        t.note("Open model at " + (long) rate + " req/s, " + s.openConnections() + " connections, median of "
                + s.runs() + " runs of " + s.duration().toSeconds() + " s after " + s.warmup().toSeconds()
                + " s warm-up; gateway defaults limits.headerTimeout=10s, limits.minBodyRate=1KB, "
                + "limits.bodyRateWindow=10s, limits.maxConnectionsPerClient=0 (all clients share 127.0.0.1).");
        return List.of(t);
    }

    private static void row(Table t, String name, Runs runs, String open, String reconnects) {
        Runs done = runs.completedOnly();
        boolean none = !done.has("gateway");
        t.row(List.of(name, runs.spread("gateway", LoadResult::rps).format(0),
                String.format(Locale.ROOT, "%.3f", success(runs)),
                none ? "—" : done.spread("gateway", r -> r.p50us() / 1000.0).format(3),
                none ? "—" : done.spread("gateway", r -> r.p99us() / 1000.0).format(3),
                String.valueOf(runs.sum("gateway", LoadResult::errors)),
                String.valueOf(runs.sum("gateway", LoadResult::incomplete)), open, reconnects));
    }

    private static double success(Runs runs) {
        long requests = runs.sum("gateway", LoadResult::requests);
        long failed = runs.sum("gateway", LoadResult::errors) + runs.sum("gateway", LoadResult::incomplete);
        return requests + failed == 0 ? 0 : 100.0 * requests / (requests + failed);
    }
}
