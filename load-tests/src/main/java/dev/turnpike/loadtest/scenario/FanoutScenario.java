package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.StubServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code fanout}: a composite of three parts whose upstreams answer in 10, 20 and 30 ms. Measured at a fixed rate
 * (open model, corrected for coordinated omission): the composite, and the slowest upstream alone (what the
 * composite cannot beat); then a client making the same three calls through the gateway one after the other (one
 * connection, back to back). The goal: the composite's p50 at most the slowest part + 1 ms (31 ms), not the sum.
 */
public final class FanoutScenario implements Scenario {
    static final long[] DELAYS_MS = {10, 20, 30};

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        if (!ctx.withGateway()) {
            return List.of(new Table("fanout", List.of("note"))
                    .note("Skipped: this scenario measures the gateway, which this run does not start."));
        }
        var s = ctx.settings();
        List<StubServer> stubs = new ArrayList<>();
        for (long delay : DELAYS_MS) {
            stubs.add(StubServer.start(ctx.supervisor(), ctx.tools(), ctx.pinning(), ctx.classpath(), ctx.workDir(),
                    delay));
        }
        GatewayServer gw = ctx.startGateway(List.of(catalog(ctx.workDir(), stubs)), List.of(), Duration.ofSeconds(60));
        String composite = gw.baseUrl() + "/fanout/42";
        String slowest = stubs.get(2).baseUrl() + "/items/42";
        ctx.progress().step("fanout: waiting for the composite to answer (first calls connect)");
        awaitAnswers(composite);
        ctx.warmUp(composite);
        double rate = s.smoke() ? 20 : 200;
        Table t = new Table(String.format(Locale.ROOT, "fanout — three parts answering in 10, 20 and 30 ms, open model"
                + " at %,.0f req/s", rate), List.of("target", "achieved req/s", "p50 ms", "p99 ms", "p99.9 ms",
                "errors"));
        List<LoadResult> results = new ArrayList<>();
        for (var target : List.of(List.of("composite (parallel parts)", composite),
                List.of("slowest upstream alone (30 ms)", slowest))) {
            ctx.progress().step("fanout: " + target.get(0));
            LoadResult r = ctx.load().open(target.get(1), s.openConnections(), rate, s.warmup(), s.duration());
            results.add(r);
            t.row(List.of(target.get(0), String.format(Locale.ROOT, "%.0f", r.rps()), ms(r.p50us()), ms(r.p99us()),
                    ms(r.p999us()), String.valueOf(r.errors())));
        }
        ctx.progress().step("fanout: the three calls one after the other");
        Histogram sequential = sequential(gw.baseUrl(), s.warmup(), s.duration());
        t.row(List.of("client: the 3 calls one after the other", "—",
                ms(sequential.getValueAtPercentile(50)), ms(sequential.getValueAtPercentile(99)),
                ms(sequential.getValueAtPercentile(99.9)), "0"));
        LoadResult alone = results.get(1);
        LoadResult fanned = results.get(0);
        t.note(String.format(Locale.ROOT, "Added by the gateway (composite minus the slowest upstream alone): p50 "
                + "%+.3f ms, p99 %+.3f ms. Goal: composite p50 ≤ the slowest part + 1 ms (31 ms against a stub that "
                + "answers in exactly 30 ms; here the slowest stub alone measures %.3f ms, so the bound is %.3f ms), "
                + "not the sum of 60 ms.", (fanned.p50us() - alone.p50us()) / 1000.0,
                (fanned.p99us() - alone.p99us()) / 1000.0, alone.p50us() / 1000.0, alone.p50us() / 1000.0 + 1));
        t.note("The sequential row: one connection through the gateway, GET /a, /b, /c back to back per iteration,"
                + " for " + s.duration().toSeconds() + " s after " + s.warmup().toSeconds() + " s warm-up"
                + " (closed loop, JDK HttpClient in the harness JVM).");
        return List.of(t);
    }

    /** The catalog: three public APIs, one per stub, and the composite calling all three. */
    static Path catalog(Path dir, List<StubServer> stubs) throws IOException {
        StringBuilder yaml = new StringBuilder("pools:\n");
        for (int i = 0; i < stubs.size(); i++) {
            yaml.append("  - { id: p").append(i).append(", instances: [ \"").append(stubs.get(i).address())
                    .append("\" ] }\n");
        }
        yaml.append("apis:\n");
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < stubs.size(); i++) {
            yaml.append("  - { id: ").append(names[i]).append(", owner: bench-team, basePath: /").append(names[i])
                    .append(", policies: { publicAccess: true }, targets: [ { pool: p").append(i).append(" } ] }\n");
        }
        yaml.append("""
                composites:
                  - id: fanout
                    owner: bench-team
                    path: /fanout/{id}
                    timeout: 2s
                    parts:
                      - { name: a, api: a, request: { path: "/items/{id}" } }
                      - { name: b, api: b, request: { path: "/items/{id}" } }
                      - { name: c, api: c, request: { path: "/items/{id}" } }
                """);
        Path file = dir.resolve("fanout-catalog.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Calls {@code url} until it answered 200 twenty times in a row, for at most 60 s. */
    private static void awaitAnswers(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int ok = 0;
        while (ok < 20 && System.nanoTime() < end) {
            int status = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            ok = status == 200 ? ok + 1 : 0;
        }
        if (ok < 20) {
            throw new IOException("GET " + url + " did not answer 200 twenty times in a row within 60 s");
        }
    }

    private static Histogram sequential(String gateway, Duration warmup, Duration duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Histogram h = new Histogram(60_000_000L, 3);
        long warm = System.nanoTime() + warmup.toNanos();
        long end = warm + duration.toNanos();
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            for (String api : new String[] {"a", "b", "c"}) {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(gateway + "/" + api
                        + "/items/42")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    throw new IOException("GET /" + api + "/items/42: " + r.statusCode() + " (expected: 200)");
                }
            }
            if (start >= warm) {
                h.recordValue((System.nanoTime() - start) / 1000);
            }
        }
        return h;
    }

    private static String ms(long us) {
        return String.format(Locale.ROOT, "%.3f", us / 1000.0);
    }

    private static String ms(double us) {
        return String.format(Locale.ROOT, "%.3f", us / 1000.0);
    }
}
