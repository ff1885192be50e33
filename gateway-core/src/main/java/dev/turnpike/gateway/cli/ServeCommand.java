package dev.turnpike.gateway.cli;

import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.config.SettingsException;
import dev.turnpike.gateway.server.TurnpikeServer;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.gateway.catalog.StoreConnector;
import dev.turnpike.registry.store.JdbcCatalogStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code turnpike serve}: runs a gateway node until it is stopped (SIGTERM or Ctrl-C shut it down gracefully). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a gateway node on the embedded catalog store.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    NodeOptions node;

    @Option(names = {"--catalog", "-f"}, paramLabel = "FILE",
            description = "Catalog file applied to the store at start (repeatable); same as --set catalog=...")
    List<Path> catalog = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        NodeSettings settings;
        try {
            settings = node.load(catalog, null);
        } catch (SettingsException e) {
            StartFailure.print(err, e);
            return 2;
        }
        LogSetup.apply(settings.logFormat());
        return run(settings, spec.commandLine().getOut(), err);
    }

    /** Starts a node with {@code settings} and blocks until it is shut down; returns the exit status. */
    static int run(NodeSettings settings, PrintWriter out, PrintWriter err) {
        try (TurnpikeServer server = TurnpikeServer.start(settings, storeConnector(settings))) {
            Runtime.getRuntime().addShutdownHook(LogSetup.shutdownHook(server));
            server.generatedAdminToken().ifPresent(token -> printGeneratedToken(out, token, server.adminPort()));
            server.awaitShutdown();
            return 0;
        } catch (CatalogFileException e) {
            err.println("turnpike: invalid catalog:");
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ServeCommand.class).debug("Start failed", e);
            err.println("turnpike: cannot start: " + StartFailure.line(e, settings));
            return 1;
        }
    }

    /**
     * Shows the admin token a first start generated: the only time it is ever shown (the store keeps its hash).
     */
    static void printGeneratedToken(PrintWriter out, String token, int adminPort) {
        out.println();
        out.println("No admin token was configured, so this first start generated one. It is shown only now;");
        out.println("store it safely (the catalog store keeps only its SHA-256):");
        out.println();
        out.println("  " + token);
        out.println();
        out.println("Use it as: curl -H 'Authorization: Bearer " + token + "' localhost:" + adminPort
                + "/admin/v1/apis");
        out.println("To use your own tokens instead, configure admin.tokens (see docs/admin-api.md).");
        out.println();
        out.flush();
    }

    /** The embedded H2 store in the data directory, or the configured PostgreSQL. */
    static StoreConnector storeConnector(NodeSettings settings) {
        NodeSettings.Store store = settings.store();
        if (store.embedded()) {
            return () -> JdbcCatalogStore.embedded(settings.dataDir());
        }
        return () -> JdbcCatalogStore.connect(store.url(), store.user(), store.password());
    }
}
