package dev.turnpike.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code replace} that returned survives a SIGKILL of the process: the H2 commit reached the file before
 * {@code replace} returned (WRITE_DELAY=0). The writer is a child JVM, killed right after it reports the commit.
 */
class EmbeddedStoreDurabilityTest {
    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void acknowledgedReplaceSurvivesKillOfTheProcessThatHeldTheDirectory() throws Exception {
        Path dir = dataDir.resolve("data");
        try (JdbcCatalogStore first = JdbcCatalogStore.embedded(dir)) {
            first.replace(CatalogFixtures.full(1));
        }

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreWriterProcess.class.getName(), dir.toString(), "2")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String replaced = CompletableFuture.supplyAsync(() -> out.lines()
                    .filter(l -> l.startsWith("REPLACED ")).findFirst().orElse("exited: no REPLACED line"))
                    .get(60, TimeUnit.SECONDS);
            assertThat(replaced).isEqualTo("REPLACED 2");
            // While the child holds the directory, a store in this process must not open it.
            assertThatThrownBy(() -> JdbcCatalogStore.embedded(dir))
                    .isInstanceOf(CatalogStoreException.class)
                    .isInstanceOf(StoreInUseException.class)
                    .hasMessageContaining("is already in use by another turnpike node (process " + child.pid() + ")");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);

        try (JdbcCatalogStore reopened = JdbcCatalogStore.embedded(dir)) {
            assertThat(reopened.load()).isEqualTo(new VersionedCatalog(2, CatalogFixtures.full(2)));
            assertThat(reopened.replace(CatalogFixtures.full(3)).version()).isEqualTo(3);
        }
        assertThat(List.of(dir.toFile().list())).contains("catalog.mv.db");
    }
}
