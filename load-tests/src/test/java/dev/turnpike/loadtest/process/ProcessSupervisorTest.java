package dev.turnpike.loadtest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {
    /** Safety net: whatever a failing test left behind is killed here. */
    private final List<ProcessHandle> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void closeStopsEveryProcessTogetherWithItsChildren() throws Exception {
        ProcessSupervisor s = ProcessSupervisor.create();
        List<ProcessHandle> tree;
        try (s) {
            Process shell = s.start(List.of("sh", "-c", "sleep 300 & sleep 300 & wait"), dir.resolve("a.log"));
            started.add(shell.toHandle());
            await().atMost(Duration.ofSeconds(10)).until(() -> shell.descendants().count() == 2);
            tree = new ArrayList<>(shell.descendants().toList());
            tree.add(shell.toHandle());
            started.addAll(tree);
            assertThat(s.aliveCount()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
        assertThatThrownBy(() -> s.start(List.of("true"), dir.resolve("b.log"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stopRunningEndsAScenarioButKeepsTheSupervisorUsable() throws Exception {
        try (ProcessSupervisor s = ProcessSupervisor.create()) {
            Process first = s.start(List.of("sleep", "300"), dir.resolve("a.log"));
            started.add(first.toHandle());
            s.stopRunning();
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.isAlive());
            Process second = s.start(List.of("sleep", "300"), dir.resolve("b.log"));
            started.add(second.toHandle());
            assertThat(s.aliveCount()).isEqualTo(1);
        }
    }

    @Test
    void killsAProcessThatIgnoresTheGentleSignal() throws Exception {
        try (ProcessSupervisor s = ProcessSupervisor.create()) {
            Process stubborn = s.start(List.of("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done"),
                    dir.resolve("a.log"));
            started.add(stubborn.toHandle());
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve("a.log")).contains("ready"));
            long t0 = System.nanoTime();
            s.stop(stubborn);
            assertThat(stubborn.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }

    /** Ctrl-C (SIGINT) and SIGTERM both run shutdown hooks; SIGTERM is what a test can send portably. */
    @Test
    void shutdownHookStopsChildrenWhenTheHarnessJvmIsInterrupted() throws Exception {
        Path out = dir.resolve("probe.log");
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Process probe = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SupervisedSleeper.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        started.add(probe.toHandle());
        await().atMost(Duration.ofSeconds(30)).until(() -> sleeperPid(out).isPresent());
        ProcessHandle sleeper = ProcessHandle.of(sleeperPid(out).orElseThrow()).orElseThrow();
        started.add(sleeper);
        assertThat(sleeper.isAlive()).isTrue();

        probe.destroy();

        await().atMost(Duration.ofSeconds(20)).until(() -> !probe.isAlive());
        await().atMost(Duration.ofSeconds(10)).until(() -> !sleeper.isAlive());
    }

    private static Optional<Long> sleeperPid(Path out) throws java.io.IOException {
        if (!Files.exists(out)) {
            return Optional.empty();
        }
        return Files.readAllLines(out).stream().filter(l -> l.startsWith("SLEEPER "))
                .map(l -> Long.parseLong(l.substring(8).trim())).findFirst();
    }
}
