package dev.turnpike.gateway.cli;

import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.file.SizeText;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code turnpike validate catalog.yaml} (or {@code -f catalog.yaml}): checks catalog files and prints every error
 * with its path.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check catalog files; print every error with its place in the file. Exit 1 when invalid.")
final class ValidateCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Catalog file (repeatable; files are checked together).")
    List<Path> options = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Catalog files, as with -f.")
    List<Path> positional = new ArrayList<>();

    @Option(names = "--max-spec-size", paramLabel = "SIZE", defaultValue = "16MB",
            description = "Largest OpenAPI document accepted, as the node's limits.maxSpecSize (default: ${DEFAULT-VALUE}).")
    String maxSpecSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>(positional);
        files.addAll(options);
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no catalog file (expected: turnpike validate FILE..., or -f FILE)");
        }
        long max;
        try {
            max = SizeText.parse(maxSpecSize);
        } catch (IllegalArgumentException e) {
            err.println("--max-spec-size: " + e.getMessage());
            return 2;
        }
        try {
            Catalog catalog = CatalogFile.read(files, max);
            Optional<String> unservable = RoutingSnapshot.problem(catalog);
            if (unservable.isPresent()) {
                err.println("apis[*].routes: " + unservable.get());
                err.println("1 error(s)");
                return 1;
            }
            int warnings = 0;
            for (int i = 0; i < catalog.apis().size(); i++) {
                Api api = catalog.apis().get(i);
                for (String w : api.spec().map(ApiSpec::warnings).orElse(List.of())) {
                    out.printf("warning: apis[%d].spec (%s): %s%n", i, api.id(), w);
                    warnings++;
                }
            }
            int routes = catalog.apis().stream().map(Api::routes).mapToInt(List::size).sum();
            out.printf("OK: %d APIs, %d routes, %d pools, %d teams, %d consumers, %d subscriptions%s%n",
                    catalog.apis().size(), routes, catalog.pools().size(), catalog.teams().size(),
                    catalog.consumers().size(), catalog.subscriptions().size(),
                    warnings == 0 ? "" : ", " + warnings + " warning(s)");
            return 0;
        } catch (CatalogFileException e) {
            err.println(e.getMessage());
            err.printf("%d error(s)%n", e.violations().size());
            return 1;
        }
    }
}
