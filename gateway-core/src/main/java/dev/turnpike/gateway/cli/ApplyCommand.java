package dev.turnpike.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code turnpike apply -f catalog.yaml [--prune]} and {@code turnpike diff -f catalog.yaml [--prune]}: make a
 * node's catalog equal to catalog files, or show what that would change. The files are read and checked here
 * (errors with file and line), their OpenAPI documents inlined, and the whole catalog is sent in one request that
 * the node applies in one transaction: all of it or nothing. Entities equal in both are left alone, so applying
 * twice changes nothing the second time.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Make a node's catalog equal to catalog files: create and update entities; delete the ones the"
                + " files do not mention only with --prune. One transaction; idempotent.")
class ApplyCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
            description = "Catalog file (repeatable; files are read together).")
    List<Path> files;

    @Option(names = "--prune", description = "Also delete entities the files do not mention.")
    boolean prune;

    @Mixin
    AdminOptions admin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether this command only reports. */
    boolean dryRun() {
        return false;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.name();
        String yaml;
        try {
            // The node decides the size it accepts (limits.maxSpecSize); here only what the catalog reads at all.
            yaml = CatalogFile.write(CatalogFile.read(files, dev.turnpike.gateway.config.NodeSettings.MAX_SPEC_SIZE));
        } catch (CatalogFileException e) {
            err.println(e.getMessage());
            err.printf("%d error(s)%n", e.violations().size());
            return 1;
        }
        JsonNode answer;
        try {
            answer = admin.client().apply(yaml, prune, dryRun());
        } catch (AdminClient.AdminException e) {
            err.println("turnpike " + name + ": " + e.getMessage());
            return 1;
        }
        JsonNode changes = answer.path("changes");
        for (JsonNode c : changes) {
            String sign = switch (c.path("action").asText()) {
                case "create" -> "+";
                case "delete" -> "-";
                default -> "~";
            };
            String line = sign + " " + c.path("type").asText() + " " + c.path("id").asText();
            JsonNode fields = c.path("fields");
            if (fields.size() == 1) {
                out.println(line + ": " + field(fields.get(0)));
            } else {
                out.println(line);
                fields.forEach(f -> out.println("    " + field(f)));
            }
        }
        if (changes.isEmpty()) {
            out.println("No changes: the catalog already matches (version " + answer.path("version").asLong() + ").");
        } else if (dryRun()) {
            out.printf("%d change(s) would be made%s.%n", changes.size(),
                    prune ? "" : " (entities the files do not mention are kept; --prune deletes them)");
        } else {
            out.printf("Applied %d change(s): catalog version %d.%n", changes.size(), answer.path("version").asLong());
        }
        return 0;
    }

    /** {@code policies.timeout: 2s -> 3s}, {@code (none)} for an absent side. */
    private static String field(JsonNode f) {
        return f.path("path").asText() + ": " + value(f.path("from")) + " -> " + value(f.path("to"));
    }

    private static String value(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? "(none)" : v.asText();
    }

    /** {@code turnpike diff}: what {@code apply} would do, changing nothing. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Show what `apply` would change (+ create, ~ update, - delete with --prune). Changes nothing.")
    static final class DiffCommand extends ApplyCommand {
        @Override
        boolean dryRun() {
            return true;
        }
    }
}
