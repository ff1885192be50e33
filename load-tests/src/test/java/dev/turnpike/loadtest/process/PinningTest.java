package dev.turnpike.loadtest.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PinningTest {
    private final Tools withTaskset = new Tools(Optional.empty(), Optional.empty(),
            Optional.of(Path.of("/usr/bin/taskset")), Path.of("java"), Optional.empty());

    @Test
    void putsTheLoadGeneratorOnTheFirstCoreAndServersOnTheRest() {
        Pinning p = Pinning.choose(withTaskset, 4);
        assertThat(p.load(List.of("wrk"))).containsExactly("/usr/bin/taskset", "-c", "0", "wrk");
        assertThat(p.server(List.of("nginx"))).containsExactly("/usr/bin/taskset", "-c", "1-3", "nginx");
        assertThat(Pinning.choose(withTaskset, 2).describe()).contains("cpu 0").contains("cpu 1");
    }

    @Test
    void pinsNothingWithOneCoreOrWithoutTaskset() {
        assertThat(Pinning.choose(withTaskset, 1).server(List.of("nginx"))).containsExactly("nginx");
        Tools none = new Tools(Optional.empty(), Optional.empty(), Optional.empty(), Path.of("java"), Optional.empty());
        Pinning p = Pinning.choose(none, 8);
        assertThat(p.load(List.of("wrk"))).containsExactly("wrk");
        assertThat(p.describe()).startsWith("none");
    }
}
