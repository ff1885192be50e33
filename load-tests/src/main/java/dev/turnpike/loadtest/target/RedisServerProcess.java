package dev.turnpike.loadtest.target;

import dev.turnpike.loadtest.process.FreePort;
import dev.turnpike.loadtest.process.Pinning;
import dev.turnpike.loadtest.process.ProcessSupervisor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server for cluster-limit scenarios: the binary the embedded-redis artifact ships (the one the
 * throttling and gateway tests run), copied into the work directory and started by the supervisor like every other
 * process, on the servers' cores, loopback only, no persistence. Ready when it logs that it accepts connections.
 */
public final class RedisServerProcess {
    private static final Pattern READY = Pattern.compile("(Ready to accept connections)");

    private final Process process;
    private final int port;
    private final Path binary;

    private RedisServerProcess(Process process, int port, Path binary) {
        this.process = process;
        this.port = port;
        this.binary = binary;
    }

    /** Extracts the binary for this OS and architecture, starts it on a free port and waits until it is ready. */
    public static RedisServerProcess start(ProcessSupervisor supervisor, Pinning pinning, Path workDir)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(workDir.resolve("redis"));
        File dirFile = dir.toFile();
        File exe = ExecutableProvider.newJarResourceProvider(() -> dirFile, ExecutableProvider.newProvidedVersionsMap())
                .get();
        if (!exe.canExecute() && !exe.setExecutable(true)) {
            throw new IOException("cannot make " + exe + " executable");
        }
        int port = FreePort.find();
        Path log = Files.createTempFile(workDir, "redis-", ".log");
        // No snapshots, no AOF: the benchmark must not measure disk writes; protected mode is moot on loopback.
        List<String> command = pinning.server(List.of(exe.getAbsolutePath(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        Process process = supervisor.start(command, log);
        Readiness.awaitLogLine(log, READY, process, Duration.ofSeconds(30));
        return new RedisServerProcess(process, port, exe.toPath());
    }

    /** {@code redis://127.0.0.1:port}, the gateway's {@code throttle.redis.url}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The redis-server binary that runs, for the report. */
    public Path binary() {
        return binary;
    }

    public Process process() {
        return process;
    }
}
