package dev.turnpike.loadtest.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The external programs the harness can use, found once on the {@code PATH}: nginx and wrk are optional references
 * and load generator, taskset pins processes to cores, jcmd (next to the running {@code java}) reads heap figures.
 *
 * @param nginx   path of nginx, if installed
 * @param wrk     path of wrk, if installed
 * @param taskset path of taskset, if installed
 * @param java    the java launcher running the harness, used for child JVMs
 * @param jcmd    jcmd of the same JDK, if present
 */
public record Tools(Optional<Path> nginx, Optional<Path> wrk, Optional<Path> taskset, Path java, Optional<Path> jcmd) {

    /** Looks the tools up on {@code PATH} (and {@code /usr/sbin}, where Debian puts nginx). */
    public static Tools detect() {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        return new Tools(find("nginx"), find("wrk"), find("taskset"), java,
                Files.isExecutable(jcmd) ? Optional.of(jcmd) : find("jcmd"));
    }

    /** The same tools without nginx and wrk: what a machine without them would see. */
    public Tools withoutOptionalReferences() {
        return new Tools(Optional.empty(), Optional.empty(), taskset, java, jcmd);
    }

    /** First line of {@code nginx -v}, or "not installed". */
    public String nginxVersion() {
        return nginx.map(n -> firstLine(List.of(n.toString(), "-v"))).orElse("not installed");
    }

    /** First line of {@code wrk --version} (which exits 1 by design), or "not installed". */
    public String wrkVersion() {
        return wrk.map(w -> firstLine(List.of(w.toString(), "--version"))).orElse("not installed");
    }

    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static String firstLine(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(5, TimeUnit.SECONDS);
            String text = new String(out, StandardCharsets.UTF_8).strip();
            int nl = text.indexOf('\n');
            return nl < 0 ? text : text.substring(0, nl);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }
}
