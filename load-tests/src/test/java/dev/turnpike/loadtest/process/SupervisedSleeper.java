package dev.turnpike.loadtest.process;

import java.nio.file.Path;
import java.util.List;

/** Test helper JVM: supervises a {@code sleep}, prints its pid, and waits to be signalled. */
public final class SupervisedSleeper {
    private SupervisedSleeper() {
    }

    public static void main(String[] args) throws Exception {
        ProcessSupervisor s = ProcessSupervisor.create();
        Process p = s.start(List.of("sleep", "300"), Path.of(args[0], "sleeper.log"));
        System.out.println("SLEEPER " + p.pid());
        System.out.flush();
        Thread.sleep(300_000);
    }
}
