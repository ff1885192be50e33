package dev.turnpike.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code turnpike export [-o catalog.yaml]}: the running catalog as a file that {@code apply} accepts. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a node's catalog as a catalog file (stdout unless -o); `apply` accepts it as is.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    AdminOptions admin;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            String yaml = admin.client().export();
            if (output == null) {
                spec.commandLine().getOut().print(yaml);
                spec.commandLine().getOut().flush();
            } else {
                // Written next to the target and moved: an interrupted export never leaves half a file.
                Path dir = output.toAbsolutePath().getParent();
                Path tmp = Files.createTempFile(dir, ".turnpike-export", ".tmp");
                Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return 0;
        } catch (AdminClient.AdminException | IOException e) {
            spec.commandLine().getErr().println("turnpike export: " + e.getMessage());
            return 1;
        }
    }
}
