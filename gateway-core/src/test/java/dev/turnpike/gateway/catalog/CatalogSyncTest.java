package dev.turnpike.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.JdbcCatalogStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store thread's queue is bounded, and usage writes do not wait behind catalog work. */
class CatalogSyncTest {
    @TempDir
    Path dir;

    @Test
    void aFullQueueIsRefusedAsBusyAndUsageWritesDoNotWaitBehindIt() throws Exception {
        RoutingState routing = new RoutingState();
        try (JdbcCatalogStore store = JdbcCatalogStore.embedded(dir.resolve("db"));
             CatalogSync sync = new CatalogSync(() -> store, false, routing, new SnapshotFile(dir),
                     Duration.ofHours(1))) {
            store.replace(new Catalog(List.of(), List.of()));
            sync.start();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            List<CompletableFuture<Object>> queued = new java.util.ArrayList<>();
            queued.add(CompletableFuture.supplyAsync(() -> call(sync, () -> {
                running.countDown();
                release.await(30, TimeUnit.SECONDS);
                return null;
            })));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i < StoreQueue.LIMIT; i++) {
                queued.add(CompletableFuture.supplyAsync(() -> call(sync, () -> null)));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> sync.withStore(s -> null))
                            .isInstanceOfSatisfying(StoreUnavailableException.class, e ->
                                    assertThat(e.busy()).isTrue()));

            // The sync thread is stuck, yet a usage-style write runs at once on the caller's thread.
            assertThat(sync.<Long>withConnectedStore(s -> s.version())).isEqualTo(1L);

            release.countDown();
            for (CompletableFuture<Object> f : queued) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(sync.<Long>withStore(s -> s.version())).isEqualTo(1L);
        }
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static Object call(CatalogSync sync, Work work) {
        try {
            return sync.withStore(s -> work.run());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
