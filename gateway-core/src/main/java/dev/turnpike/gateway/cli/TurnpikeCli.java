package dev.turnpike.gateway.cli;

import org.slf4j.LoggerFactory;
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
                ApplyCommand.class, ApplyCommand.DiffCommand.class, ExportCommand.class, EchoCommand.class,
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
        return new CommandLine(new TurnpikeCli()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(TurnpikeCli::failed)
                .setParameterExceptionHandler(TurnpikeCli::misused);
    }

    /** A bad command line: one line with what was expected and where help is, exit 2. */
    private static int misused(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + e.getMessage() + " (see: " + name + " --help)");
        return 2;
    }

    /**
     * What a command threw, as one line naming the command (exit 1; a bad option value found late, 2); the stack trace
     * goes to the log at debug.
     */
    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        LoggerFactory.getLogger(TurnpikeCli.class).debug("turnpike {} failed", command.getCommandName(), e);
        if (e instanceof CommandLine.ParameterException misuse) {
            return misused(misuse, new String[0]);
        }
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + StartFailure.line(e));
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
