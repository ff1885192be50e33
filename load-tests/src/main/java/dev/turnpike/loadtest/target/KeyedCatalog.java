package dev.turnpike.loadtest.target;

import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.IssuedApiKey;
import dev.turnpike.registry.store.JdbcCatalogStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of the {@code auth} scenario, in the real catalog format, both APIs on the same stub: {@code bench}
 * under {@code /bench} is public (no key, no limit: the plain proxy), {@code keyed} under {@code /keyed} needs an
 * API key; consumer {@code bench-client} is subscribed to it with a plan of {@link #PLAN_PER_SECOND} per second
 * (burst the same), far above what one node can serve, so every request is checked and none is refused.
 *
 * <p>API keys are issued by the store only. {@link #provision} writes the catalog and issues a key into a gateway
 * data directory before the gateway starts; the gateway, started on that directory with the same catalog file,
 * finds the catalog unchanged and serves the key from the store.
 */
public final class KeyedCatalog {
    /** The consumer whose key the load generator sends. */
    public static final String CONSUMER = "bench-client";
    /** The subscription's rate (and burst): 100 million per second, never reached. */
    public static final int PLAN_PER_SECOND = 100_000_000;
    /** Path prefix of the public API. */
    public static final String PUBLIC_PREFIX = "/bench";
    /** Path prefix of the keyed API. */
    public static final String KEYED_PREFIX = "/keyed";

    private KeyedCatalog() {
    }

    /** Writes the catalog file into {@code dir}. */
    public static List<Path> write(Path dir, String stubAddress) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, """
                apis:
                  - id: bench
                    owner: bench-team
                    basePath: %s
                    upstreamBasePath: /
                    policies: { publicAccess: true }
                    targets: [ { pool: stub, weight: 1 } ]
                  - id: keyed
                    owner: bench-team
                    basePath: %s
                    upstreamBasePath: /
                    targets: [ { pool: stub, weight: 1 } ]
                consumers:
                  - id: %s
                    team: bench-team
                    subscriptions:
                      - api: keyed
                        plan: { perSecond: %d, burst: %d }
                pools:
                  - id: stub
                    instances: [ "%s" ]
                """.formatted(PUBLIC_PREFIX, KEYED_PREFIX, CONSUMER, PLAN_PER_SECOND, PLAN_PER_SECOND, stubAddress),
                StandardCharsets.UTF_8);
        return List.of(file);
    }

    /**
     * Stores the catalog of {@code files} in the embedded store of {@code dataDir} (created if missing) and issues
     * one API key for {@link #CONSUMER}; returns the key's plaintext. The store is closed again before returning,
     * so that the gateway can open it.
     *
     * @throws CatalogFileException if the catalog file is not valid (a bug of {@link #write})
     */
    public static String provision(Path dataDir, List<Path> files) throws CatalogFileException {
        Catalog catalog = CatalogFile.read(files);
        try (JdbcCatalogStore store = JdbcCatalogStore.embedded(dataDir)) {
            store.replace(catalog, "load-tests");
            IssuedApiKey key = store.createKey(CONSUMER, Optional.empty(), "load-tests");
            return key.plaintext();
        }
    }
}
