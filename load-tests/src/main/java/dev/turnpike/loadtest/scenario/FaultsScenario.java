package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.StubServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code faults}: one API over a pool of three stub instances, loaded in the open model at a fixed rate (half the
 * gateway's ceiling when the proxy scenario measured it, else 2,000 req/s, 200 in smoke mode), in three cases: all healthy; one
 * instance killed (SIGKILL) a third into the measured run; one instance ten times slower than the others (50 ms
 * against 5 ms). Reports failed requests and latency: the call layer's connect-failure retries and ejection should
 * hide the kill, the balancer should route around the slow instance.
 */
public final class FaultsScenario implements Scenario {
    private static final long FAST_MS = 5;
    private static final long SLOW_MS = 50;

    @Override
    public String name() {
        return "faults";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        ctx.gatewayJar();
        var s = ctx.settings();
        double rate = ctx.ceiling("gateway").map(c -> Math.max(100, Math.floor(c.median() / 2)))
                .orElse(s.smoke() ? 200.0 : 2000.0);
        Table t = new Table(String.format(Locale.ROOT,
                "faults — one of three instances killed or slowed, open model at %,.0f req/s", rate),
                List.of("case", "achieved req/s", "failed", "p50 ms", "p99 ms", "p99.9 ms", "max ms"));
        row(t, "all healthy", measure(ctx, rate, FAST_MS, FAST_MS, false));
        row(t, "one killed a third into the run", measure(ctx, rate, FAST_MS, FAST_MS, true));
        row(t, "one 10x slower (" + SLOW_MS + " ms vs " + FAST_MS + " ms)", measure(ctx, rate, FAST_MS, SLOW_MS, false));
        t.note("Pool of three stub instances (" + FAST_MS + " ms each unless slowed), the pool's default balancer, "
                + "policies { timeout: 2s, retry: { attempts: 2, on: [connect-failure], methods: [GET] } }. "
                + "Failed = requests answered with a non-2xx status or not answered. One run of "
                + s.duration().toSeconds() + " s after " + s.warmup().toSeconds() + " s warm-up per case, each on a fresh "
                + "gateway first loaded closed-model for the JIT (" + ScenarioContext.JIT_WARMUP.toSeconds() + " s); "
                + connections(s, rate) + " connections; latency from each request's scheduled send time.");
        return List.of(t);
    }

    private static LoadResult measure(ScenarioContext ctx, double rate, long delayMs, long thirdDelayMs, boolean kill)
            throws Exception {
        var s = ctx.settings();
        List<StubServer> stubs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stubs.add(StubServer.start(ctx.supervisor(), ctx.tools(), ctx.pinning(), ctx.classpath(), ctx.workDir(),
                    i == 2 ? thirdDelayMs : delayMs));
        }
        List<String> instances = stubs.stream().map(StubServer::address).toList();
        var catalog = ResilienceCatalog.write(ctx.workDir().resolve("faults-catalog-" + System.nanoTime()),
                ResilienceCatalog.api("faults", "STANDARD",
                        "timeout: 2s, retry: { attempts: 2, on: [connect-failure], methods: [GET] }", instances),
                ResilienceCatalog.pool("faults", instances));
        GatewayServer gw = ctx.startGateway(catalog, List.of(), Duration.ofSeconds(60));
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        try {
            ctx.warmUp(gw.baseUrl() + "/faults/items/42");
            if (kill) {
                long at = s.warmup().toMillis() + s.duration().toMillis() / 3;
                ctx.progress().step("faults: the third instance is killed " + at + " ms after the load starts");
                killer.schedule(() -> stubs.get(2).process().destroyForcibly(), at, TimeUnit.MILLISECONDS);
            }
            ctx.progress().step("faults: open " + (long) rate + " req/s" + (kill ? ", one killed" : "")
                    + (thirdDelayMs != delayMs ? ", one slow" : ""));
            return ctx.load().open(gw.baseUrl() + "/faults/items/42", connections(s, rate), rate, s.warmup(),
                    s.duration());
        } finally {
            killer.shutdownNow();
            ctx.supervisor().stop(gw.process());
            stubs.forEach(stub -> ctx.supervisor().stop(stub.process()));
        }
    }

    /**
     * Enough connections for 50 ms of requests in flight: the stubs answer in 5 ms (one in 50 ms when slowed), so the
     * 64 of the other open-model scenarios would themselves be the bottleneck at a few thousand requests per second.
     */
    static int connections(RunSettings s, double rate) {
        return Math.max(s.openConnections(), (int) Math.ceil(rate * 0.05));
    }

    private static void row(Table t, String name, LoadResult r) {
        t.row(List.of(name, String.format(Locale.ROOT, "%,.0f", r.rps()),
                String.valueOf(r.errors() + r.incomplete()), ms(r.p50us()), ms(r.p99us()), ms(r.p999us()),
                ms(r.maxUs())));
    }

    static String ms(long us) {
        return String.format(Locale.ROOT, "%.3f", us / 1000.0);
    }
}
