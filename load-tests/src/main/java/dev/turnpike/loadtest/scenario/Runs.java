package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadResult;
import dev.turnpike.loadtest.report.Spread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Repeated load runs against named targets, interleaved (direct, nginx, gateway, direct, ...) so that noise from
 * other work on the machine spreads over all targets instead of hitting one of them.
 */
final class Runs {
    /** One load run against one URL. */
    interface Load {
        LoadResult run(String url) throws Exception;
    }

    private final Map<String, List<LoadResult>> results = new LinkedHashMap<>();

    /** Runs {@code load} {@code runs} times against every target, in rounds. */
    static Runs measure(ScenarioContext ctx, String what, Map<String, String> urls, Load load) throws Exception {
        return measure(ctx, ctx.settings().runs(), what, urls, load);
    }

    /** Runs {@code load} {@code n} times against every target, in rounds. */
    static Runs measure(ScenarioContext ctx, int n, String what, Map<String, String> urls, Load load)
            throws Exception {
        Runs r = new Runs();
        urls.keySet().forEach(name -> r.results.put(name, new ArrayList<>()));
        for (int i = 1; i <= n; i++) {
            for (Map.Entry<String, String> t : urls.entrySet()) {
                ctx.progress().step(what + ": " + t.getKey() + " run " + i + "/" + n);
                LoadResult res = load.run(t.getValue());
                ctx.progress().step(String.format(java.util.Locale.ROOT, "  %.0f req/s, p99 %d us, %d errors",
                        res.rps(), res.p99us(), res.errors()));
                r.results.get(t.getKey()).add(res);
            }
        }
        return r;
    }

    /** The same runs without those in which no request completed (their percentiles are empty, not zero). */
    Runs completedOnly() {
        Runs r = new Runs();
        results.forEach((target, list) -> {
            List<LoadResult> done = list.stream().filter(res -> res.requests() > 0).toList();
            if (!done.isEmpty()) {
                r.results.put(target, new ArrayList<>(done));
            }
        });
        return r;
    }

    /** Whether any run of {@code target} is here. */
    boolean has(String target) {
        return results.containsKey(target);
    }

    /** The spread of one figure of one target. */
    Spread spread(String target, ToDoubleFunction<LoadResult> figure) {
        List<Double> values = new ArrayList<>();
        for (LoadResult res : results.get(target)) {
            values.add(figure.applyAsDouble(res));
        }
        return Spread.of(values);
    }

    /** The sum of one count over all runs of a target. */
    long sum(String target, java.util.function.ToLongFunction<LoadResult> count) {
        return results.get(target).stream().mapToLong(count).sum();
    }

    /** Errors plus incomplete requests over all runs of a target. */
    long failures(String target) {
        return results.get(target).stream().mapToLong(r -> r.errors() + r.incomplete()).sum();
    }
}
