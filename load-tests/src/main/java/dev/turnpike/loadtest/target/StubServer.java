package dev.turnpike.loadtest.target;

import dev.turnpike.loadtest.process.Pinning;
import dev.turnpike.loadtest.process.ProcessSupervisor;
import dev.turnpike.loadtest.process.Tools;
import dev.turnpike.loadtest.stub.UpstreamStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The upstream stub ({@link UpstreamStub}) in its own JVM on the servers' cores; it binds a free port and prints
 * {@code LISTENING <port>}, which is how the harness learns it.
 */
public final class StubServer {
    private static final Pattern LISTENING = Pattern.compile("^LISTENING (\\d+)");

    private final Process process;
    private final int port;

    private StubServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the stub answering after {@code delayMs} (0 = at once) and waits until it listens. */
    public static StubServer start(ProcessSupervisor supervisor, Tools tools, Pinning pinning, String classpath,
                                   Path workDir, long delayMs) throws IOException, InterruptedException {
        Path log = Files.createTempFile(workDir, "stub-", ".log");
        List<String> command = pinning.server(List.of(tools.java().toString(), "-Xmx128m", "-XX:+UseParallelGC",
                "-cp", classpath, UpstreamStub.class.getName(), "--port", "0", "--delay-ms", Long.toString(delayMs)));
        Process process = supervisor.start(command, log);
        int port = Integer.parseInt(Readiness.awaitLogLine(log, LISTENING, process, Duration.ofSeconds(60)));
        return new StubServer(process, port);
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:port}. */
    public String baseUrl() {
        return "http://" + address();
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }
}
