package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL that maps a {@link Catalog} to the normalized tables of {@code db/migration} and back, on a connection
 * whose transaction the caller owns.
 */
final class CatalogTables {
    private CatalogTables() {
    }

    static long version(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM catalog_version WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("catalog_version has no row (expected: one row, created by migration V1)");
            }
            return rs.getLong(1);
        }
    }

    /** Bumps the version first: the row lock it takes serializes concurrent writers. Returns the new version. */
    static long bumpVersion(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE catalog_version SET version = version + 1 WHERE id = 1")) {
            if (s.executeUpdate() != 1) {
                throw new SQLException("catalog_version has no row (expected: one row, created by migration V1)");
            }
        }
        return version(c);
    }

    static void deleteAll(Connection c) throws SQLException {
        for (String table : List.of("api_routes", "api_targets", "apis", "pool_instances", "pools")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table)) {
                s.executeUpdate();
            }
        }
    }

    static void insert(Connection c, Catalog catalog) throws SQLException {
        try (PreparedStatement pools = c.prepareStatement("INSERT INTO pools (id, seq, balancer, tls, max_connections,"
                + " pending_acquire_max, connect_timeout_ms, response_timeout_ms, max_idle_time_ms, eject_for_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement instances = c.prepareStatement(
                     "INSERT INTO pool_instances (pool_id, seq, host, port, weight) VALUES (?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (UpstreamPool p : catalog.pools()) {
                PoolSettings s = p.settings();
                pools.setString(1, p.id());
                pools.setInt(2, seq++);
                pools.setString(3, p.balancer().name());
                pools.setBoolean(4, p.tls());
                pools.setInt(5, s.maxConnections());
                pools.setInt(6, s.pendingAcquireMax());
                pools.setLong(7, s.connectTimeout().toMillis());
                pools.setLong(8, s.responseTimeout().toMillis());
                pools.setLong(9, s.maxIdleTime().toMillis());
                pools.setLong(10, s.ejectFor().toMillis());
                pools.addBatch();
                int i = 0;
                for (Instance instance : p.instances()) {
                    instances.setString(1, p.id());
                    instances.setInt(2, i++);
                    instances.setString(3, instance.host());
                    instances.setInt(4, instance.port());
                    instances.setInt(5, instance.weight());
                    instances.addBatch();
                }
            }
            pools.executeBatch();
            instances.executeBatch();
        }
        try (PreparedStatement apis = c.prepareStatement("INSERT INTO apis (id, seq, name, api_version, owner_team,"
                + " description, host, base_path, upstream_base_path, lifecycle) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement targets = c.prepareStatement(
                     "INSERT INTO api_targets (api_id, seq, pool_id, weight) VALUES (?, ?, ?, ?)");
             PreparedStatement routes = c.prepareStatement(
                     "INSERT INTO api_routes (api_id, seq, method, path) VALUES (?, ?, ?, ?)")) {
            int seq = 0;
            for (Api a : catalog.apis()) {
                apis.setString(1, a.id());
                apis.setInt(2, seq++);
                apis.setString(3, a.name());
                apis.setString(4, a.version());
                apis.setString(5, a.owner());
                apis.setString(6, a.description());
                if (a.host().isPresent()) {
                    apis.setString(7, a.host().get());
                } else {
                    apis.setNull(7, Types.VARCHAR);
                }
                apis.setString(8, a.basePath());
                apis.setString(9, a.upstreamBasePath());
                apis.setString(10, a.lifecycle().name());
                apis.addBatch();
                int i = 0;
                for (Target t : a.targets()) {
                    targets.setString(1, a.id());
                    targets.setInt(2, i++);
                    targets.setString(3, t.pool());
                    targets.setInt(4, t.weight());
                    targets.addBatch();
                }
                i = 0;
                for (Route r : a.routes()) {
                    routes.setString(1, a.id());
                    routes.setInt(2, i++);
                    routes.setString(3, r.method());
                    routes.setString(4, r.path());
                    routes.addBatch();
                }
            }
            apis.executeBatch();
            targets.executeBatch();
            routes.executeBatch();
        }
    }

    static Catalog select(Connection c) throws SQLException {
        Map<String, List<Instance>> instances = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pool_id, host, port, weight FROM pool_instances ORDER BY pool_id, seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                instances.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Instance(rs.getString(2), rs.getInt(3), rs.getInt(4)));
            }
        }
        List<UpstreamPool> pools = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, balancer, tls, max_connections, pending_acquire_max,"
                + " connect_timeout_ms, response_timeout_ms, max_idle_time_ms, eject_for_ms FROM pools ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                PoolSettings settings = new PoolSettings(rs.getInt(4), rs.getInt(5), Duration.ofMillis(rs.getLong(6)),
                        Duration.ofMillis(rs.getLong(7)), Duration.ofMillis(rs.getLong(8)),
                        Duration.ofMillis(rs.getLong(9)));
                String id = rs.getString(1);
                pools.add(new UpstreamPool(id, instances.getOrDefault(id, List.of()),
                        Balancer.valueOf(rs.getString(2)), rs.getBoolean(3), settings));
            }
        }
        Map<String, List<Target>> targets = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT api_id, pool_id, weight FROM api_targets ORDER BY api_id, seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                targets.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Target(rs.getString(2), rs.getInt(3)));
            }
        }
        Map<String, List<Route>> routes = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT api_id, method, path FROM api_routes ORDER BY api_id, seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                routes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Route(rs.getString(2), rs.getString(3)));
            }
        }
        List<Api> apis = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, api_version, owner_team, description, host,"
                + " base_path, upstream_base_path, lifecycle FROM apis ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                apis.add(new Api(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Optional.ofNullable(rs.getString(6)), rs.getString(7), rs.getString(8),
                        Lifecycle.valueOf(rs.getString(9)), targets.getOrDefault(id, List.of()),
                        routes.getOrDefault(id, List.of())));
            }
        }
        return new Catalog(apis, pools);
    }
}
