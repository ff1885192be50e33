package dev.turnpike.loadtest;

import dev.turnpike.loadtest.process.Pinning;
import dev.turnpike.loadtest.process.ProcessSupervisor;
import dev.turnpike.loadtest.process.Tools;
import dev.turnpike.loadtest.report.BenchmarksDoc;
import dev.turnpike.loadtest.report.MachineInfo;
import dev.turnpike.loadtest.report.Table;
import dev.turnpike.loadtest.scenario.AuthScenario;
import dev.turnpike.loadtest.scenario.BalancerScenario;
import dev.turnpike.loadtest.scenario.JmhScenario;
import dev.turnpike.loadtest.scenario.LatencyScenario;
import dev.turnpike.loadtest.scenario.MemoryScenario;
import dev.turnpike.loadtest.scenario.Progress;
import dev.turnpike.loadtest.scenario.ProxyScenario;
import dev.turnpike.loadtest.scenario.ReloadScenario;
import dev.turnpike.loadtest.scenario.RoutesScenario;
import dev.turnpike.loadtest.scenario.RunSettings;
import dev.turnpike.loadtest.scenario.Scenario;
import dev.turnpike.loadtest.scenario.ScenarioContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark harness: runs the named scenarios (all by default), prints one table per result, optionally
 * refreshes docs/BENCHMARKS.md. Everything it starts is stopped when a scenario ends, when the harness ends, and
 * on Ctrl-C. Exit status 1 when a scenario failed (the others still run).
 *
 * <p>{@code load-tests/run.sh [--smoke] [--write-docs] [scenario...]}, which builds and then calls {@link #main}.
 */
public final class Harness {
    private Harness() {
    }

    /** All scenarios by name, in their default order. */
    static Map<String, Scenario> scenarios() {
        Map<String, Scenario> m = new LinkedHashMap<>();
        for (Scenario s : List.of(new ProxyScenario(), new LatencyScenario(), new RoutesScenario(),
                new ReloadScenario(), new MemoryScenario(), new AuthScenario(), new BalancerScenario(),
                new JmhScenario())) {
            m.put(s.name(), s);
        }
        return m;
    }

    /** Entry point; exits with {@link #run}'s status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the harness; returns 0 when every scenario ran (skips with a reason count as ran), else 1 or 2. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        HarnessOptions o;
        try {
            o = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Map<String, Scenario> all = scenarios();
        List<String> names = o.scenarios().isEmpty() ? List.copyOf(all.keySet()) : o.scenarios();
        for (String n : names) {
            if (!all.containsKey(n)) {
                err.println("unknown scenario: " + n + " (expected one of " + all.keySet() + ")");
                return 2;
            }
        }
        RunSettings settings = o.smoke() ? RunSettings.smokeMode() : RunSettings.fullMode();
        if (o.runs() > 0) {
            settings = settings.withRuns(o.runs());
        }
        if (o.duration() != null) {
            settings = settings.withDuration(o.duration());
        }
        if (o.warmup() != null) {
            settings = settings.withWarmup(o.warmup());
        }
        Tools tools = o.withoutOptionalTools() ? Tools.detect().withoutOptionalReferences() : Tools.detect();
        Pinning pinning = Pinning.choose(tools, Runtime.getRuntime().availableProcessors());
        Map<String, String> machine = MachineInfo.describe(tools, pinning);
        out.println("== Turnpike load tests" + (o.smoke() ? " (smoke mode: proves the harness works, numbers mean nothing)" : ""));
        machine.forEach((k, v) -> out.println("   " + k + ": " + v));
        if (tools.nginx().isEmpty()) {
            out.println("   nginx reference: skipped — nginx not installed (apt-get install nginx)");
        }
        if (tools.wrk().isEmpty()) {
            out.println("   wrk: not installed — closed-model runs use the harness's own client (apt-get install wrk)");
        }
        List<Table> tables = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("turnpike-bench-");
        } catch (IOException e) {
            err.println("cannot create a temp dir: " + e);
            return 1;
        }
        Progress progress = new Progress(err);
        try (ProcessSupervisor supervisor = ProcessSupervisor.create()) {
            ScenarioContext ctx = new ScenarioContext(settings, tools, pinning, supervisor,
                    System.getProperty("java.class.path"), workDir, o.repoRoot(), progress, !o.referencesOnly());
            for (String n : names) {
                progress.scenario(n);
                List<Table> result;
                try {
                    result = all.get(n).run(ctx);
                } catch (Exception | Error e) {
                    String why = e.getMessage() == null ? e.toString() : e.getMessage();
                    failures.add(n);
                    e.printStackTrace(err);
                    result = List.of(new Table(n, List.of("status")).row(List.of(n + ": FAILED — " + firstLine(why))));
                } finally {
                    supervisor.stopRunning();
                }
                result.forEach(t -> out.println("\n" + t.toMarkdown()));
                tables.addAll(result);
            }
        }
        if (o.writeDocs()) {
            Path doc = o.repoRoot().resolve("docs/BENCHMARKS.md");
            try {
                BenchmarksDoc.write(doc, machine, o.command(), o.note(), tables);
                out.println("wrote " + doc.toAbsolutePath().normalize());
            } catch (IOException e) {
                err.println("cannot write " + doc + ": " + e);
                failures.add("write-docs");
            }
        }
        if (failures.isEmpty()) {
            deleteTree(workDir);
            return 0;
        }
        out.println("FAILED: " + String.join(", ", failures) + " (logs kept in " + workDir + ")");
        return 1;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp dir is harmless; the run itself succeeded.
        }
    }
}
