package dev.turnpike.registry.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;



/** {@link JdbcCatalogStore#connect} on a real PostgreSQL started once for the class; a new database per test. */
class PostgresCatalogStoreTest extends JdbcCatalogStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void connectToAMissingDatabaseFailsClearly() {
        assertThatThrownBy(() -> JdbcCatalogStore.connect(postgres.getJdbcUrl("postgres", "no_such_db"),
                "postgres", "postgres"))
                .isInstanceOf(CatalogStoreException.class)
                .hasMessageContaining("cannot open PostgreSQL catalog store at jdbc:postgresql:")
                .hasMessageContaining("no_such_db")
                .hasCauseInstanceOf(RuntimeException.class);
    }

    @Override
    protected JdbcCatalogStore openNewStore() throws Exception {
        String name = "catalog_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return JdbcCatalogStore.connect(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
    }
}
