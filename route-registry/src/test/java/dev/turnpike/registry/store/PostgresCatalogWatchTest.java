package dev.turnpike.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JdbcCatalogStore#watch} on a real PostgreSQL: every kind of write by another store reaches the watch, a
 * rolled-back write does not, and the watch listens again after its connection is killed or the database restarts.
 */
class PostgresCatalogWatchTest {
    @TempDir
    Path dir;

    EmbeddedPostgres postgres;
    JdbcCatalogStore watched;
    JdbcCatalogStore writer;
    final BlockingQueue<Long> versions = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true).start();
        watched = connect();
        writer = connect();
    }

    @AfterEach
    void stop() throws Exception {
        watched.close();
        writer.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    private JdbcCatalogStore connect() {
        return JdbcCatalogStore.connect(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    private long next() throws InterruptedException {
        Long version = versions.poll(20, TimeUnit.SECONDS);
        assertThat(version).as("a notification within 20 s").isNotNull();
        return version;
    }

    @Test
    void reportsEveryCommittedWriteOfAnotherStoreAndNoRolledBackOne() throws Exception {
        try (CatalogWatch watch = watched.watch(versions::add)) {
            assertThat(next()).isEqualTo(CatalogWatch.UNKNOWN_VERSION); // listening: re-read what was missed

            VersionedCatalog replaced = writer.replace(CatalogFixtures.full(1));
            assertThat(next()).isEqualTo(1);
            String key = writer.createKey("mypage-web", Optional.empty(), "alice").key().id();
            assertThat(next()).isEqualTo(2);
            VersionedCatalog stale = replaced;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.apply(stale,
                    List.of(new CatalogChange.DeleteSubscription("mypage-web", "orders")), "alice"))
                    .isInstanceOf(StaleCatalogException.class); // bumped the version, then rolled back
            writer.apply(writer.load(), List.of(new CatalogChange.DeleteSubscription("mypage-web", "orders")), "bob");
            assertThat(next()).isEqualTo(3);
            writer.revokeKey(key, "bob");
            assertThat(next()).isEqualTo(4);
            assertThat(versions.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void listensAgainAfterItsConnectionIsTerminated() throws Exception {
        try (CatalogWatch watch = watched.watch(versions::add)) {
            assertThat(next()).isEqualTo(CatalogWatch.UNKNOWN_VERSION);

            assertThat(terminateWatchConnections()).isEqualTo(1);

            assertThat(next()).isEqualTo(CatalogWatch.UNKNOWN_VERSION); // reconnected: what happened meanwhile is lost
            writer.replace(CatalogFixtures.full(1));
            assertThat(next()).isEqualTo(1);
        }
    }

    @Test
    void listensAgainAfterTheDatabaseRestarts() throws Exception {
        try (CatalogWatch watch = watched.watch(versions::add)) {
            assertThat(next()).isEqualTo(CatalogWatch.UNKNOWN_VERSION);
            int port = postgres.getPort();
            writer.close();
            postgres.close();
            postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false)
                    .setPort(port).start();

            assertThat(next()).isEqualTo(CatalogWatch.UNKNOWN_VERSION);
            writer = connect();
            writer.replace(CatalogFixtures.full(1));
            assertThat(next()).isEqualTo(1);
        }
    }

    @Test
    void closeStopsTheWatchAndItsConnection() throws Exception {
        CatalogWatch watch = watched.watch(versions::add);
        assertThat(next()).isEqualTo(CatalogWatch.UNKNOWN_VERSION);

        watch.close();
        watch.close();

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("turnpike-catalog-watch");
        assertThat(watchConnections()).isZero();
        writer.replace(CatalogFixtures.full(1));
        assertThat(versions.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    private int terminateWatchConnections() throws Exception {
        return count("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = 'turnpike-catalog-watch'");
    }

    private int watchConnections() throws Exception {
        // The backend may take a moment to go after the client closed its socket.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int n;
        while ((n = count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'turnpike-catalog-watch'")) > 0
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return n;
    }

    private int count(String sql) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
