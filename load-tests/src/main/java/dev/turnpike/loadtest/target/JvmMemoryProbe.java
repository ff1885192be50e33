package dev.turnpike.loadtest.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of another JVM, from outside: live heap from {@code jcmd <pid> GC.class_histogram} (which runs a full GC
 * first, so only reachable objects count) and RSS from {@code /proc/<pid>/status}.
 */
public final class JvmMemoryProbe {
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)", Pattern.MULTILINE);
    private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);

    private final Path jcmd;
    private final Path workDir;

    public JvmMemoryProbe(Path jcmd, Path workDir) {
        this.jcmd = jcmd;
        this.workDir = workDir;
    }

    /** Bytes of reachable heap objects in process {@code pid}, after a full GC. */
    public long liveHeapBytes(long pid) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "histogram-", ".txt");
        Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "GC.class_histogram"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("jcmd GC.class_histogram did not finish within 120 s");
        }
        return totalBytes(Files.readString(out, StandardCharsets.UTF_8));
    }

    /** The byte total of a class histogram. */
    static long totalBytes(String histogram) {
        Matcher m = TOTAL.matcher(histogram);
        if (!m.find()) {
            throw new IllegalStateException("no Total line in the class histogram:\n"
                    + histogram.substring(0, Math.min(histogram.length(), 2000)));
        }
        return Long.parseLong(m.group(1));
    }

    /** Resident set size of {@code pid} in bytes (Linux). */
    public static long rssBytes(long pid) throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
        Matcher m = RSS.matcher(status);
        if (!m.find()) {
            throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
        }
        return Long.parseLong(m.group(1)) * 1024;
    }
}
