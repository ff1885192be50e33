package dev.turnpike.gateway.cli;

import dev.turnpike.registry.model.ApiKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code turnpike token hash}: reads an admin token from standard input (one line, so it stays out of the shell
 * history and process list) and prints its SHA-256 in hex, the form {@code admin.tokens} takes.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Admin token helpers.",
        subcommands = TokenCommand.Hash.class)
final class TokenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code turnpike token hash < token.txt}. */
    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "Print the SHA-256 (hex) of the token read from standard input, for admin.tokens.")
    static final class Hash implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                err.println("turnpike: no token on standard input (expected: the token on one line)");
                return 2;
            }
            out.println(ApiKey.hash(line.strip()));
            out.flush();
            return 0;
        }
    }
}
