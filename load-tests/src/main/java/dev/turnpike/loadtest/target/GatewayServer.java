package dev.turnpike.loadtest.target;

import dev.turnpike.loadtest.process.FreePort;
import dev.turnpike.loadtest.process.Pinning;
import dev.turnpike.loadtest.process.ProcessSupervisor;
import dev.turnpike.loadtest.process.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway under test: {@code java -jar gateway-core/target/turnpike.jar serve} in its own JVM on the servers'
 * cores, one event loop ({@code ioThreads=1}, matching nginx's one worker), access log off, a fresh data directory,
 * the given catalog files. Ready when {@code /health/ready} answers 200.
 */
public final class GatewayServer {
    private final Process process;
    private final int port;
    private final int adminPort;

    private GatewayServer(Process process, int port, int adminPort) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
    }

    /** The fat jar built by {@code ./mvnw -DskipTests package}. */
    public static Path jar(Path repoRoot) {
        return repoRoot.resolve("gateway-core/target/turnpike.jar");
    }

    /**
     * Starts the gateway and waits until it is ready.
     *
     * @param jvmFlags     extra JVM options (e.g. a heap size)
     * @param readyTimeout large catalogs take a while to load
     */
    public static GatewayServer start(ProcessSupervisor supervisor, Tools tools, Pinning pinning, Path workDir,
                                      Path jar, List<Path> catalog, List<String> jvmFlags, Duration readyTimeout)
            throws IOException, InterruptedException {
        return start(supervisor, tools, pinning, workDir, jar, catalog, jvmFlags, List.of(), readyTimeout);
    }

    /**
     * Starts the gateway with extra settings ({@code key=value}, each passed as {@code --set}) and waits until it
     * is ready.
     */
    public static GatewayServer start(ProcessSupervisor supervisor, Tools tools, Pinning pinning, Path workDir,
                                      Path jar, List<Path> catalog, List<String> jvmFlags, List<String> settings,
                                      Duration readyTimeout) throws IOException, InterruptedException {
        return start(supervisor, tools, pinning, workDir, jar, Files.createTempDirectory(workDir, "gateway-data-"),
                catalog, jvmFlags, settings, readyTimeout);
    }

    /**
     * Starts the gateway on a prepared data directory {@code data} (for example one whose store already holds API
     * keys) with extra settings ({@code key=value}, each passed as {@code --set}) and waits until it is ready.
     */
    public static GatewayServer start(ProcessSupervisor supervisor, Tools tools, Pinning pinning, Path workDir,
                                      Path jar, Path data, List<Path> catalog, List<String> jvmFlags,
                                      List<String> settings, Duration readyTimeout)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("gateway jar missing: " + jar + " (build it: ./mvnw -q -DskipTests package)");
        }
        int port = FreePort.find();
        int adminPort = FreePort.find();
        List<String> command = new ArrayList<>();
        command.add(tools.java().toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", Integer.toString(port),
                "--admin-port", Integer.toString(adminPort), "--data-dir", data.toString()));
        for (Path file : catalog) {
            command.add("--catalog");
            command.add(file.toString());
        }
        command.addAll(List.of("--set", "accessLog=false", "--set", "ioThreads=1", "--set", "public.host=127.0.0.1"));
        for (String setting : settings) {
            command.add("--set");
            command.add(setting);
        }
        Path log = Files.createTempFile(workDir, "gateway-", ".log");
        Process process = supervisor.start(pinning.server(command), log);
        Readiness.awaitHttp200("http://127.0.0.1:" + adminPort + "/health/ready", process, log, readyTimeout);
        return new GatewayServer(process, port, adminPort);
    }

    /** {@code http://127.0.0.1:port} of the public listener. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    public Process process() {
        return process;
    }
}
