package dev.turnpike.gateway.cli;

import dev.turnpike.gateway.catalog.StoreConnector;
import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.config.SettingsException;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.gateway.demo.DemoCatalog;
import dev.turnpike.gateway.demo.DemoUpstreams;
import dev.turnpike.gateway.lookup.LookupFilter;
import dev.turnpike.gateway.server.TurnpikeServer;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.store.CatalogStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code turnpike demo}: starts two small demo services in-process, writes a catalog for them, serves it on the
 * embedded store and prints curl lines to try.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a gateway with a demo catalog and demo upstream services; prints curl lines to try.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    NodeOptions node;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NodeSettings settings;
        try {
            settings = node.load(List.of(), "./data/demo");
        } catch (SettingsException e) {
            StartFailure.print(err, e);
            return 2;
        }
        LogSetup.apply(settings.logFormat());
        try (DemoUpstreams upstreams = new DemoUpstreams()) {
            Files.createDirectories(settings.dataDir());
            Path catalogFile = settings.dataDir().resolve("demo-catalog.yaml");
            Files.writeString(catalogFile, CatalogFile.write(DemoCatalog.of(upstreams)));
            NodeSettings withCatalog = settings.withCatalogFiles(List.of(catalogFile));
            AtomicReference<CatalogStore> store = new AtomicReference<>();
            StoreConnector connector = ServeCommand.storeConnector(withCatalog);
            try (TurnpikeServer server = TurnpikeServer.start(withCatalog, () -> {
                CatalogStore s = connector.connect();
                store.set(s);
                return s;
            })) {
                Runtime.getRuntime().addShutdownHook(LogSetup.shutdownHook(server));
                printTryLines(out, server, catalogFile);
                printDirectLines(out, server, store.get());
                out.println("Stop with Ctrl-C.");
                out.flush();
                server.awaitShutdown();
            } catch (CatalogFileException e) {
                err.println("turnpike: the demo catalog is invalid (a bug):");
                err.println(e.getMessage());
                return 1;
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(DemoCommand.class).debug("Start failed", e);
                err.println("turnpike: cannot start the demo: " + StartFailure.line(e, withCatalog));
                return 1;
            }
        }
        return 0;
    }

    /**
     * Issues a fresh key for the demo's direct consumer (revoking the ones earlier starts issued: a key is shown only
     * once) and prints route lookup lines to try with it.
     */
    private static void printDirectLines(PrintWriter out, TurnpikeServer server, CatalogStore store) {
        if (store == null) {
            out.println("(The store was unreachable at start: no key for the direct-call demo.)");
            return;
        }
        for (ApiKey old : store.keysOf(DemoCatalog.DIRECT_CONSUMER)) {
            if (!old.revoked()) {
                store.revokeKey(old.id(), "turnpike demo");
            }
        }
        String key = store.createKey(DemoCatalog.DIRECT_CONSUMER, Optional.empty(), "turnpike demo").plaintext();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.routing().current().consumers().lookup(key, Instant.now()).outcome()
                != ConsumerDirectory.Outcome.VALID && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String lookup = "localhost:" + server.publicPort() + LookupFilter.PREFIX;
        out.println("End-to-end calls (docs/end-to-end.md): consumer " + DemoCatalog.DIRECT_CONSUMER
                + " may call products directly; its key (new on every demo start): " + key);
        out.println("  curl -s -H 'X-Api-Key: " + key + "' " + lookup + "/apis/products");
        out.println("  curl -s -i -H 'X-Api-Key: " + key + "' " + lookup + "/apis");
        out.println("  curl -s -H 'X-Api-Key: " + key + "' " + lookup + "/apis/products/spec");
    }

    private static void printTryLines(PrintWriter out, TurnpikeServer server, Path catalogFile) {
        String gw = "localhost:" + server.publicPort();
        String admin = "localhost:" + server.adminPort();
        out.println();
        out.println("Turnpike demo is running. Catalog: " + catalogFile.toAbsolutePath());
        out.println("Try:");
        out.println("  curl -s " + gw + "/products/v1/items");
        out.println("  curl -s " + gw + "/products/v1/items/2");
        out.println("  curl -s -X POST " + gw + "/products/v1/items -H 'Content-Type: application/json' "
                + "-d '{\"name\":\"Milk jug\",\"price\":12.5}'");
        out.println("  curl -s " + gw + "/reviews/v1/items/1/reviews");
        out.println("  curl -s " + gw + "/pages/products/1              # composite: product + its reviews");
        out.println("  curl -s -i " + gw + "/nowhere                      # 404 problem+json");
        out.println("  curl -s " + admin + "/metrics | grep turnpike_");
        out.println("  curl -s " + admin + "/health/ready");
        if (server.generatedAdminToken().isPresent()) {
            String token = server.generatedAdminToken().get();
            out.println("  curl -s -H 'Authorization: Bearer " + token + "' " + admin + "/admin/v1/apis");
            out.println("Admin token (generated on this first start of the demo, shown only now): " + token);
        } else {
            out.println("Admin API: use the token printed by the demo's first start (delete the demo data directory"
                    + " for a new one)");
        }
        out.flush();
    }
}
