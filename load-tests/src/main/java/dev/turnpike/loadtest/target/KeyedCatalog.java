package dev.turnpike.loadtest.target;

import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.IssuedApiKey;
import dev.turnpike.registry.store.JdbcCatalogStore;
import dev.turnpike.loadtest.load.LoadGenerator;
import dev.turnpike.loadtest.process.ProcessSupervisor;
import dev.turnpike.loadtest.process.Tools;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The catalog of the {@code auth} scenario, in the real catalog format, both APIs on the same stub: {@code bench}
 * under {@code /bench} is public (no key, no limit: the plain proxy), {@code keyed} under {@code /keyed} needs an
 * API key; consumer {@code bench-client} is subscribed to it with a plan of {@link #PLAN_PER_SECOND} per second
 * (burst the same), far above what one node can serve, so every request is checked and none is refused. The
 * subscription is {@code direct: true}, so the {@code lookup} and {@code endtoend} scenarios can use it too.
 *
 * <p>API keys are issued by the store only. {@link #provision} writes the catalog and issues a key into a gateway
 * data directory before the gateway starts; the gateway, started on that directory with the same catalog file,
 * finds the catalog unchanged and serves the key from the store. The store must be written by the same store code
 * as the gateway's (its schema migrations must match), so {@link #provision} runs {@link #main} in a child JVM whose
 * class path starts with the gateway jar, not with whatever route-registry the harness was built against.
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

    private static final String KEY_LINE = "KEY ";

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
                        direct: true
                pools:
                  - id: stub
                    instances: [ "%s" ]
                """.formatted(PUBLIC_PREFIX, KEYED_PREFIX, CONSUMER, PLAN_PER_SECOND, PLAN_PER_SECOND, stubAddress),
                StandardCharsets.UTF_8);
        return List.of(file);
    }

    /**
     * Stores the catalog of {@code files} in the embedded store of {@code dataDir} (created if missing) and issues
     * one API key for {@link #CONSUMER}, with the store code of the gateway {@code jar}; returns the key's
     * plaintext. The store is closed again before returning, so that the gateway can open it.
     */
    public static String provision(ProcessSupervisor supervisor, Tools tools, Path jar, Path workDir, Path dataDir,
                                   List<Path> files) throws IOException, InterruptedException {
        String ownClasses;
        try {
            ownClasses = Path.of(KeyedCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the load-tests classes", e);
        }
        List<String> command = new ArrayList<>(List.of(tools.java().toString(), "-Xmx256m", LoadGenerator.LOGBACK,
                "-cp", jar + File.pathSeparator + ownClasses, KeyedCatalog.class.getName(), dataDir.toString()));
        files.forEach(f -> command.add(f.toString()));
        Path log = Files.createTempFile(workDir, "provision-", ".log");
        Process p = supervisor.start(command, log);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                throw new IOException("provisioning " + dataDir + " did not finish in 2 minutes; log " + log);
            }
        } finally {
            supervisor.stop(p);
        }
        String key = null;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith(KEY_LINE)) {
                key = line.substring(KEY_LINE.length()).trim();
            }
        }
        if (p.exitValue() != 0 || key == null) {
            throw new IOException("provisioning " + dataDir + " failed (exit " + p.exitValue() + "); log " + log
                    + ":\n" + Readiness.tail(log));
        }
        return key;
    }

    /**
     * {@code KeyedCatalog DATA_DIR CATALOG_FILE...}: writes the catalog into the embedded store of the data
     * directory, issues one key for {@link #CONSUMER} and prints {@code KEY <plaintext>}.
     */
    public static void main(String[] args) throws CatalogFileException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: KeyedCatalog DATA_DIR CATALOG_FILE...");
        }
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        Catalog catalog = CatalogFile.read(files);
        try (JdbcCatalogStore store = JdbcCatalogStore.embedded(Path.of(args[0]))) {
            store.replace(catalog, "load-tests");
            IssuedApiKey key = store.createKey(CONSUMER, Optional.empty(), "load-tests");
            System.out.println(KEY_LINE + key.plaintext());
        }
    }
}
