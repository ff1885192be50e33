package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.BenchCatalog;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.StubServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code reload}: the gateway with 10,000 APIs ({@link BenchCatalog#apis}) under open-model load on one route that
 * never changes, first steady, then at the same rate while {@value #CHANGES_PER_SECOND} catalog changes per second
 * go through the admin REST API ({@link CatalogChurn}); reports p99 under churn against steady state and the time
 * from an admin write to the change being served. The harness starts the gateway with an admin token it generates
 * ({@code admin.tokens=bench:admin:<sha256>}). Without the admin write API the scenario says so instead of
 * measuring something else under its name.
 */
public final class ReloadScenario implements Scenario {
    /** The start of the line printed instead of a result. */
    static final String SKIPPED = "reload: skipped — needs the admin write API (issue 3)";
    static final int CHANGES_PER_SECOND = 50;

    @Override
    public String name() {
        return "reload";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        if (!ctx.withGateway()) {
            return List.of(new Table("reload", List.of("status"))
                    .note("reload: skipped — gateway left out (--references-only)."));
        }
        ctx.gatewayJar();
        var s = ctx.settings();
        int apis = s.smoke() ? 200 : 10_000;
        StubServer stub = ctx.startStub();
        var catalog = BenchCatalog.apis(ctx.workDir().resolve("reload-catalog"), stub.address(), apis);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        ctx.progress().step(String.format(Locale.ROOT, "starting gateway with %,d APIs and an admin token", apis));
        GatewayServer gw;
        try {
            gw = ctx.startGateway(catalog, List.of(), List.of("admin.tokens=bench:admin:" + sha256(token)),
                    Duration.ofMinutes(5));
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("admin.tokens")) {
                return skipped(ctx, "this gateway does not accept the setting admin.tokens");
            }
            throw e;
        }
        String admin = "http://127.0.0.1:" + gw.adminPort() + "/admin/v1";
        int status = adminStatus(admin + "/apis", token);
        if (status == 404) {
            ctx.supervisor().stop(gw.process());
            return skipped(ctx, "GET /admin/v1/apis answers 404");
        }
        if (status != 200) {
            throw new IllegalStateException("GET " + admin + "/apis with the generated token answered " + status
                    + " (expected: 200)");
        }
        double rate = ctx.ceiling("gateway").map(c -> Math.max(100, Math.floor(c.median() / 2)))
                .orElse(s.smoke() ? 200.0 : 2_000.0);
        String url = gw.baseUrl() + "/api" + (apis / 2) + "/items/42";
        ctx.warmUp(url);
        List<LoadResult> steady = new ArrayList<>();
        List<LoadResult> churned = new ArrayList<>();
        List<Long> served = new ArrayList<>();
        List<Long> acked = new ArrayList<>();
        long failedWrites = 0;
        List<String> writeErrors = new ArrayList<>();
        int nextId = 0;
        double churnSeconds = 0;
        for (int run = 1; run <= s.runs(); run++) {
            ctx.progress().step(String.format(Locale.ROOT, "steady: open %.0f req/s, run %d/%d", rate, run, s.runs()));
            steady.add(ctx.load().open(url, s.openConnections(), rate, s.warmup(), s.duration()));
            ctx.progress().step(String.format(Locale.ROOT, "churn: open %.0f req/s + %d changes/s, run %d/%d",
                    rate, CHANGES_PER_SECOND, run, s.runs()));
            CatalogChurn churn = new CatalogChurn(admin, gw.baseUrl(), token, "stub", nextId);
            long t0 = System.nanoTime();
            churn.start(CHANGES_PER_SECOND, s.warmup());
            try {
                churned.add(ctx.load().open(url, s.openConnections(), rate, s.warmup(), s.duration()));
            } finally {
                churn.close();
            }
            churnSeconds += (System.nanoTime() - t0) / 1e9 - s.warmup().toMillis() / 1000.0; // counted writes only
            nextId = churn.nextId();
            served.addAll(churn.servedMicros());
            acked.addAll(churn.ackMicros());
            failedWrites += churn.failed();
            churn.errors().stream().limit(5 - writeErrors.size()).forEach(writeErrors::add);
        }
        ctx.supervisor().stop(gw.process());
        return List.of(latencyTable(ctx, apis, rate, steady, churned),
                writeTable(served, acked, failedWrites, writeErrors, churnSeconds));
    }

    private static Table latencyTable(ScenarioContext ctx, int apis, double rate, List<LoadResult> steady,
                                      List<LoadResult> churned) {
        var s = ctx.settings();
        Table t = new Table(String.format(Locale.ROOT, "reload — p99 under %d catalog changes/s vs steady, %,d APIs,"
                + " open model at %,.0f req/s", CHANGES_PER_SECOND, apis, rate),
                List.of("phase", "achieved req/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "p99 vs steady",
                        "errors"));
        Spread steadyP99 = spread(steady, r -> r.p99us() / 1000.0);
        for (var phase : List.of(new Object[] {"steady", steady}, new Object[] {"churn", churned})) {
            @SuppressWarnings("unchecked")
            List<LoadResult> runs = (List<LoadResult>) phase[1];
            Spread p99 = spread(runs, r -> r.p99us() / 1000.0);
            t.row(List.of((String) phase[0], spread(runs, LoadResult::rps).format(0),
                    spread(runs, r -> r.p50us() / 1000.0).format(2), p99.format(2),
                    spread(runs, r -> r.p999us() / 1000.0).format(2), spread(runs, r -> r.maxUs() / 1000.0).format(2),
                    Spread.ratio(p99.median(), steadyP99.median()),
                    String.valueOf(runs.stream().mapToLong(r -> r.errors() + r.incomplete()).sum())));
        }
        t.note("Requests go to `/api" + (apis / 2) + "/items/42`, a route no change touches; " + s.openConnections()
                + " connections, latency corrected for coordinated omission; median (min–max) of " + s.runs()
                + " runs. During 'churn' each change creates a new API through `PUT /admin/v1/apis/{id}`.");
        return t;
    }

    private static Table writeTable(List<Long> served, List<Long> acked, long failed, List<String> errors,
                                    double seconds) {
        Table t = new Table("reload — time from admin write to the change being served",
                List.of("measure", "changes", "achieved changes/s", "median ms", "p99 ms", "max ms", "failed"));
        t.row(row("write acknowledged (PUT answered)", acked, seconds, failed));
        t.row(row("write served (new route answers 200)", served, seconds, failed));
        t.note("Writes started after the warm-up, each timed from the start of its PUT; the probe polls the gateway every 0.2 ms after the PUT answered."
                + (errors.isEmpty() ? "" : " Failed writes, first ones: " + String.join("; ", errors)));
        return t;
    }

    private static List<String> row(String what, List<Long> micros, double seconds, long failed) {
        List<Long> sorted = micros.stream().sorted().toList();
        return List.of(what, String.valueOf(sorted.size()),
                String.format(Locale.ROOT, "%.1f", sorted.size() / Math.max(seconds, 1e-9)),
                percentile(sorted, 0.5), percentile(sorted, 0.99), percentile(sorted, 1.0), String.valueOf(failed));
    }

    /** Nearest-rank percentile of ascending microseconds, in ms; "n/a" when there are none. */
    static String percentile(List<Long> ascending, double q) {
        if (ascending.isEmpty()) {
            return "n/a";
        }
        int rank = (int) Math.ceil(q * ascending.size());
        return String.format(Locale.ROOT, "%.2f", ascending.get(Math.max(0, rank - 1)) / 1000.0);
    }

    private static Spread spread(List<LoadResult> runs, ToDoubleFunction<LoadResult> figure) {
        return Spread.of(runs.stream().map(figure::applyAsDouble).toList());
    }

    private static List<Table> skipped(ScenarioContext ctx, String why) {
        String line = SKIPPED + ": " + why;
        ctx.progress().step(line);
        return List.of(new Table("reload — catalog changes under load", List.of("status")).row(List.of(line)));
    }

    private static int adminStatus(String url, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
