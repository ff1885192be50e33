package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.load.LoadGenerator;
import dev.turnpike.loadtest.process.Pinning;
import dev.turnpike.loadtest.process.ProcessSupervisor;
import dev.turnpike.loadtest.process.Tools;
import dev.turnpike.loadtest.report.Spread;
import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.StubServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What scenarios share during one harness run: settings, tools, pinning, the process supervisor, the load
 * generator, and the ceilings measured so far (the latency scenario loads at 50 % of the proxy scenario's nginx
 * ceiling when both run). Used by one thread.
 */
public final class ScenarioContext {
    private final RunSettings settings;
    private final Tools tools;
    private final Pinning pinning;
    private final ProcessSupervisor supervisor;
    private final String classpath;
    private final Path workDir;
    private final Path repoRoot;
    private final Progress progress;
    private final LoadGenerator load;
    private final Map<String, Spread> ceilings = new HashMap<>();
    private final boolean withGateway;

    /** How long {@link #warmUp} loads a fresh gateway outside smoke mode. */
    public static final Duration JIT_WARMUP = Duration.ofSeconds(20);

    public ScenarioContext(RunSettings settings, Tools tools, Pinning pinning, ProcessSupervisor supervisor,
                           String classpath, Path workDir, Path repoRoot, Progress progress, boolean withGateway) {
        this.withGateway = withGateway;
        this.settings = settings;
        this.tools = tools;
        this.pinning = pinning;
        this.supervisor = supervisor;
        this.classpath = classpath;
        this.workDir = workDir;
        this.repoRoot = repoRoot;
        this.progress = progress;
        this.load = new LoadGenerator(tools, pinning, classpath, workDir, supervisor);
    }

    /** False for a references-only run ({@code --references-only}): direct and nginx, no gateway. */
    public boolean withGateway() {
        return withGateway;
    }

    public RunSettings settings() {
        return settings;
    }

    public Tools tools() {
        return tools;
    }

    public Pinning pinning() {
        return pinning;
    }

    public ProcessSupervisor supervisor() {
        return supervisor;
    }

    public String classpath() {
        return classpath;
    }

    public Path workDir() {
        return workDir;
    }

    public Progress progress() {
        return progress;
    }

    public LoadGenerator load() {
        return load;
    }

    /** The closed-model ceiling measured for {@code target} earlier in this run, if any. */
    public Optional<Spread> ceiling(String target) {
        return Optional.ofNullable(ceilings.get(target));
    }

    /** Remembers a target's closed-model ceiling for later scenarios. */
    public void ceiling(String target, Spread rps) {
        ceilings.put(target, rps);
    }

    /**
     * Full-speed closed-model load on {@code url} for {@link #JIT_WARMUP} (2 s in smoke mode), not recorded: call it
     * on a freshly started gateway before an open-model (fixed-rate) run. A new gateway JVM pinned to one core needs
     * about 15 s of full load before its throughput is steady, because the JIT compiles the request path on the same
     * core; a fixed-rate run started on a cold JVM builds a backlog in its first seconds that it works off only
     * slowly, and then reports queueing (p50s of seconds at half the ceiling), not the gateway.
     */
    public void warmUp(String url) throws IOException, InterruptedException {
        warmUp(url, List.of());
    }

    /** {@link #warmUp(String)} sending {@code headers} ({@code "Name: value"}) with every request. */
    public void warmUp(String url, List<String> headers) throws IOException, InterruptedException {
        Duration d = settings.smoke() ? Duration.ofSeconds(2) : JIT_WARMUP;
        progress.step("warming the JIT up: " + d.toSeconds() + " s of closed-model load on " + url);
        load.closed(url, headers, settings.connections(), Duration.ZERO, d);
    }

    /** The gateway fat jar; throws with build instructions when it is missing. */
    public Path gatewayJar() {
        return GatewayServer.jar(repoRoot);
    }

    /** Starts an upstream stub that answers at once. */
    public StubServer startStub() throws IOException, InterruptedException {
        return StubServer.start(supervisor, tools, pinning, classpath, workDir, 0);
    }

    /** Starts the gateway with {@code catalog}; readiness may take long for big catalogs. */
    public GatewayServer startGateway(List<Path> catalog, List<String> jvmFlags, Duration readyTimeout)
            throws IOException, InterruptedException {
        return GatewayServer.start(supervisor, tools, pinning, workDir, gatewayJar(), catalog, jvmFlags, readyTimeout);
    }

    /** Starts the gateway with {@code catalog} and extra settings ({@code key=value}, passed as {@code --set}). */
    public GatewayServer startGateway(List<Path> catalog, List<String> jvmFlags, List<String> settings,
                                      Duration readyTimeout) throws IOException, InterruptedException {
        return GatewayServer.start(supervisor, tools, pinning, workDir, gatewayJar(), catalog, jvmFlags, settings,
                readyTimeout);
    }
}
