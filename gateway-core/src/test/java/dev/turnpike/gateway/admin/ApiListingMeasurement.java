package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Operation;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Measures the APIs list the web catalog pages through, at scale (not a test: timings are printed, never asserted).
 * Starts a real node whose catalog has {@code apis} APIs (default 10,000) of ten operations each (with operation ids
 * and a document), then times {@code GET /admin/v1/apis} over HTTP as the web catalog calls it ({@code view=summary},
 * 25 per page): the first search (which builds the search texts), then the median of 30 calls each for the first and
 * the last page, a search by one operation id, a search matching a tenth of the APIs, a team filter, and a page of
 * the full representation (documents included) for comparison.
 *
 * <pre>{@code
 * ./mvnw -q -o -pl gateway-core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp gateway-core/target/test-classes:gateway-core/target/classes:$(cat /tmp/cp.txt) \
 *     dev.turnpike.gateway.admin.ApiListingMeasurement [apis]
 * }</pre>
 */
public final class ApiListingMeasurement {
    private static final String[] RESOURCES = {"orders", "items", "users", "invoices", "shipments"};

    private ApiListingMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("listing-measurement");
        long t = System.nanoTime();
        Catalog catalog = catalog(n);
        try (GatewayUnderTest node = GatewayUnderTest.start(dir, catalog, AdminClient.TOKENS)) {
            System.out.printf("%d APIs, %d operations; node started in %d ms%n", n, n * 10L, ms(t));
            AdminClient admin = new AdminClient(node);
            String page = "/admin/v1/apis?view=summary&limit=25";
            t = System.nanoTime();
            HttpResponse<String> first = admin.get(page + "&q=getorders" + (n / 2));
            System.out.printf("first search (builds the search texts): %d ms, %s%n", ms(t), total(first));
            measure(admin, "first page", page);
            measure(admin, "last page", page + "&offset=" + (n - 25));
            measure(admin, "q = one operation id", page + "&q=getorders" + (n / 3));
            measure(admin, "q = a tenth of the APIs (team-3)", page + "&q=team-3");
            measure(admin, "team filter", page + "&team=team-7");
            measure(admin, "team filter + q", page + "&team=team-7&q=invoices");
            measure(admin, "first page, full representation", "/admin/v1/apis?limit=25");
        }
    }

    private static void measure(AdminClient admin, String what, String path) throws Exception {
        long[] times = new long[30];
        HttpResponse<String> last = null;
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            last = admin.get(path);
            times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        System.out.printf("%-40s median %6.2f ms, p90 %6.2f ms, %7d bytes, %s%n", what, times[15] / 1e6,
                times[27] / 1e6, last.body().length(), total(last));
    }

    private static String total(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body().replaceAll("(?s).*\"total\":(\\d+).*", "total $1");
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** {@code n} APIs over 100 pools and 10 teams, each with ten operations and a document. */
    static Catalog catalog(int n) {
        List<Team> teams = IntStream.range(0, 10).mapToObj(i -> new Team("team-" + i, "Team " + i, "", "")).toList();
        List<UpstreamPool> pools = IntStream.range(0, 100).mapToObj(i -> UpstreamPool.of("pool-" + i,
                List.of(new Instance("10.0.0." + i, 8080, 1)))).toList();
        List<Api> apis = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            apis.add(Api.builder("api-" + i, "team-" + i % 10, "/api-" + i + "/v1").name("API " + i).version("v1")
                    .spec(spec(i)).targets(List.of(new Target("pool-" + i % 100, 100))).build());
        }
        return new Catalog(teams, apis, pools, List.of(), List.of());
    }

    /** Per resource a list and a get operation, made together with the document that declares them. */
    private static ApiSpec spec(int i) {
        StringBuilder doc = new StringBuilder("openapi: 3.0.3\ninfo: {title: API " + i + ", version: \"1\"}\npaths:\n");
        List<Operation> ops = new ArrayList<>();
        for (String r : RESOURCES) {
            String list = "list" + r + i;
            String get = "get" + r + i;
            doc.append("  /").append(r).append(":\n    get: {operationId: ").append(list)
                    .append(", responses: {\"200\": {description: ok}}}\n  /").append(r).append("/{id}:\n    get:")
                    .append(" {operationId: ").append(get).append(", parameters: [{name: id, in: path, required: true,")
                    .append(" schema: {type: string}}], responses: {\"200\": {description: ok}}}\n");
            ops.add(new Operation("GET", "/" + r, Optional.of(list), "", false, List.of(),
                    List.of(new Operation.Response("200", "ok"))));
            ops.add(new Operation("GET", "/" + r + "/{id}", Optional.of(get), "", false,
                    List.of(new Operation.Parameter("id", "path", true, "string")),
                    List.of(new Operation.Response("200", "ok"))));
        }
        return new ApiSpec(doc.toString(), ops);
    }
}
