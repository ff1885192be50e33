package dev.turnpike.loadtest.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.loadtest.load.LoadGenerator;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.report.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code jmh}: the microbenchmarks in {@code dev.turnpike.loadtest.jmh} (route matching by table size, snapshot
 * build) in a pinned child JVM with {@code -prof gc}, as one table of ns/op and B/op.
 */
public final class JmhScenario implements Scenario {
    @Override
    public String name() {
        return "jmh";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) throws Exception {
        if (JmhScenario.class.getClassLoader().getResource("META-INF/BenchmarkList") == null) {
            return List.of(new Table("jmh", List.of("status")).row(List.of(
                    "jmh: skipped — no benchmarks compiled (META-INF/BenchmarkList missing from the class path)")));
        }
        var s = ctx.settings();
        Path json = ctx.workDir().resolve("jmh.json");
        List<String> cmd = new ArrayList<>(List.of(ctx.tools().java().toString(), LoadGenerator.LOGBACK,
                "-cp", ctx.classpath(),
                "org.openjdk.jmh.Main", "dev.turnpike.loadtest.jmh", "-f", "1", "-prof", "gc",
                "-rf", "json", "-rff", json.toString()));
        if (s.smoke()) {
            cmd.addAll(List.of("-wi", "1", "-w", "200ms", "-i", "1", "-r", "200ms", "-p", "routes=100", "-p", "apis=100"));
        } else {
            cmd.addAll(List.of("-wi", "3", "-w", "1s", "-i", "5", "-r", "1s"));
        }
        Path log = ctx.workDir().resolve("jmh.log");
        ctx.progress().step("running JMH (" + (s.smoke() ? "smoke settings" : "3×1 s warm-up, 5×1 s measured") + ")");
        Process p = ctx.supervisor().start(ctx.pinning().server(cmd), log);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("JMH failed; log " + log + ":\n" + dev.turnpike.loadtest.target.Readiness.tail(log));
        }
        Table t = new Table("jmh — route matching and snapshot build (-prof gc)",
                List.of("benchmark", "params", "score", "unit", "± error", "alloc B/op"));
        for (JsonNode b : new ObjectMapper().readTree(Files.readString(json))) {
            String name = b.get("benchmark").asText();
            JsonNode pm = b.get("primaryMetric");
            t.row(List.of(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), params(b.get("params")),
                    Spread.number(pm.get("score").asDouble(), 1), pm.get("scoreUnit").asText(),
                    Spread.number(pm.get("scoreError").asDouble(), 1), alloc(b.get("secondaryMetrics"))));
        }
        t.note("JMH 1.37, 1 fork" + (s.smoke() ? ", smoke settings (not meaningful numbers)" : ", 3×1 s warm-up, 5×1 s measured")
                + ". Run by hand: see docs/BENCHMARKS.md, section JMH.");
        return List.of(t);
    }

    private static String params(JsonNode params) {
        if (params == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            var e = it.next();
            out.add(e.getKey() + "=" + e.getValue().asText());
        }
        return String.join(" ", out);
    }

    private static String alloc(JsonNode secondary) {
        if (secondary != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    return String.format(Locale.ROOT, "%,.0f", e.getValue().get("score").asDouble());
                }
            }
        }
        return "n/a";
    }
}
