package dev.turnpike.loadtest.load;

import dev.turnpike.loadtest.process.Pinning;
import dev.turnpike.loadtest.process.ProcessSupervisor;
import dev.turnpike.loadtest.process.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs load against a URL from a separate, pinned process: wrk for the closed-model ceiling when it is installed
 * (it is the faster client), the harness's own {@link LoadClient} otherwise and always for the fixed-rate runs
 * (wrk 4 has no fixed-rate mode; wrk2 is not packaged by Debian).
 */
public final class LoadGenerator {
    /** JVM flag for the harness's child JVMs: their own quiet logging config, whatever else is on the class path. */
    public static final String LOGBACK = "-Dlogback.configurationFile=loadtest-logback.xml";

    private final Tools tools;
    private final Pinning pinning;
    private final String classpath;
    private final Path workDir;
    private final ProcessSupervisor supervisor;
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * @param classpath class path of this module, for the {@link LoadClient} JVM
     * @param workDir   where scripts and logs go
     */
    public LoadGenerator(Tools tools, Pinning pinning, String classpath, Path workDir, ProcessSupervisor supervisor) {
        this.tools = tools;
        this.pinning = pinning;
        this.classpath = classpath;
        this.workDir = workDir;
        this.supervisor = supervisor;
    }

    /** Which client measures the ceiling. */
    public String closedModelClient() {
        return tools.wrk().isPresent() ? "wrk (" + tools.wrkVersion() + "), 1 thread" : "harness LoadClient (wrk not installed)";
    }

    /** Closed-model run: {@code connections} connections sending back to back. */
    public LoadResult closed(String url, int connections, Duration warmup, Duration duration)
            throws IOException, InterruptedException {
        return closed(url, List.of(), connections, warmup, duration);
    }

    /** Closed-model run sending {@code headers} ({@code "Name: value"}) with every request. */
    public LoadResult closed(String url, List<String> headers, int connections, Duration warmup, Duration duration)
            throws IOException, InterruptedException {
        if (tools.wrk().isEmpty()) {
            return ownClient(url, headers, connections, 0, warmup, duration);
        }
        Path script = workDir.resolve("report.lua");
        if (!Files.exists(script)) {
            Files.writeString(script, WrkOutput.SCRIPT);
        }
        if (!warmup.isZero()) {
            runProcess(wrk(url, headers, connections, warmup, script), "wrk-warmup");
        }
        return WrkOutput.parse(runProcess(wrk(url, headers, connections, duration, script), "wrk"));
    }

    /** Open-model run at {@code rate} requests per second, latency corrected for coordinated omission. */
    public LoadResult open(String url, int connections, double rate, Duration warmup, Duration duration)
            throws IOException, InterruptedException {
        return open(url, List.of(), connections, rate, warmup, duration);
    }

    /** Open-model run sending {@code headers} ({@code "Name: value"}) with every request. */
    public LoadResult open(String url, List<String> headers, int connections, double rate, Duration warmup,
                           Duration duration) throws IOException, InterruptedException {
        return ownClient(url, headers, connections, rate, warmup, duration);
    }

    private List<String> wrk(String url, List<String> headers, int connections, Duration d, Path script) {
        long seconds = Math.max(1, Math.round(d.toMillis() / 1000.0));
        List<String> cmd = new ArrayList<>(List.of(tools.wrk().orElseThrow().toString(), "-t1", "-c" + connections,
                "-d" + seconds + "s", "--timeout", "5s", "-s", script.toString()));
        headers.forEach(h -> cmd.addAll(List.of("-H", h)));
        cmd.add(url);
        return pinning.load(cmd);
    }

    private LoadResult ownClient(String url, List<String> headers, int connections, double rate, Duration warmup,
                                 Duration duration) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tools.java().toString(), "-Xmx256m", "-XX:+UseParallelGC", LOGBACK,
                "-cp", classpath, LoadClient.class.getName(), "--url", url, "--connections", String.valueOf(connections),
                "--warmup-ms", String.valueOf(warmup.toMillis()), "--duration-ms", String.valueOf(duration.toMillis()),
                "--rate", String.valueOf(rate)));
        headers.forEach(h -> cmd.addAll(List.of("--header", h)));
        return LoadResult.parse(runProcess(pinning.load(cmd), "client"));
    }

    private String runProcess(List<String> command, String name) throws IOException, InterruptedException {
        Path log = workDir.resolve(name + "-" + runs.incrementAndGet() + ".log");
        Process p = supervisor.start(command, log);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                throw new IOException(name + " did not finish in 10 minutes: " + command);
            }
        } finally {
            supervisor.stop(p);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(name + " exited with " + p.exitValue() + ": " + command + "\n" + LoadResult.tail(out));
        }
        return out;
    }
}
