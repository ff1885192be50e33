package dev.turnpike.loadtest.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Catalog files for the resilience scenarios ({@code faults}, {@code overload}, {@code isolation}). */
final class ResilienceCatalog {
    private ResilienceCatalog() {
    }

    /**
     * One public API {@code id} under {@code /id} on its own pool over {@code instances}, with {@code criticality}
     * and the policies in {@code policies} (YAML flow mapping entries, may be empty).
     */
    static String api(String id, String criticality, String policies, List<String> instances) {
        return "  - id: " + id + "\n    owner: bench-team\n    basePath: /" + id + "\n    upstreamBasePath: /\n"
                + "    criticality: " + criticality + "\n"
                + "    policies: { publicAccess: true" + (policies.isEmpty() ? "" : ", " + policies) + " }\n"
                + "    targets: [ { pool: " + id + ", weight: 1 } ]\n";
    }

    /** The pool of {@link #api}. */
    static String pool(String id, List<String> instances) {
        return "  - id: " + id + "\n    instances: [ " + String.join(", ", instances.stream()
                .map(i -> "\"" + i + "\"").toList()) + " ]\n";
    }

    /** Writes a catalog with {@code apis} and {@code pools} (from {@link #api} and {@link #pool}). */
    static List<Path> write(Path dir, String apis, String pools) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, "apis:\n" + apis + "pools:\n" + pools);
        return List.of(file);
    }
}
