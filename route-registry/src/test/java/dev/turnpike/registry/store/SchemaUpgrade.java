package dev.turnpike.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.PoolTls;
import dev.turnpike.registry.model.Route;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** Checks that data written under migration V1 alone still loads once the store has upgraded the schema. */
final class SchemaUpgrade {
    private SchemaUpgrade() {
    }

    /** Migrates the database at {@code url} to V1 only and writes one pool and one API as V1 knew them. */
    static void seedVersion1(String url, String user, String password) throws SQLException {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("1")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE catalog_version SET version = 7 WHERE id = 1");
            s.executeUpdate("INSERT INTO pools VALUES ('p', 0, 'ROUND_ROBIN', FALSE, 1, 1, 1000, 1000, 1000, 0)");
            s.executeUpdate("INSERT INTO pool_instances VALUES ('p', 0, 'h', 80, 1)");
            s.executeUpdate("INSERT INTO pools VALUES ('s', 1, 'ROUND_ROBIN', TRUE, 1, 1, 1000, 1000, 1000, 0)");
            s.executeUpdate("INSERT INTO pool_instances VALUES ('s', 0, 'h', 443, 1)");
            s.executeUpdate("INSERT INTO apis VALUES ('old', 0, 'Old', 'v1', 'some-team', '', NULL, '/old', '/',"
                    + " 'ACTIVE')");
            s.executeUpdate("INSERT INTO api_targets VALUES ('old', 0, 'p', 1)");
            s.executeUpdate("INSERT INTO api_routes VALUES ('old', 0, 'GET', '/x')");
            c.commit();
        }
    }

    /** {@code store} (opened on a database seeded by {@link #seedVersion1}) shows the V1 data with V2 defaults. */
    static void assertUpgraded(JdbcCatalogStore store) {
        VersionedCatalog loaded = store.load();
        assertThat(loaded.version()).isEqualTo(7);
        assertThat(loaded.catalog().teams()).isEmpty();
        assertThat(loaded.catalog().consumers()).isEmpty();
        assertThat(loaded.catalog().apis()).singleElement().satisfies(api -> {
            assertThat(api.owner()).isEqualTo("some-team");
            assertThat(api.criticality()).isEqualTo(Criticality.STANDARD);
            assertThat(api.policies()).isEqualTo(ApiPolicies.NONE);
            assertThat(api.spec()).isEmpty();
            assertThat(api.sunset()).isEmpty();
            assertThat(api.routes()).containsExactly(new Route("GET", "/x"));
        });
        // V11: a TLS pool of before keeps TLS with the defaults (JDK trust store, hostname check); a plain one stays
        // plain.
        assertThat(loaded.catalog().pool("p").tls()).isEmpty();
        assertThat(loaded.catalog().pool("s").tls()).contains(PoolTls.DEFAULTS);
        assertThat(store.replace(CatalogFixtures.full(1)).version()).isEqualTo(8);
        assertThat(store.load().catalog()).isEqualTo(CatalogFixtures.full(1));
    }
}
