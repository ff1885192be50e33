package dev.turnpike.loadtest.load;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads what wrk printed through the harness's {@code report.lua} ({@link #SCRIPT}): one line with the request
 * count, the run time and the latency percentiles, which plain wrk output does not give for p99.9.
 */
public final class WrkOutput {
    /** The Lua script handed to {@code wrk -s}; its {@code done} hook prints one machine-readable line. */
    public static final String SCRIPT = """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format(
                "TURNPIKE requests=%d duration_us=%d errors=%d p50us=%d p99us=%d p999us=%d maxus=%d\\n",
                summary.requests, summary.duration,
                e.connect + e.read + e.write + e.status + e.timeout,
                latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
            end
            """;

    private WrkOutput() {
    }

    /** Parses the {@code TURNPIKE} line of wrk's output. */
    public static LoadResult parse(String output) {
        String line = null;
        for (String l : output.split("\n")) {
            if (l.startsWith("TURNPIKE ")) {
                line = l;
            }
        }
        if (line == null) {
            throw new IllegalArgumentException("no TURNPIKE line in wrk output: " + LoadResult.tail(output));
        }
        Map<String, Long> kv = new HashMap<>();
        for (String part : line.substring("TURNPIKE ".length()).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            kv.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
        }
        long errors = kv.get("errors");
        // wrk counts non-2xx answers both as requests and as status errors; report successes only.
        return new LoadResult(kv.get("requests") - Math.min(errors, kv.get("requests")), errors, 0,
                kv.get("duration_us") / 1e6, kv.get("p50us"), kv.get("p99us"), kv.get("p999us"), kv.get("maxus"));
    }
}
