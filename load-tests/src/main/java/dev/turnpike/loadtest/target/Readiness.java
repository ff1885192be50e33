package dev.turnpike.loadtest.target;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waiting for processes the harness started: a line in their log, or an HTTP 200. */
public final class Readiness {
    private Readiness() {
    }

    /** The status of a GET to {@code url}, or -1 when nothing answered (2 s timeouts). */
    public static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            try (InputStream body = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return code;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Waits until {@code url} answers 200.
     *
     * @throws IllegalStateException with the log's tail when the process died or the time ran out
     */
    public static void awaitHttp200(String url, Process process, Path log, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(url) == 200) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited (" + process.exitValue() + ") before " + url
                        + " answered; log " + log + ":\n" + tail(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + timeout + "; log " + log + ":\n"
                + tail(log));
    }

    /**
     * Waits for a line of {@code log} matching {@code pattern} and returns its first group.
     *
     * @throws IllegalStateException with the log's tail when the process died or the time ran out
     */
    public static String awaitLogLine(Path log, Pattern pattern, Process process, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines(log)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited (" + process.exitValue() + ") before printing "
                        + pattern + "; log " + log + ":\n" + tail(log));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no " + pattern + " within " + timeout + "; log " + log + ":\n" + tail(log));
    }

    /** The last 40 lines of {@code log}, for error messages. */
    public static String tail(Path log) {
        List<String> lines = lines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of("[cannot read " + log + ": " + e + "]");
        }
    }
}
