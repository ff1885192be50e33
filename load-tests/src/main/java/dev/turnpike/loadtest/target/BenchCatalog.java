package dev.turnpike.loadtest.target;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Catalog files for the scenarios, in the real catalog format (checked against the real reader in tests): one API
 * {@code bench} under {@code /bench} forwarding to the stub, either as one prefix route or with N templated routes
 * {@code GET /r{i}/items/{id}}.
 */
public final class BenchCatalog {
    private BenchCatalog() {
    }

    /** One API with the default prefix route: every path under {@code /bench} goes to the stub. */
    public static List<Path> prefixRoute(Path dir, String stubAddress) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, header() + pool(stubAddress), StandardCharsets.UTF_8);
        return List.of(file);
    }

    /** One API with {@code n} routes {@code GET /r{i}/items/{id}}. */
    public static List<Path> routes(Path dir, String stubAddress, int n) throws IOException {
        if (n < 1) {
            throw new IllegalArgumentException("n: " + n + " (expected: >= 1)");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("catalog.yaml");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(header());
            w.write("    routes:\n");
            for (int i = 0; i < n; i++) {
                w.write("      - { method: GET, path: \"/r" + i + "/items/{id}\" }\n");
            }
            w.write(pool(stubAddress));
        }
        return List.of(file);
    }

    /**
     * {@code n} APIs {@code api{i}} under {@code /api{i}}, each with the one route {@code GET /items/{id}}: a catalog
     * of {@code n} APIs and {@code n} routes.
     */
    public static List<Path> apis(Path dir, String stubAddress, int n) throws IOException {
        if (n < 1) {
            throw new IllegalArgumentException("n: " + n + " (expected: >= 1)");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("catalog.yaml");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("apis:\n");
            for (int i = 0; i < n; i++) {
                w.write("  - id: api" + i + "\n    owner: bench-team\n    basePath: /api" + i
                        + "\n    upstreamBasePath: /\n    policies: { publicAccess: true }\n"
                        + "    targets: [ { pool: stub, weight: 1 } ]\n"
                        + "    routes:\n      - { method: GET, path: \"/items/{id}\" }\n");
            }
            w.write(pool(stubAddress));
        }
        return List.of(file);
    }

    /**
     * One API with the default prefix route over one pool of {@code stubAddresses} picked by {@code balancer}
     * ({@code least-outstanding}, {@code round-robin} or {@code peak-ewma}).
     */
    public static List<Path> balancedPool(Path dir, List<String> stubAddresses, String balancer) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, header() + "pools:\n  - id: stub\n    balancer: " + balancer + "\n    instances: [ "
                + String.join(", ", stubAddresses.stream().map(a -> "\"" + a + "\"").toList()) + " ]\n",
                StandardCharsets.UTF_8);
        return List.of(file);
    }

    /** The path of the last of {@code n} routes, as a client calls it through the gateway. */
    public static String lastRoutePath(int n) {
        return "/bench/r" + (n - 1) + "/items/42";
    }

    private static String header() {
        return """
                apis:
                  - id: bench
                    owner: bench-team
                    basePath: /bench
                    upstreamBasePath: /
                    policies: { publicAccess: true }
                    targets: [ { pool: stub, weight: 1 } ]
                """;
    }

    private static String pool(String stubAddress) {
        return "pools:\n  - id: stub\n    instances: [ \"" + stubAddress + "\" ]\n";
    }
}
