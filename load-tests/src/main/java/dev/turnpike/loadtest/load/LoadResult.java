package dev.turnpike.loadtest.load;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one load run measured. Latencies in microseconds.
 *
 * @param requests   completed requests counted in the measured window
 * @param errors     failed requests (connect, read, timeout, non-2xx)
 * @param incomplete requests the schedule wanted but that had not completed when the run stopped (open model)
 * @param seconds    length of the measured window
 * @param p50us      median latency
 * @param p99us      99th percentile
 * @param p999us     99.9th percentile
 * @param maxUs      largest latency
 */
public record LoadResult(long requests, long errors, long incomplete, double seconds,
                         long p50us, long p99us, long p999us, long maxUs) {
    private static final String PREFIX = "RESULT ";

    /** Requests per second. */
    public double rps() {
        return seconds > 0 ? requests / seconds : 0;
    }

    /** The one line the load client prints and {@link #parse} reads back. */
    public String format() {
        return String.format(Locale.ROOT,
                PREFIX + "requests=%d errors=%d incomplete=%d seconds=%.3f p50us=%d p99us=%d p999us=%d maxus=%d",
                requests, errors, incomplete, seconds, p50us, p99us, p999us, maxUs);
    }

    /** Reads the last {@code RESULT} line of a load client's output. */
    public static LoadResult parse(String output) {
        String line = null;
        for (String l : output.split("\n")) {
            if (l.startsWith(PREFIX)) {
                line = l;
            }
        }
        if (line == null) {
            throw new IllegalArgumentException("no RESULT line in load client output: " + tail(output));
        }
        Map<String, String> kv = new HashMap<>();
        for (String part : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new LoadResult(Long.parseLong(kv.get("requests")), Long.parseLong(kv.get("errors")),
                Long.parseLong(kv.getOrDefault("incomplete", "0")), Double.parseDouble(kv.get("seconds")),
                Long.parseLong(kv.get("p50us")), Long.parseLong(kv.get("p99us")),
                Long.parseLong(kv.get("p999us")), Long.parseLong(kv.get("maxus")));
    }

    static String tail(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }
}
