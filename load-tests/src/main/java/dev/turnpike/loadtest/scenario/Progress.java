package dev.turnpike.loadtest.scenario;

import java.io.PrintStream;
import java.util.Locale;

/** The progress line: elapsed time, scenario and step, one line per step on stderr (log-friendly). */
public final class Progress {
    private final PrintStream out;
    private final long start = System.nanoTime();
    private String scenario = "-";

    public Progress(PrintStream out) {
        this.out = out;
    }

    /** Marks the start of a scenario. */
    public void scenario(String name) {
        scenario = name;
        step("start");
    }

    /** Prints one progress line. */
    public void step(String what) {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        out.printf(Locale.ROOT, "[%02d:%02d] %-8s %s%n", s / 60, s % 60, scenario, what);
        out.flush();
    }
}
