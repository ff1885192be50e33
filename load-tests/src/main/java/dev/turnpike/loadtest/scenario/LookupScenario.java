package dev.turnpike.loadtest.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.target.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code lookup}: the route lookup API ({@code docs/end-to-end.md}) of one gateway node (one event loop).
 *
 * <ul>
 *   <li>Ceiling of {@code GET /_turnpike/lookup/v1/apis/keyed} with the caller's key and a matching
 *       {@code If-None-Match} (every answer a 304): what a fleet of clients revalidating costs. Goal: at least
 *       20,000 lookups/s per node.</li>
 *   <li>Change visibility: a watch ({@code ?wait=30s} with {@code If-None-Match}) is parked, then an admin write
 *       changes the API's timeout ({@code PUT /admin/v1/apis/keyed}); the time from the write's start until the
 *       watch's 200 arrives, over several changes. Goal: within 100 ms.</li>
 * </ul>
 */
public final class LookupScenario implements Scenario {
    private static final String LOOKUP = "/_turnpike/lookup/v1/apis/keyed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String name() {
        return "lookup";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        if (!ctx.withGateway()) {
            return List.of(new Table("lookup — route lookup API", List.of("status"))
                    .row(List.of("lookup: skipped — measures the gateway only (--references-only)")));
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        KeyedGateway node = KeyedGateway.start(ctx, "lookup",
                List.of("admin.tokens=bench:admin:" + ReloadScenario.sha256(token)));
        GatewayServer gw = node.gateway();
        String key = node.key();
        String url = gw.baseUrl() + LOOKUP;
        HttpResponse<String> first = get(url, key, null);
        if (first.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + first.statusCode() + ": " + first.body());
        }
        String etag = first.headers().firstValue("etag").orElseThrow(
                () -> new IllegalStateException("the lookup answer has no ETag"));
        int revalidated = get(url, key, etag).statusCode();
        if (revalidated != 304) {
            throw new IllegalStateException("If-None-Match with the lookup's ETag answered " + revalidated
                    + " (expected: 304)");
        }

        var s = ctx.settings();
        List<String> headers = List.of("X-Api-Key: " + key, "If-None-Match: " + etag);
        Runs closed = Runs.measure(ctx, "closed", Map.of("lookup 304", url), u -> ctx.load()
                .closed(u, headers, s.connections(), s.warmup(), s.duration()));
        List<Table> tables = new ArrayList<>();
        tables.add(ceiling(ctx, closed));
        String admin = "http://127.0.0.1:" + gw.adminPort() + "/admin/v1/apis/keyed";
        tables.add(visibility(ctx, url, key, admin, token, s.smoke() ? 3 : 20));
        return tables;
    }

    private static Table ceiling(ScenarioContext ctx, Runs runs) {
        var s = ctx.settings();
        Table t = new Table("lookup — revalidation ceiling (every answer 304), " + s.connections()
                + " connections, one event loop", List.of("target", "lookups/s", "p50 ms", "p99 ms", "errors"));
        Spread rps = runs.spread("lookup 304", LoadResult::rps);
        t.row(List.of("GET " + LOOKUP + " + If-None-Match", rps.format(0),
                runs.spread("lookup 304", r -> r.p50us() / 1000.0).format(2),
                runs.spread("lookup 304", r -> r.p99us() / 1000.0).format(2),
                String.valueOf(runs.failures("lookup 304"))));
        t.note("Goal: >= 20,000 lookups/s per node. Load: " + ctx.load().closedModelClient() + "; median (min–max) of "
                + s.runs() + " runs of " + s.duration().toSeconds() + " s after " + s.warmup().toSeconds()
                + " s warm-up. Each request carries the consumer's key (SHA-256 lookup) and the ETag of its routing.");
        return t;
    }

    /** Parks a watch, changes the API through the admin API, and times the watch's answer; {@code n} times. */
    private static Table visibility(ScenarioContext ctx, String url, String key, String admin, String token, int n)
            throws Exception {
        ctx.progress().step("timing " + n + " changes from admin write to watch answer");
        List<Double> visibleMs = new ArrayList<>();
        List<Double> writeMs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String etag = get(url, key, null).headers().firstValue("etag").orElseThrow();
            CompletableFuture<HttpResponse<String>> watch = HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create(url + "?wait=30s")).header("X-Api-Key", key).header("If-None-Match", etag)
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            long[] arrived = new long[1];
            CompletableFuture<HttpResponse<String>> timed = watch.thenApply(r -> {
                arrived[0] = System.nanoTime();
                return r;
            });
            Thread.sleep(300); // the watch is parked on the gateway by then (loopback, an idle node)
            HttpResponse<String> current = HTTP.send(HttpRequest.newBuilder(URI.create(admin))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            ObjectNode api = (ObjectNode) JSON.readTree(current.body());
            ObjectNode policies = api.has("policies") && api.get("policies").isObject()
                    ? (ObjectNode) api.get("policies") : api.putObject("policies");
            policies.put("timeout", (2 + i % 2) + "s");
            long start = System.nanoTime();
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(admin))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(api))).build(),
                    HttpResponse.BodyHandlers.ofString());
            long written = System.nanoTime();
            if (put.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT " + admin + " answered " + put.statusCode() + ": " + put.body());
            }
            HttpResponse<String> answer = timed.get(30, TimeUnit.SECONDS);
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the watch answered " + answer.statusCode() + " after the change"
                        + " (expected: 200 with the new routing)");
            }
            visibleMs.add((arrived[0] - start) / 1e6);
            writeMs.add((written - start) / 1e6);
        }
        Table t = new Table("lookup — admin write to watching client, " + n + " changes",
                List.of("measure", "median ms", "min ms", "max ms"));
        Spread visible = Spread.of(visibleMs);
        Spread write = Spread.of(writeMs);
        t.row(List.of("write start → watch answered", Spread.number(visible.median(), 1),
                Spread.number(visible.min(), 1), Spread.number(visible.max(), 1)));
        t.row(List.of("write start → admin API answered", Spread.number(write.median(), 1),
                Spread.number(write.min(), 1), Spread.number(write.max(), 1)));
        t.note(String.format(Locale.ROOT, "Goal: a change visible to a watching client within 100 ms of the admin "
                + "write. Each change is a PUT of the API with another timeout (the store write, the snapshot rebuild "
                + "and the watch's answer on the same node); the watch is a JDK HttpClient long poll (?wait=30s)."));
        return t;
    }

    private static HttpResponse<String> get(String url, String key, String etag) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", key)
                .timeout(Duration.ofSeconds(30));
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
