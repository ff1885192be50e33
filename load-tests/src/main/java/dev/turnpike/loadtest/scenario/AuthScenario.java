package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.KeyedCatalog;
import dev.turnpike.loadtest.target.RedisServerProcess;
import dev.turnpike.loadtest.target.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code auth}: what API-key authentication and rate limiting cost, in one run against one 1 KB stub. Two gateway
 * nodes (each its own JVM, one event loop) serve the same catalog ({@link KeyedCatalog}):
 *
 * <ul>
 *   <li>node {@code local} (limits in memory): {@code a} the public API, no key (the plain proxy), and {@code b}
 *       the keyed API with the subscriber's key (auth + local token bucket on every request);</li>
 *   <li>node {@code redis} ({@code throttle.redis.url} on a real redis-server, {@code fail-closed} so that a Redis
 *       failure shows up as an error instead of passing unchecked): {@code a'} the public API (same proxy work on
 *       this JVM) and {@code c} the keyed API (auth + one Redis script round trip per request).</li>
 * </ul>
 * The plan's limit is far above the offered load, so nothing is refused: the figures are the cost of checking.
 * Before measuring, probes prove each target does what its name says (401 without a key, RateLimit headers with
 * one, none on the public API). Reports the closed-model ceiling of each, ratios b/a and c/a, and latency at one
 * fixed rate (50 % of the slowest target's ceiling) for all four.
 */
public final class AuthScenario implements Scenario {
    private static final String PATH = "/items/42";
    static final String A = "a: public, no key";
    static final String B = "b: key + local limit";
    static final String A2 = "a': public, no key";
    static final String C = "c: key + Redis limit";

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        if (!ctx.withGateway()) {
            return List.of(new Table("auth — API keys and rate limits", List.of("status"))
                    .row(List.of("auth: skipped — measures the gateway only (--references-only)")));
        }
        Path jar = ctx.gatewayJar();
        StubServer stub = ctx.startStub();
        ctx.progress().step("starting redis-server (embedded-redis binary)");
        RedisServerProcess redis = RedisServerProcess.start(ctx.supervisor(), ctx.pinning(), ctx.workDir());
        List<Path> catalog = KeyedCatalog.write(ctx.workDir().resolve("auth-catalog"), stub.address());
        Path localData = Files.createTempDirectory(ctx.workDir(), "gateway-local-");
        Path redisData = Files.createTempDirectory(ctx.workDir(), "gateway-redis-");
        ctx.progress().step("issuing API keys into both gateways' stores");
        String localKey = KeyedCatalog.provision(ctx.supervisor(), ctx.tools(), jar, ctx.workDir(), localData, catalog);
        String redisKey = KeyedCatalog.provision(ctx.supervisor(), ctx.tools(), jar, ctx.workDir(), redisData, catalog);
        Duration ready = Duration.ofSeconds(60);
        GatewayServer local = GatewayServer.start(ctx.supervisor(), ctx.tools(), ctx.pinning(), ctx.workDir(), jar,
                localData, catalog, List.of(), List.of(), ready);
        GatewayServer clustered = GatewayServer.start(ctx.supervisor(), ctx.tools(), ctx.pinning(), ctx.workDir(),
                jar, redisData, catalog, List.of(),
                List.of("throttle.redis.url=" + redis.uri(), "throttle.redis.failurePolicy=fail-closed"), ready);

        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, List<String>> headers = new HashMap<>();
        urls.put(A, local.baseUrl() + KeyedCatalog.PUBLIC_PREFIX + PATH);
        urls.put(B, local.baseUrl() + KeyedCatalog.KEYED_PREFIX + PATH);
        urls.put(A2, clustered.baseUrl() + KeyedCatalog.PUBLIC_PREFIX + PATH);
        urls.put(C, clustered.baseUrl() + KeyedCatalog.KEYED_PREFIX + PATH);
        headers.put(urls.get(B), List.of("X-Api-Key: " + localKey));
        headers.put(urls.get(C), List.of("X-Api-Key: " + redisKey));
        AuthProbe.requirePublic(urls.get(A));
        AuthProbe.requireChecked(urls.get(B), localKey);
        AuthProbe.requirePublic(urls.get(A2));
        AuthProbe.requireChecked(urls.get(C), redisKey);

        ctx.warmUp(urls.get(B), headers.get(urls.get(B)));
        ctx.warmUp(urls.get(C), headers.get(urls.get(C)));
        var s = ctx.settings();
        Runs closed = Runs.measure(ctx, "closed", urls, url -> ctx.load()
                .closed(url, headers.getOrDefault(url, List.of()), s.connections(), s.warmup(), s.duration()));
        requireMostlyAnswered(closed, urls);
        List<Table> tables = new ArrayList<>();
        tables.add(ceilings(ctx, closed, urls));
        double slowest = urls.keySet().stream().mapToDouble(t -> closed.spread(t, LoadResult::rps).median())
                .min().orElseThrow();
        double rate = Math.max(100, Math.floor(slowest / 2));
        Runs open = Runs.measure(ctx, String.format(Locale.ROOT, "open %.0f req/s", rate), urls, url -> ctx.load()
                .open(url, headers.getOrDefault(url, List.of()), s.openConnections(), rate, s.warmup(), s.duration()));
        requireMostlyAnswered(open, urls);
        tables.add(latency(ctx, open, urls, rate));
        return tables;
    }

    /**
     * The probes saw each target answer one request right; this checks that the load generator's requests were
     * answered too (a key header lost on the way would turn every request of b and c into a 401, which the tables
     * would show as a throughput of errors). An occasional error is a measurement (a slow Redis under
     * {@code fail-closed}); more error answers than good ones is a broken run. Requests still unanswered when a run
     * ended (a stall of the machine) are not errors and are reported in the tables instead.
     */
    private static void requireMostlyAnswered(Runs runs, Map<String, String> urls) {
        for (String target : urls.keySet()) {
            long errors = runs.sum(target, LoadResult::errors);
            long answered = runs.sum(target, LoadResult::requests);
            if (errors > answered) {
                throw new IllegalStateException(target + ": " + errors + " failed requests against " + answered
                        + " answered well; the load generator's requests are not what the probes checked");
            }
        }
    }

    private static Table ceilings(ScenarioContext ctx, Runs runs, Map<String, String> urls) {
        var s = ctx.settings();
        Table t = new Table("auth — closed-model ceiling, " + s.connections() + " connections, 1 KB JSON, keep-alive",
                List.of("target", "node", "req/s", "vs a", "vs public on its node", "p50 ms", "p99 ms", "errors"));
        double a = runs.spread(A, LoadResult::rps).median();
        double a2 = runs.spread(A2, LoadResult::rps).median();
        for (String target : urls.keySet()) {
            boolean redisNode = target.equals(A2) || target.equals(C);
            Spread rps = runs.spread(target, LoadResult::rps);
            t.row(List.of(target, redisNode ? "redis" : "local", rps.format(0), Spread.ratio(rps.median(), a),
                    Spread.ratio(rps.median(), redisNode ? a2 : a),
                    runs.spread(target, r -> r.p50us() / 1000.0).format(2),
                    runs.spread(target, r -> r.p99us() / 1000.0).format(2),
                    String.valueOf(runs.failures(target))));
        }
        t.note("Load: " + ctx.load().closedModelClient() + "; median (min–max) of " + s.runs() + " runs of "
                + s.duration().toSeconds() + " s after " + s.warmup().toSeconds() + " s warm-up, targets interleaved. "
                + "Two gateway JVMs (one event loop each) run side by side: `local` limits in memory, `redis` on a "
                + "real redis-server (embedded-redis binary, no persistence) with `fail-closed`, so a Redis failure "
                + "counts as an error rather than an unchecked pass. Redis shares the servers' core(s) with the "
                + "gateways and the stub.");
        t.note("The plan is " + String.format(Locale.ROOT, "%,d", KeyedCatalog.PLAN_PER_SECOND) + "/s (burst the "
                + "same): every request of b and c is authenticated and checked, none is refused. Ratio b/a = `vs a` "
                + "of b; c/a = `vs a` of c; `vs public on its node` compares c with a' on the same JVM.");
        return t;
    }

    private static Table latency(ScenarioContext ctx, Runs runs, Map<String, String> urls, double rate) {
        var s = ctx.settings();
        Table t = new Table(String.format(Locale.ROOT, "auth — open model at %,.0f req/s (50 %% of the slowest "
                + "target's ceiling), corrected for coordinated omission", rate),
                List.of("target", "achieved req/s", "p50 ms", "p99 ms", "p99.9 ms", "added p99 ms vs a", "errors",
                        "unfinished"));
        Runs done = runs.completedOnly();
        for (String target : urls.keySet()) {
            boolean none = !done.has(target);
            String added = none || !done.has(A) || target.equals(A) ? "—" : String.format(Locale.ROOT, "%+.3f",
                    (done.spread(target, LoadResult::p99us).median() - done.spread(A, LoadResult::p99us).median())
                            / 1000.0);
            t.row(List.of(target, runs.spread(target, LoadResult::rps).format(0),
                    none ? "—" : done.spread(target, r -> r.p50us() / 1000.0).format(3),
                    none ? "—" : done.spread(target, r -> r.p99us() / 1000.0).format(3),
                    none ? "—" : done.spread(target, r -> r.p999us() / 1000.0).format(3), added,
                    String.valueOf(runs.sum(target, LoadResult::errors)),
                    String.valueOf(runs.sum(target, LoadResult::incomplete))));
        }
        t.note("Load: harness LoadClient, " + s.openConnections() + " connections, latency from each request's "
                + "scheduled send time (wrk2-style); median (min–max) of " + s.runs() + " runs of "
                + s.duration().toSeconds() + " s after " + s.warmup().toSeconds() + " s warm-up.");
        return t;
    }
}
