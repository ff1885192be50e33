package dev.turnpike.loadtest.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts child processes and guarantees they are stopped: on {@link #close()}, and from a JVM shutdown hook when the
 * harness is interrupted (Ctrl-C) or dies. Every process is stopped with its whole tree (nginx forks workers, a
 * {@code taskset} or shell wrapper forks the real program), by pid, never by name.
 *
 * <p>Thread-safe. {@code try (var supervisor = ProcessSupervisor.create()) { supervisor.start(...); }}
 */
public final class ProcessSupervisor implements AutoCloseable {
    private static final long GRACE_MILLIS = 3_000;

    private final List<Process> processes = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "load-tests-cleanup");
    private boolean closed;

    private ProcessSupervisor() {
    }

    /** A supervisor whose processes are also stopped by a shutdown hook. */
    public static ProcessSupervisor create() {
        ProcessSupervisor s = new ProcessSupervisor();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code log}.
     *
     * @throws IOException if it cannot be started
     */
    public Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return register(pb);
    }

    /** Starts {@code builder} as configured by the caller (for example with stdout piped). */
    public synchronized Process register(ProcessBuilder builder) throws IOException {
        if (closed) {
            throw new IllegalStateException("supervisor is closed");
        }
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    /** Stops {@code process} and its descendants now, waiting up to a few seconds before killing them. */
    public void stop(Process process) {
        stopTree(process.toHandle());
        synchronized (this) {
            processes.remove(process);
        }
    }

    /** How many started processes are still alive. */
    public synchronized int aliveCount() {
        return (int) processes.stream().filter(Process::isAlive).count();
    }

    /** Stops every process started so far; new ones may still be started (a scenario's end). */
    public void stopRunning() {
        List<Process> toStop;
        synchronized (this) {
            toStop = new ArrayList<>(processes);
            processes.clear();
        }
        toStop.forEach(p -> stopTree(p.toHandle()));
    }

    /** Stops every process still running and removes the shutdown hook. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Called from inside shutdown: the hook is running or has run already.
        }
    }

    private void stopAll() {
        List<Process> toStop;
        synchronized (this) {
            closed = true;
            toStop = new ArrayList<>(processes);
            processes.clear();
        }
        for (Process p : toStop) {
            stopTree(p.toHandle());
        }
    }

    /** Stops a process tree: children first (so none is re-parented to init and lost), then the root. */
    static void stopTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception notYet) {
                // Killed below.
            }
            if (h.isAlive()) {
                h.destroyForcibly();
                try {
                    h.onExit().get(GRACE_MILLIS, TimeUnit.MILLISECONDS); // reaped, so isAlive() is false on return
                } catch (Exception stillDying) {
                    // SIGKILL cannot be ignored; the kernel finishes it
                }
            }
        }
    }
}
