package dev.turnpike.loadtest.target;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap bytes a running gateway allocates, from its own Prometheus endpoint: Micrometer's
 * {@code jvm_gc_memory_allocated_bytes_total} counts the young generation's growth between collections, so it is
 * exact right after a collection. {@link #allocatedBytes} forces one ({@code jcmd <pid> GC.run}) and then reads it;
 * two readings around a load run, divided by the requests served, are the bytes allocated per request.
 */
public final class AllocationProbe {
    private static final Pattern ALLOCATED = Pattern.compile("^jvm_gc_memory_allocated_bytes_total\\s+(\\S+)$",
            Pattern.MULTILINE);

    private final Path jcmd;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A probe using {@code jcmd} of the gateway's JDK. */
    public AllocationProbe(Path jcmd) {
        this.jcmd = jcmd;
    }

    /** Bytes {@code gw} has allocated on its heap so far, read right after a forced collection. */
    public long allocatedBytes(GatewayServer gw) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(gw.process().pid()), "GC.run"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + gw.process().pid() + " GC.run failed or did not finish within 60 s");
        }
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.adminPort()
                + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return parse(metrics);
    }

    /** The allocated-bytes counter of a Prometheus scrape. */
    static long parse(String metrics) {
        Matcher m = ALLOCATED.matcher(metrics);
        if (!m.find()) {
            throw new IllegalStateException("no jvm_gc_memory_allocated_bytes_total in the gateway's /metrics");
        }
        return (long) Double.parseDouble(m.group(1));
    }
}
