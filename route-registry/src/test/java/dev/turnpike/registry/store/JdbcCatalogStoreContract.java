package dev.turnpike.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.UpstreamPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcCatalogStore} must do, whatever the database. Subclasses open a fresh, empty store. */
abstract class JdbcCatalogStoreContract {
    protected JdbcCatalogStore store;

    /** A store on a new, empty database. */
    protected abstract JdbcCatalogStore openNewStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openNewStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void newStoreIsEmptyAtVersionZero() {
        assertThat(store.version()).isZero();
        assertThat(store.load()).isEqualTo(new VersionedCatalog(0, Catalog.EMPTY));
    }

    @Test
    void loadReturnsWhatWasReplacedFieldForField() {
        Catalog catalog = CatalogFixtures.full(1);

        VersionedCatalog stored = store.replace(catalog);

        assertThat(stored).isEqualTo(new VersionedCatalog(1, catalog));
        VersionedCatalog loaded = store.load();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.catalog().apis()).containsExactlyElementsOf(catalog.apis());
        assertThat(loaded.catalog().pools()).containsExactlyElementsOf(catalog.pools());
        assertThat(loaded.catalog()).isEqualTo(catalog);
    }

    @Test
    void everyReplaceBumpsTheVersionByOneAndReplacesEverything() {
        store.replace(CatalogFixtures.full(1));
        store.replace(CatalogFixtures.full(2));
        VersionedCatalog third = store.replace(Catalog.EMPTY);

        assertThat(third.version()).isEqualTo(3);
        assertThat(store.version()).isEqualTo(3);
        assertThat(store.load()).isEqualTo(new VersionedCatalog(3, Catalog.EMPTY));
        store.replace(CatalogFixtures.full(4));
        assertThat(store.load()).isEqualTo(new VersionedCatalog(4, CatalogFixtures.full(4)));
    }

    @Test
    void replaceThatTheDatabaseRejectsMidwayChangesNothing() throws SQLException {
        store.replace(CatalogFixtures.full(1));
        // Routes are written last: the pools, instances, APIs and targets of the new catalog are already
        // inserted (and the old rows deleted) when this constraint fails.
        execute("ALTER TABLE api_routes ADD CONSTRAINT test_reject CHECK (path <> '/rejected')");
        Catalog next = CatalogFixtures.full(2);
        Api orders = next.apis().get(0);
        Api rejected = new Api(orders.id(), orders.name(), orders.version(), orders.owner(), orders.description(),
                orders.host(), orders.basePath(), orders.upstreamBasePath(), orders.lifecycle(), orders.targets(),
                List.of(new Route("GET", "/ok"), new Route("GET", "/rejected")));
        Catalog unstorable = new Catalog(List.of(next.apis().get(1), rejected), next.pools());

        assertThatThrownBy(() -> store.replace(unstorable))
                .isInstanceOf(CatalogStoreException.class)
                .hasMessageContaining("cannot replace the catalog")
                .hasCauseInstanceOf(SQLException.class);

        assertThat(store.load()).isEqualTo(new VersionedCatalog(1, CatalogFixtures.full(1)));
        assertThat(store.version()).isEqualTo(1);
    }

    @Test
    void replaceOfAValueLongerThanItsColumnChangesNothing() {
        store.replace(CatalogFixtures.full(1));
        UpstreamPool longHost = UpstreamPool.of("long", List.of(new Instance("h".repeat(300), 80, 1)));
        Catalog tooLong = new Catalog(List.of(), List.of(longHost));

        assertThatThrownBy(() -> store.replace(tooLong)).isInstanceOf(CatalogStoreException.class);

        assertThat(store.load()).isEqualTo(new VersionedCatalog(1, CatalogFixtures.full(1)));
    }

    @Test
    void rejectsDurationsFinerThanMilliseconds() {
        PoolSettings fine = new PoolSettings(1, 1, Duration.ofNanos(1_500_000), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ZERO);
        Catalog catalog = new Catalog(List.of(), List.of(new UpstreamPool("p", List.of(new Instance("h", 1, 1)),
                dev.turnpike.registry.model.Balancer.ROUND_ROBIN, false, fine)));

        assertThatThrownBy(() -> store.replace(catalog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pools.p.connectTimeout: PT0.0015S (expected: whole milliseconds)");
        assertThat(store.version()).isZero();
    }

    @Test
    void rejectsDurationsTooLongForALongOfMilliseconds() {
        PoolSettings huge = new PoolSettings(1, 1, Duration.ofSeconds(1), Duration.ofDays(999_999_999_999L),
                Duration.ofSeconds(1), Duration.ZERO);
        Catalog catalog = new Catalog(List.of(), List.of(new UpstreamPool("p", List.of(new Instance("h", 1, 1)),
                dev.turnpike.registry.model.Balancer.ROUND_ROBIN, false, huge)));

        assertThatThrownBy(() -> store.replace(catalog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pools.p.responseTimeout: PT23999999999976H (expected: at most ");
        assertThat(store.version()).isZero();
    }

    @Test
    void concurrentReplacesGetStrictlyIncreasingVersionsAndEndConsistent() throws Exception {
        int threads = 4;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> versions = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        versions.add(store.replace(CatalogFixtures.full(thread * 100 + i)).version());
                    }
                    return versions;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                List<Long> mine = f.get(60, TimeUnit.SECONDS);
                assertThat(mine).isSorted().doesNotHaveDuplicates();
                all.addAll(mine);
            }
            Collections.sort(all);
            assertThat(all).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, threads * perThread).boxed().toList());
            VersionedCatalog last = store.load();
            assertThat(last.version()).isEqualTo(threads * perThread);
            assertThat(last.catalog().apis()).hasSize(2);
            assertThat(last.catalog().pools()).hasSize(3);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void loadSeesOneVersionsCatalogWhileAWriterReplaces() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            // One writer: version v always holds full(v), so every load can be checked against its version.
            Future<?> writes = writer.submit(() -> {
                for (int v = 1; v <= 30 && !stop.get(); v++) {
                    store.replace(CatalogFixtures.full(v));
                }
            });
            int loads = 0;
            while (!writes.isDone() || loads < 5) {
                VersionedCatalog seen = store.load();
                if (seen.version() > 0) {
                    assertThat(seen.catalog()).isEqualTo(CatalogFixtures.full((int) seen.version()));
                }
                loads++;
            }
            writes.get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            writer.shutdownNow();
            assertThat(writer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closeIsIdempotent() {
        store.close();
        store.close();
        assertThatThrownBy(() -> store.version()).isInstanceOf(CatalogStoreException.class);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            c.commit();
        }
    }
}
