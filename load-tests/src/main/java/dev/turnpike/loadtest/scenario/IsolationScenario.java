package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.StubServer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code isolation}: a CRITICAL API loaded at a steady rate, first alone, then while a STANDARD API whose upstream
 * hangs (answers after 30 s, past its 10 s timeout) is flooded at the same time. The STANDARD calls fill their own
 * bulkhead and connection pools and are shed; the CRITICAL API's p99 should move by less than 10 %.
 */
public final class IsolationScenario implements Scenario {
    @Override
    public String name() {
        return "isolation";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        ctx.gatewayJar();
        var s = ctx.settings();
        StubServer vital = ctx.startStub();
        StubServer stuck = StubServer.start(ctx.supervisor(), ctx.tools(), ctx.pinning(), ctx.classpath(),
                ctx.workDir(), 30_000);
        var catalog = ResilienceCatalog.write(ctx.workDir().resolve("isolation-catalog"),
                ResilienceCatalog.api("vital", "CRITICAL", "", List.of(vital.address()))
                        + ResilienceCatalog.api("stuck", "STANDARD", "timeout: 10s", List.of(stuck.address())),
                ResilienceCatalog.pool("vital", List.of(vital.address()))
                        + ResilienceCatalog.pool("stuck", List.of(stuck.address())));
        GatewayServer gw = ctx.startGateway(catalog, List.of(), Duration.ofSeconds(60));
        double rate = ctx.ceiling("gateway").map(c -> Math.max(100, Math.floor(c.median() / 4)))
                .orElse(s.smoke() ? 100.0 : 1000.0);
        String vitalUrl = gw.baseUrl() + "/vital/items/42";
        Table t = new Table(String.format(Locale.ROOT,
                "isolation — CRITICAL API at %,.0f req/s, alone and beside a flooded, hanging STANDARD API", rate),
                List.of("case", "CRITICAL req/s", "CRITICAL failed", "p50 ms", "p99 ms", "p99.9 ms",
                        "STANDARD answered (shed)"));
        ctx.warmUp(vitalUrl);
        ctx.progress().step("isolation: CRITICAL alone");
        LoadResult alone = ctx.load().open(vitalUrl, s.openConnections(), rate, s.warmup(), s.duration());
        row(t, "CRITICAL alone", alone, "—");
        ctx.progress().step("isolation: CRITICAL beside the flood");
        CompletableFuture<LoadResult> flood = CompletableFuture.supplyAsync(() -> {
            try {
                return ctx.load().open(gw.baseUrl() + "/stuck/items/42", 512, rate, s.warmup(), s.duration());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        LoadResult beside = ctx.load().open(vitalUrl, s.openConnections(), rate, s.warmup(), s.duration());
        LoadResult flooded = flood.join();
        row(t, "CRITICAL beside the flood", beside, String.valueOf(flooded.errors()));
        double moved = alone.p99us() > 0 ? 100.0 * (beside.p99us() - alone.p99us()) / alone.p99us() : 0;
        t.note(String.format(Locale.ROOT, "CRITICAL p99 moved by %+.1f %% (goal: less than 10 %%). ", moved)
                + "The STANDARD API's upstream answers after 30 s (timeout 10 s), flooded at the same rate with 512 "
                + "connections; its calls are held by the STANDARD bulkhead (upstream.standardConcurrency, default "
                + "2000), its pool's adaptive limit and its own connection pools, and the rest are shed with 503. "
                + "The fresh gateway is first loaded closed-model on the CRITICAL API for the JIT ("
                + ScenarioContext.JIT_WARMUP.toSeconds() + " s). One run of " + s.duration().toSeconds() + " s after "
                + s.warmup().toSeconds() + " s warm-up per case; latency from each request's scheduled send time.");
        ctx.supervisor().stop(gw.process());
        ctx.supervisor().stop(vital.process());
        ctx.supervisor().stop(stuck.process());
        return List.of(t);
    }

    private static void row(Table t, String name, LoadResult r, String standard) {
        t.row(List.of(name, String.format(Locale.ROOT, "%,.0f", r.rps()), String.valueOf(r.errors() + r.incomplete()),
                FaultsScenario.ms(r.p50us()), FaultsScenario.ms(r.p99us()), FaultsScenario.ms(r.p999us()), standard));
    }
}
