package dev.turnpike.loadtest.scenario;

import java.time.Duration;

/**
 * How long and how often to measure.
 *
 * @param smoke       smoke mode: seconds per scenario, one run, small sizes; proves the harness works, not speed
 * @param runs        repetitions of each figure (median, min, max reported)
 * @param warmup      warm-up before each measured run, not recorded
 * @param duration    measured time of each run
 * @param connections concurrent keep-alive connections of closed-model runs
 */
public record RunSettings(boolean smoke, int runs, Duration warmup, Duration duration, int connections) {
    public RunSettings {
        if (runs < 1) {
            throw new IllegalArgumentException("runs: " + runs + " (expected: >= 1)");
        }
    }

    /** Full mode: 3 runs of 10 s after 5 s of warm-up, 50 connections. */
    public static RunSettings fullMode() {
        return new RunSettings(false, 3, Duration.ofSeconds(5), Duration.ofSeconds(10), 50);
    }

    /** Smoke mode: 1 run of 1 s after 1 s of warm-up, 16 connections. */
    public static RunSettings smokeMode() {
        return new RunSettings(true, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 16);
    }

    /** A copy with another run count. */
    public RunSettings withRuns(int n) {
        return new RunSettings(smoke, n, warmup, duration, connections);
    }

    /** A copy with another warm-up before each run. */
    public RunSettings withWarmup(Duration w) {
        return new RunSettings(smoke, runs, w, duration, connections);
    }

    /** A copy with another measured duration. */
    public RunSettings withDuration(Duration d) {
        return new RunSettings(smoke, runs, warmup, d, connections);
    }

    /** Connections of open-model runs: enough that a 50 % load never waits for one while the server keeps up. */
    public int openConnections() {
        return smoke ? 16 : 64;
    }
}
