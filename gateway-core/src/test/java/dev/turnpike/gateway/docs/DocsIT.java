package dev.turnpike.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the shell blocks (```bash) of the user docs, in page order, against a real node started the way the page
 * says, with the built jar and {@code bin/turnpike}: a page whose commands stop working fails the build.
 *
 * <p>What the runner does that a reader does by hand (see {@code docs/prelude.sh}): it runs a page's long-running
 * node ({@code bin/turnpike demo|serve}) in the background and waits until it is ready, stopping the node before
 * it; it takes the admin token a node prints at its first start as {@code $TOKEN}; it skips {@code ./mvnw} (the
 * jar is built). Ports are the one thing it changes: the pages' 8080, 9080 and 9000 become free ports (in the
 * commands, in copies of {@code docs/examples}, and through {@code TURNPIKE_PUBLIC_PORT}/{@code
 * TURNPIKE_ADMIN_PORT}), so the run never collides with anything on the machine.
 */
class DocsIT {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPO = MODULE.getParent();
    private static final Pattern NODE = Pattern.compile("^(?:\\./mvnw [^&]*&& )?(bin/turnpike (?:demo|serve)\\b.*)$");
    private static final Pattern BACKGROUND_PORT = Pattern.compile("^bin/turnpike echo --port (\\d+)[^&]*&");

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"getting-started.md", "consumers.md", "admin-api.md"})
    void everyShellBlockRunsInOrder(String page) throws Exception {
        assumeTrue(onPath("curl") && onPath("bash"), "the docs use bash and curl; not installed here");
        Path jar = MODULE.resolve("target/turnpike.jar");
        assertThat(jar).as("built by the package phase").exists();
        Map<String, String> ports = Map.of("8080", String.valueOf(freePort()), "9080", String.valueOf(freePort()),
                "9000", String.valueOf(freePort()));

        Files.createSymbolicLink(work.resolve("bin"), REPO.resolve("bin"));
        copyExamples(ports);
        Path script = work.resolve("page.sh");
        Files.writeString(script, script(page, ports));

        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("page.log").toFile());
        bash.environment().put("TURNPIKE_JAR", jar.toString());
        bash.environment().put("TURNPIKE_PUBLIC_PORT", ports.get("8080"));
        bash.environment().put("TURNPIKE_ADMIN_PORT", ports.get("9080"));
        bash.environment().put("TURNPIKE_PUBLIC_HOST", "127.0.0.1");
        bash.environment().remove("TURNPIKE_ADMIN_TOKEN");
        bash.environment().remove("TURNPIKE_ADMIN_TOKENS");
        Process process = bash.start();
        boolean done = process.waitFor(8, TimeUnit.MINUTES);
        if (!done) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String log = Files.readString(work.resolve("page.log"));
        assertThat(done).as("%s ran within 8 minutes:%n%s", page, tail(log)).isTrue();
        assertThat(process.exitValue()).as("%s: every command ran (bash -e):%n%s", page, tail(log)).isZero();
    }

    /** The page's shell blocks, node starts rewritten, after the prelude. */
    static String script(String page, Map<String, String> ports) throws IOException {
        StringBuilder script = new StringBuilder(resource("/docs/prelude.sh"));
        List<String> lines = Files.readAllLines(REPO.resolve("docs").resolve(page), StandardCharsets.UTF_8);
        boolean inBlock = false;
        boolean heredoc = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!inBlock) {
                if (line.strip().equals("```bash")) {
                    inBlock = true;
                    script.append("echo '### ").append(page).append(':').append(i + 2).append("'\n");
                }
                continue;
            }
            if (line.strip().equals("```")) {
                inBlock = false;
                continue;
            }
            String command = withPorts(line, ports);
            Matcher node = NODE.matcher(command);
            Matcher background = BACKGROUND_PORT.matcher(command);
            if (!heredoc && node.matches()) {
                script.append("start_node ").append(node.group(1).replaceAll("\\s+#.*$", "")).append('\n');
            } else if (!heredoc && background.find()) {
                script.append(command).append("\nwait_for_port ").append(background.group(1)).append('\n');
            } else {
                script.append(command).append('\n');
            }
            if (command.contains("<<'")) {
                heredoc = true;
            } else if (heredoc && command.matches("^[A-Z]+$")) {
                heredoc = false;
            }
        }
        assertThat(inBlock).as("%s: every ```bash block is closed", page).isFalse();
        return script.toString();
    }

    private void copyExamples(Map<String, String> ports) throws IOException {
        Path from = REPO.resolve("docs/examples");
        Path to = work.resolve("docs/examples");
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.writeString(to.resolve(f.getFileName()), withPorts(Files.readString(f), ports));
            }
        }
    }

    private static String withPorts(String text, Map<String, String> ports) {
        String out = text;
        for (Map.Entry<String, String> p : ports.entrySet()) {
            out = out.replaceAll("(?<![0-9])" + p.getKey() + "(?![0-9])", p.getValue());
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (var in = DocsIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static String tail(String log) {
        List<String> lines = new ArrayList<>(log.lines().toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
