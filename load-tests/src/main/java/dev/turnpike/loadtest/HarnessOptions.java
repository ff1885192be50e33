package dev.turnpike.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's command line, parsed.
 *
 * @param scenarios           names to run, in order; empty means all
 * @param smoke               {@code --smoke}: seconds per scenario
 * @param writeDocs           {@code --write-docs}: refresh docs/BENCHMARKS.md
 * @param repoRoot            {@code --repo DIR}: the checkout (gateway jar, docs), default {@code .}
 * @param runs                {@code --runs N}, or 0 for the mode's default
 * @param duration            {@code --duration SECONDS}, or null for the mode's default
 * @param warmup              {@code --warmup SECONDS} before each measured run, or null for the mode's default; a
 *                            JVM whose JIT shares the servers' core needs far more than the default 5 s
 * @param referencesOnly      {@code --references-only}: direct and nginx, no gateway
 * @param withoutOptionalTools {@code --without-optional-tools}: behave as if nginx and wrk were not installed
 * @param command             {@code --command TEXT}: the command line as typed, for the docs
 * @param note                {@code --note TEXT}: what else ran on the machine, for the docs
 */
public record HarnessOptions(List<String> scenarios, boolean smoke, boolean writeDocs, Path repoRoot, int runs,
                             Duration duration, Duration warmup, boolean referencesOnly, boolean withoutOptionalTools,
                             String command, String note) {

    static final String USAGE = """
            usage: load-tests/run.sh [--smoke] [--write-docs] [--runs N] [--duration SECONDS] [--warmup SECONDS]
                                     [--references-only]
                                     [--without-optional-tools] [--note TEXT] [scenario...]
            scenarios: proxy latency routes reload memory auth jmh (default: all)""";

    /** Parses {@code args}; throws {@link IllegalArgumentException} with the usage on bad input. */
    public static HarnessOptions parse(String[] args) {
        List<String> scenarios = new ArrayList<>();
        boolean smoke = false;
        boolean docs = false;
        Path repo = Path.of(".");
        int runs = 0;
        Duration duration = null;
        Duration warmup = null;
        boolean refs = false;
        boolean noTools = false;
        String command = null;
        String note = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--smoke" -> smoke = true;
                case "--write-docs" -> docs = true;
                case "--repo" -> repo = Path.of(value(args, ++i, a));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value(args, ++i, a)));
                case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value(args, ++i, a)));
                case "--references-only" -> refs = true;
                case "--without-optional-tools" -> noTools = true;
                case "--command" -> command = value(args, ++i, a);
                case "--note" -> note = value(args, ++i, a);
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option: " + a + "\n" + USAGE);
                    }
                    scenarios.add(a);
                }
            }
        }
        if (runs < 0) {
            throw new IllegalArgumentException("--runs: " + runs + " (expected: >= 1)");
        }
        return new HarnessOptions(List.copyOf(scenarios), smoke, docs, repo, runs, duration, warmup, refs, noTools,
                command == null ? "load-tests/run.sh " + String.join(" ", args) : command, note);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + ": missing value\n" + USAGE);
        }
        return args[i];
    }
}
