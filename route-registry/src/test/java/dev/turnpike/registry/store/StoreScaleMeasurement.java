package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Measures the embedded store at scale (not a test: timings are printed, never asserted). Builds a catalog of
 * {@code apis} APIs (default 10,000), each with its own OpenAPI document of ten operations, stores it in a fresh H2
 * store, then prints: the time of {@code replace}, of a cold {@code load} (new store instance, nothing cached: every
 * document parsed), of a warm {@code load}, the heap the loaded catalog retains, and the time of {@code apply} of one
 * {@code PutApi} (replacing an API, and adding one).
 *
 * <pre>{@code
 * java -cp <route-registry test classpath> dev.turnpike.registry.store.StoreScaleMeasurement [apis] [dir]
 * }</pre>
 */
public final class StoreScaleMeasurement {
    private StoreScaleMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("turnpike-scale");
        long t = System.nanoTime();
        Catalog catalog = catalog(n);
        System.out.printf("built %d APIs (specs parsed once, %d operations each): %d ms%n", n,
                catalog.apis().get(0).spec().get().operations().size(), ms(t));
        System.out.printf("spec document size: %d characters%n", catalog.apis().get(0).spec().get().document().length());

        try (JdbcCatalogStore store = JdbcCatalogStore.embedded(dir.resolve("data"))) {
            t = System.nanoTime();
            store.replace(catalog);
            System.out.printf("replace (whole catalog): %d ms%n", ms(t));
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        catalog = null;
        long before = usedAfterGc(memory);
        VersionedCatalog loaded;
        try (JdbcCatalogStore store = JdbcCatalogStore.embedded(dir.resolve("data"))) {
            t = System.nanoTime();
            loaded = store.load();
            System.out.printf("load, cold (new store: specs made from their stored operations, none parsed): %d ms%n",
                    ms(t));
            long retained = usedAfterGc(memory) - before;
            System.out.printf("heap retained by the loaded catalog (and the store's spec cache): %d MB%n",
                    retained / (1 << 20));
            long[] warm = new long[10];
            for (int i = 0; i < warm.length; i++) {
                t = System.nanoTime();
                loaded = store.load();
                warm[i] = System.nanoTime() - t;
            }
            System.out.printf("load, warm (same store): %s%n", summary(warm));

            VersionedCatalog base = loaded;
            long[] replaceOne = new long[50];
            for (int i = 0; i < replaceOne.length; i++) {
                Api api = base.catalog().apis().get(i * 97 % n);
                Api changed = api.toBuilder().description("changed " + i).build();
                t = System.nanoTime();
                base = store.apply(base, List.of(new CatalogChange.PutApi(changed)), "measure");
                replaceOne[i] = System.nanoTime() - t;
            }
            System.out.printf("apply one PutApi replacing an API: %s%n", summary(replaceOne));
            long[] addOne = new long[50];
            Api template = base.catalog().apis().get(0);
            for (int i = 0; i < addOne.length; i++) {
                Api added = template.toBuilder().id("added-" + i).basePath("/added/" + i).build();
                t = System.nanoTime();
                base = store.apply(base, List.of(new CatalogChange.PutApi(added)), "measure");
                addOne[i] = System.nanoTime() - t;
            }
            System.out.printf("apply one PutApi adding an API: %s%n", summary(addOne));
            long[] applyAll = new long[20];
            for (int i = 0; i < applyAll.length; i++) {
                Api changed = template.toBuilder().description("in memory " + i).build();
                t = System.nanoTime();
                CatalogChange.applyAll(base.catalog(), List.of(new CatalogChange.PutApi(changed)));
                applyAll[i] = System.nanoTime() - t;
            }
            System.out.printf("  of which CatalogChange.applyAll (the checked catalog in memory): %s%n",
                    summary(applyAll));
            t = System.nanoTime();
            System.out.printf("version after: %d (store.load() agrees: %b, %d ms)%n", base.version(),
                    store.load().equals(base), ms(t));
        }
    }

    /** {@code n} APIs over 100 pools and 10 teams, each with its own ten-operation document. */
    static Catalog catalog(int n) {
        List<Team> teams = IntStream.range(0, 10).mapToObj(i -> new Team("team-" + i, "Team " + i, "", "")).toList();
        List<UpstreamPool> pools = IntStream.range(0, 100).mapToObj(i -> UpstreamPool.of("pool-" + i,
                List.of(new Instance("10.0.0." + i, 8080, 1), new Instance("10.0.1." + i, 8080, 1)))).toList();
        List<Api> apis = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            apis.add(Api.builder("api-" + i, "team-" + i % 10, "/api-" + i + "/v1")
                    .name("API " + i).version("v1").description("Benchmark API number " + i)
                    .spec(ApiSpec.parse(spec(i)))
                    .targets(List.of(new Target("pool-" + i % 100, 95), new Target("pool-" + (i + 1) % 100, 5)))
                    .build());
        }
        return new Catalog(teams, apis, pools, List.of(), List.of());
    }

    /** Five resources with a list/create and a get/update/delete... of ten operations in all. */
    static String spec(int i) {
        StringBuilder out = new StringBuilder("openapi: 3.0.3\ninfo: { title: API " + i + ", version: \"1\" }\npaths:\n");
        for (String resource : List.of("items", "orders", "users", "reviews", "carts")) {
            out.append("  /").append(resource).append(":\n")
                    .append("    get:\n      operationId: list").append(resource).append("\n")
                    .append("      parameters: [ { name: limit, in: query, schema: { type: integer } } ]\n")
                    .append("      responses: { \"200\": { description: ok } }\n")
                    .append("  /").append(resource).append("/{id}:\n")
                    .append("    parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]\n")
                    .append("    get:\n      operationId: get").append(resource).append("\n")
                    .append("      responses: { \"200\": { description: ok }, \"404\": { description: missing } }\n");
        }
        return out.toString();
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("median %.1f ms, max %.1f ms (%d runs)", sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length - 1] / 1e6, sorted.length);
    }
}
