package dev.turnpike.loadtest.scenario;

import dev.turnpike.client.TurnpikeClient;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.KeyedCatalog;
import dev.turnpike.loadtest.target.StubServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * {@code endtoend}: calls through the client runtime ({@code gateway-client}) against hand-written OkHttp calls
 * straight to the same upstream, and against OkHttp calls through the gateway. All three run in the harness JVM
 * (the client runtime is a library), each as a closed loop of synchronous calls on N threads over N keep-alive
 * connections, one after the other:
 *
 * <ul>
 *   <li>{@code okhttp direct}: {@code GET http://stub/items/42}, plain OkHttp (the physical limit);</li>
 *   <li>{@code client runtime}: {@code GET http://gateway/keyed/items/42} through {@link TurnpikeClient}'s
 *       interceptor, which calls the stub directly (route lookup, instance choice, breaker, plan limit, usage
 *       count);</li>
 *   <li>{@code via gateway}: the same URL with the key, plain OkHttp, proxied by the gateway.</li>
 * </ul>
 * Goal: the client runtime reaches at least 0.9x of {@code okhttp direct} and beats {@code via gateway}.
 */
public final class EndToEndScenario implements Scenario {
    private static final String PATH = "/items/42";

    @Override
    public String name() {
        return "endtoend";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        if (!ctx.withGateway()) {
            return List.of(new Table("endtoend — client runtime", List.of("status"))
                    .row(List.of("endtoend: skipped — measures the gateway only (--references-only)")));
        }
        KeyedGateway node = KeyedGateway.start(ctx, "endtoend", List.of());
        StubServer stub = node.stub();
        GatewayServer gw = node.gateway();
        String key = node.key();
        var s = ctx.settings();
        int threads = s.connections();
        OkHttpClient base = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(threads * 2, 1, TimeUnit.MINUTES))
                .build();
        String gatewayUrl = gw.baseUrl() + KeyedCatalog.KEYED_PREFIX + PATH;
        ctx.warmUp(gatewayUrl, List.of("X-Api-Key: " + key));
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        try (TurnpikeClient client = TurnpikeClient.builder(gw.baseUrl(), key).httpClient(base)
                .lookupTimeout(Duration.ofSeconds(10)).build()) {
            if (client.directApis().isEmpty()) {
                throw new IllegalStateException("the client runtime got no direct routing from " + gw.baseUrl());
            }
            Map<String, Call> targets = new LinkedHashMap<>();
            targets.put("okhttp direct", () -> status(base, new Request.Builder().url(stub.baseUrl() + PATH).build()));
            targets.put("client runtime", () -> status(client.httpClient(),
                    new Request.Builder().url(gatewayUrl).build()));
            targets.put("via gateway", () -> status(base, new Request.Builder().url(gatewayUrl)
                    .header("X-Api-Key", key).build()));
            for (int run = 0; run < s.runs(); run++) {
                for (Map.Entry<String, Call> e : targets.entrySet()) {
                    ctx.progress().step("run " + (run + 1) + "/" + s.runs() + ": " + e.getKey());
                    results.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(closedLoop(e.getValue(), threads, s.warmup(), s.duration()));
                }
            }
        }
        return List.of(table(ctx, results, threads));
    }

    private static Table table(ScenarioContext ctx, Map<String, List<double[]>> results, int threads) {
        var s = ctx.settings();
        Table t = new Table("endtoend — client runtime vs direct OkHttp vs through the gateway, " + threads
                + " threads", List.of("target", "req/s", "vs okhttp direct", "vs via gateway", "p50 ms", "p99 ms",
                "errors"));
        double direct = spread(results.get("okhttp direct"), 0).median();
        double via = spread(results.get("via gateway"), 0).median();
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            Spread rps = spread(e.getValue(), 0);
            t.row(List.of(e.getKey(), rps.format(0), Spread.ratio(rps.median(), direct), Spread.ratio(rps.median(), via),
                    spread(e.getValue(), 1).format(2), spread(e.getValue(), 2).format(2),
                    String.valueOf((long) e.getValue().stream().mapToDouble(r -> r[3]).sum())));
        }
        t.note("Goal: client runtime >= 0.9x okhttp direct, and above via gateway. Load: synchronous OkHttp 4.12 calls"
                + " in a closed loop on " + threads + " threads of the harness JVM (not pinned), one target at a time;"
                + " median (min–max) of " + s.runs() + " runs of " + s.duration().toSeconds() + " s after "
                + s.warmup().toSeconds() + " s warm-up. The gateway runs one event loop, pinned like the stub.");
        return t;
    }

    private static Spread spread(List<double[]> runs, int index) {
        return Spread.of(runs.stream().map(r -> r[index]).toList());
    }

    /** One call; returns the status (or throws). */
    @FunctionalInterface
    private interface Call {
        int call() throws IOException;
    }

    private static int status(OkHttpClient http, Request request) throws IOException {
        try (Response r = http.newCall(request).execute()) {
            r.body().source().readByteString(); // read the body, as a caller would
            return r.code();
        }
    }

    /** {req/s, p50 ms, p99 ms, errors} of {@code threads} threads calling in a loop for {@code duration}. */
    private static double[] closedLoop(Call call, int threads, Duration warmup, Duration duration)
            throws InterruptedException {
        ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        long[] errors = new long[threads];
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureUntil = measureFrom + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int id = i;
            Thread w = new Thread(() -> {
                while (true) {
                    long start = System.nanoTime();
                    if (start >= measureUntil) {
                        return;
                    }
                    boolean ok;
                    try {
                        ok = call.call() < 400;
                    } catch (IOException e) {
                        ok = false;
                    }
                    long end = System.nanoTime();
                    if (start >= measureFrom && end <= measureUntil) {
                        if (ok) {
                            histogram.recordValue(end - start);
                        } else {
                            errors[id]++;
                        }
                    }
                }
            }, "endtoend-" + i);
            w.setDaemon(true);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join(warmup.plus(duration).plusSeconds(60).toMillis());
        }
        double seconds = duration.toNanos() / 1e9;
        long errorCount = 0;
        for (long e : errors) {
            errorCount += e;
        }
        return new double[] {histogram.getTotalCount() / seconds, histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, errorCount};
    }
}
