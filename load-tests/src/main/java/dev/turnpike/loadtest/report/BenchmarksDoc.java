package dev.turnpike.loadtest.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes docs/BENCHMARKS.md: the machine, the exact command, every table of the run, and how it was measured. */
public final class BenchmarksDoc {
    private BenchmarksDoc() {
    }

    /** The whole document. */
    public static String render(Map<String, String> machine, String command, String note, List<Table> tables) {
        StringBuilder sb = new StringBuilder("""
                # Benchmarks

                Written by the harness (`load-tests/run.sh --write-docs`); rerun it to refresh this page rather than
                editing it. Numbers from a shared machine are only meaningful side by side: read the ratios to
                `direct` (client straight to the upstream stub, the physical limit) and `nginx` (1 worker) of the
                same run, not the absolute figures.

                ## Machine

                """);
        machine.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        if (note != null && !note.isBlank()) {
            sb.append("- other work on the machine: ").append(note).append('\n');
        }
        sb.append("\n## Command\n\n```\n").append(command).append("\n```\n\n## Results\n\n");
        tables.forEach(t -> sb.append(t.toMarkdown()).append('\n'));
        sb.append(METHOD);
        return sb.toString();
    }

    /** Writes {@link #render} to {@code file}, creating its directory. */
    public static void write(Path file, Map<String, String> machine, String command, String note, List<Table> tables)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(machine, command, note, tables), StandardCharsets.UTF_8);
    }

    private static final String METHOD = """
            ## How it is measured

            - **Processes.** The harness starts everything on loopback as its own process and stops it by pid (with its
              child processes, also on Ctrl-C): the upstream stub (a one-thread Netty server answering every request
              with the same 1,024-byte JSON body), nginx (config written into a temp dir: 1 worker, access log off,
              keep-alive to the upstream), the gateway (`java -jar gateway-core/target/turnpike.jar serve ...
              --set accessLog=false --set ioThreads=1`, default JVM flags) and the load generators.
            - **Pinning.** With taskset and two or more cores, load generators run on cpu 0 and all servers on the
              other cores (see *pinning* above). The stub shares the servers' cores with the proxy under test.
            - **JIT warm-up.** A freshly started gateway JVM is first loaded closed-model at full speed for 20 s (not
              recorded) before anything of it is measured: pinned to one core, the JIT compiles the request path on
              the event loop's core, and the first 15 s or so run at a fraction of the steady throughput (measured:
              450 req/s in the first 4 s, 8,700 req/s from 16 s on, 64 connections to a stub answering in 5 ms).
              Without it a closed-model run swings between
              runs and a fixed-rate run builds a backlog that shows as seconds of latency.
            - **Closed model (ceiling).** wrk (1 thread) when installed, else the harness's own Netty client; a fixed
              number of keep-alive connections sending back to back. Latency under saturation is queueing, not service
              time.
            - **Open model (latency).** The harness's own client sends on a fixed schedule at 50 % of the reference's
              ceiling (nginx, or direct without nginx) and measures each request from the time it was *scheduled*, so a
              stall is charged to every request it delayed (wrk2-style coordinated-omission correction, HdrHistogram,
              3 significant digits). Timer jitter of the client is in every target's figures alike; *added* columns
              subtract direct's.
            - **Repetitions.** Each figure is the median of the runs with (min–max); runs of different targets are
              interleaved so background noise spreads over all of them.
            - **auth.** Two gateway JVMs serve the same catalog: `local` (limits in memory) and `redis`
              (`throttle.redis.url` on a real redis-server started from the embedded-redis artifact's binary, no
              persistence, on the servers' cores; `fail-closed`, so a Redis failure is an error, not a free pass).
              The harness issues an API key into each gateway's store before it starts. Probes check first that the
              public API needs no key and has no RateLimit headers, and that the keyed API answers 401 without a key
              and 200 with the plan's RateLimit headers with it. The plan (100,000,000/s) is never reached, so the
              figures are the cost of checking every request.
            - **Memory.** Live heap is the total of `jcmd <pid> GC.class_histogram`, which runs a full GC and counts
              reachable objects; RSS comes from `/proc/<pid>/status`.

            ## JMH

            The harness runs them as scenario `jmh`. By hand, after `./mvnw -q -DskipTests package` at the root:

            ```
            cd load-tests
            java -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main dev.turnpike.loadtest.jmh -prof gc
            # one benchmark, one size:
            java -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main RouteMatchBenchmark -p routes=100000 -prof gc
            ```

            `gc.alloc.rate.norm` is the bytes allocated per operation (B/op).
            """;
}
