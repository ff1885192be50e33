package dev.turnpike.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HarnessOptionsTest {
    @Test
    void readsOptionsAndScenariosInAnyOrder() {
        HarnessOptions o = HarnessOptions.parse(new String[] {"proxy", "--smoke", "--runs", "5", "--duration", "3",
                "--repo", "/r", "latency", "--note", "builds running", "--write-docs", "--warmup", "30"});
        assertThat(o.scenarios()).containsExactly("proxy", "latency");
        assertThat(o.smoke()).isTrue();
        assertThat(o.writeDocs()).isTrue();
        assertThat(o.runs()).isEqualTo(5);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.repoRoot()).isEqualTo(Path.of("/r"));
        assertThat(o.note()).isEqualTo("builds running");
        assertThat(o.command()).startsWith("load-tests/run.sh proxy --smoke");
    }

    @Test
    void defaultsToEveryScenarioInFullMode() {
        HarnessOptions o = HarnessOptions.parse(new String[0]);
        assertThat(o.scenarios()).isEmpty();
        assertThat(o.smoke()).isFalse();
        assertThat(o.runs()).isZero();
        assertThat(Harness.scenarios().keySet()).containsExactly("proxy", "latency", "routes", "reload", "memory", "auth",
                "balancers", "lookup", "endtoend", "slowloris", "fanout", "faults", "overload", "isolation", "jmh");
    }

    @Test
    void rejectsUnknownOptionsAndMissingValuesWithTheUsage() {
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--fast"}))
                .hasMessageContaining("unknown option: --fast").hasMessageContaining("usage:");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--runs"}))
                .hasMessageContaining("--runs: missing value");
    }
}
