package dev.turnpike.gateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code turnpike} run as a child JVM on the test classpath, for what only a separate process can show: a small
 * fixed heap, a kill, real start-up. Learns its ports from the start-up log line; keeps all output for assertions.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Pattern LISTENING =
            Pattern.compile("public http://[^:]+:(\\d+) .*admin http://[^:]+:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;
    private volatile int port;
    private volatile int adminPort;

    private GatewayProcess(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        this.process = pb.start();
        this.reader = new Thread(this::pump, "gateway-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code turnpike <args>} in a JVM with {@code jvmOptions}, and waits until it listens.
     *
     * @throws IllegalStateException with the child's output if it did not come up within 60 s
     */
    public static GatewayProcess start(List<String> jvmOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.turnpike.gateway.cli.TurnpikeCli");
        cmd.addAll(List.of(args));
        GatewayProcess p = new GatewayProcess(cmd);
        if (!p.ready.await(60, TimeUnit.SECONDS)) {
            p.close();
            throw new IllegalStateException("gateway process did not start:\n" + String.join("\n", p.output));
        }
        return p;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                output.add(line);
                Matcher m = LISTENING.matcher(line.replace("\\/", "/")); // JSON log lines escape slashes
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    adminPort = Integer.parseInt(m.group(2));
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            if (process.isAlive()) {
                output.add("[output reader failed: " + e + "]");
            }
        } finally {
            ready.countDown();
        }
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    /** Everything the process printed so far. */
    public String output() {
        return String.join("\n", output);
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process with SIGKILL (no shutdown hooks, nothing flushed) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5000);
    }

    /**
     * Stops the process with SIGTERM (graceful shutdown), SIGKILL after 15 s, and reads its output to the end.
     * Signals go through {@link ProcessHandle}: {@link Process#destroy()} would also close our end of its output.
     */
    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.toHandle().destroyForcibly();
            process.waitFor(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        }
        reader.join(5000);
    }
}
