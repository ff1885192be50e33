package dev.turnpike.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JdbcCatalogStore#embedded} on an H2 file database in a temporary directory. */
class H2CatalogStoreTest extends JdbcCatalogStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected JdbcCatalogStore openNewStore() {
        return JdbcCatalogStore.embedded(dataDir.resolve("data"));
    }

    @Test
    void createsTheDataDirectoryAndKeepsDataAcrossCloseAndReopen() {
        assertThat(dataDir.resolve("data")).isDirectory();
        store.replace(CatalogFixtures.full(1));
        store.replace(CatalogFixtures.full(2));
        store.close();

        try (JdbcCatalogStore reopened = JdbcCatalogStore.embedded(dataDir.resolve("data"))) {
            assertThat(reopened.load()).isEqualTo(new VersionedCatalog(2, CatalogFixtures.full(2)));
            assertThat(reopened.replace(CatalogFixtures.full(3)).version()).isEqualTo(3);
        }
    }

    @Test
    void openingTheStoreStoresTheOperationsOfDocumentsStoredWithout() throws Exception {
        store.replace(CatalogFixtures.full(1));
        try (java.sql.Connection c = store.dataSource().getConnection();
             java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE apis SET spec_operations = NULL"); // as written before migration V6
        }
        store.close();

        try (JdbcCatalogStore reopened = JdbcCatalogStore.embedded(dataDir.resolve("data"));
             java.sql.Connection c = reopened.dataSource().getConnection();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM apis WHERE spec_document IS NOT NULL"
                     + " AND spec_operations IS NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            assertThat(reopened.load().catalog()).isEqualTo(CatalogFixtures.full(1));
        }
        store = JdbcCatalogStore.embedded(dataDir.resolve("other")); // for the contract's close()
    }

    @Test
    void secondStoreOnAnOpenDirectoryFailsClearlyAndHarmsNothing() {
        store.replace(CatalogFixtures.full(1));

        assertThatThrownBy(() -> JdbcCatalogStore.embedded(dataDir.resolve("data")))
                .isInstanceOf(StoreInUseException.class)
                .hasMessageContaining("already in use by another turnpike node (process "
                        + ProcessHandle.current().pid() + ")")
                .hasMessageContaining(dataDir.resolve("data").toString());

        assertThat(store.replace(CatalogFixtures.full(2)).version()).isEqualTo(2);
        assertThat(store.load().catalog()).isEqualTo(CatalogFixtures.full(2));
    }

    @Test
    void upgradesADatabaseWrittenUnderTheFirstSchema() throws Exception {
        Path v1 = dataDir.resolve("v1");
        SchemaUpgrade.seedVersion1("jdbc:h2:file:" + v1.resolve("catalog"), "sa", "");

        try (JdbcCatalogStore upgraded = JdbcCatalogStore.embedded(v1)) {
            SchemaUpgrade.assertUpgraded(upgraded);
        }
    }

    @Test
    void watchNeverFiresOnTheEmbeddedStoreWhoseOnlyWriterIsThisProcess() throws Exception {
        java.util.List<Long> versions = new java.util.concurrent.CopyOnWriteArrayList<>();

        try (CatalogWatch watch = store.watch(versions::add)) {
            assertThat(watch).isSameAs(CatalogWatch.NONE);
            store.replace(CatalogFixtures.full(1));
            store.createKey("mypage-web", java.util.Optional.empty(), "alice");
        }

        assertThat(versions).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("turnpike-catalog-watch");
    }

    @Test
    void opensAgainAfterTheFirstStoreClosed() {
        store.close();
        try (JdbcCatalogStore again = JdbcCatalogStore.embedded(dataDir.resolve("data"))) {
            assertThat(again.version()).isZero();
        }
    }

    @Test
    void rejectsADirectoryThatH2WouldReadAsSettings() {
        assertThatThrownBy(() -> JdbcCatalogStore.embedded(dataDir.resolve("x;AUTO_SERVER=TRUE")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("(expected: a path without ';')");
        assertThat(dataDir.resolve("x;AUTO_SERVER=TRUE")).doesNotExist();
    }

    @Test
    void failsClearlyWhenTheDataDirectoryCannotBeCreated() throws Exception {
        Path file = Files.writeString(dataDir.resolve("a-file"), "x");
        assertThatThrownBy(() -> JdbcCatalogStore.embedded(file.resolve("data")))
                .isInstanceOf(CatalogStoreException.class)
                .hasMessageContaining("cannot open the catalog store in " + file.resolve("data"));
    }
}
