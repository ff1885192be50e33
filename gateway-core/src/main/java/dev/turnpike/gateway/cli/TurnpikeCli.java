package dev.turnpike.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code turnpike} command: {@code serve}, {@code demo}, {@code validate}, {@code token hash}, and
 * {@code apply}, {@code diff}, {@code export} against a running node's admin API.
 *
 * <pre>{@code
 * turnpike serve --config turnpike.yaml
 * turnpike demo --port 8080
 * turnpike validate -f catalog.yaml
 * turnpike apply -f catalog.yaml --prune --token "$TOKEN"
 * }</pre>
 */
@Command(name = "turnpike",
        description = "Reactive API gateway with a routing registry.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {ServeCommand.class, DemoCommand.class, ValidateCommand.class, TokenCommand.class,
                ApplyCommand.class, ApplyCommand.DiffCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class TurnpikeCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new TurnpikeCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
