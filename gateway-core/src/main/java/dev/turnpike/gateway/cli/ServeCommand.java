package dev.turnpike.gateway.cli;

import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.config.SettingsException;
import dev.turnpike.gateway.server.TurnpikeServer;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.store.CatalogStore;
import dev.turnpike.registry.store.JdbcCatalogStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
            err.println("turnpike: invalid settings:");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        }
        LogSetup.apply(settings.logFormat());
        return run(settings, err);
    }

    /** Starts a node with {@code settings} and blocks until it is shut down; returns the exit status. */
    static int run(NodeSettings settings, PrintWriter err) {
        try (CatalogStore store = JdbcCatalogStore.embedded(settings.dataDir());
             TurnpikeServer server = TurnpikeServer.start(settings, store)) {
            Thread hook = new Thread(server::close, "turnpike-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            server.awaitShutdown();
            return 0;
        } catch (CatalogFileException e) {
            err.println("turnpike: invalid catalog:");
            err.println(e.getMessage());
            return 2;
        }
    }
}
