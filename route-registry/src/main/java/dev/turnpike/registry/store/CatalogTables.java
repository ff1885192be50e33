package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.HealthCheck;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.PoolTls;
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
import java.util.Arrays;
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
        for (String table : List.of("composite_parts", "composites", "subscriptions", "api_routes", "api_targets", "apis", "pool_instances", "pools",
                "consumers", "teams")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table)) {
                s.executeUpdate();
            }
        }
    }

    static final Table POOLS = new Table("pools", List.of("id"), List.of("balancer", "tls", "max_connections",
            "pending_acquire_max", "connect_timeout_ms", "response_timeout_ms", "max_idle_time_ms", "eject_for_ms",
            "consecutive_failures", "max_eject_for_ms", "max_ejected_percent", "hc_path", "hc_interval_ms",
            "hc_timeout_ms", "hc_healthy_threshold", "hc_unhealthy_threshold", "hc_expected_statuses", "tls_ca",
            "tls_verify_hostname", "tls_server_name", "tls_client_certificate", "tls_client_key"));
    static final Table POOL_INSTANCES = new Table("pool_instances", List.of("pool_id"),
            List.of("host", "port", "weight"));
    static final Table APIS = new Table("apis", List.of("id"), apiColumns());
    static final Table API_TARGETS = new Table("api_targets", List.of("api_id"), List.of("pool_id", "weight"));
    static final Table API_ROUTES = new Table("api_routes", List.of("api_id"), List.of("method", "path"));

    private static List<String> apiColumns() {
        List<String> columns = new ArrayList<>(List.of("name", "api_version", "owner_team", "description", "host",
                "base_path", "upstream_base_path", "lifecycle"));
        columns.addAll(List.of(ApiColumns.NAMES.split(", ")));
        return columns;
    }

    static void insert(Connection c, Catalog catalog) throws SQLException {
        ConsumerTables.insertTeams(c, catalog);
        try (PreparedStatement pools = c.prepareStatement(POOLS.insert());
             PreparedStatement instances = c.prepareStatement(POOL_INSTANCES.insert())) {
            int seq = 0;
            for (UpstreamPool p : catalog.pools()) {
                pools.setString(1, p.id());
                pools.setInt(2, seq++);
                bindPool(pools, 3, p);
                pools.addBatch();
                addInstances(instances, p);
            }
            pools.executeBatch();
            instances.executeBatch();
        }
        try (PreparedStatement apis = c.prepareStatement(APIS.insert());
             PreparedStatement targets = c.prepareStatement(API_TARGETS.insert());
             PreparedStatement routes = c.prepareStatement(API_ROUTES.insert())) {
            int seq = 0;
            for (Api a : catalog.apis()) {
                apis.setString(1, a.id());
                apis.setInt(2, seq++);
                bindApi(apis, 3, a);
                apis.addBatch();
                addTargetsAndRoutes(targets, routes, a);
            }
            apis.executeBatch();
            targets.executeBatch();
            routes.executeBatch();
        }
        ConsumerTables.insertConsumers(c, catalog);
        CompositeTables.insert(c, catalog);
    }

    /** Binds the data columns of {@link #POOLS} from parameter {@code i} on. */
    static void bindPool(PreparedStatement s, int i, UpstreamPool p) throws SQLException {
        PoolSettings settings = p.settings();
        s.setString(i, p.balancer().name());
        s.setBoolean(i + 1, p.secure());
        s.setInt(i + 2, settings.maxConnections());
        s.setInt(i + 3, settings.pendingAcquireMax());
        s.setLong(i + 4, settings.connectTimeout().toMillis());
        s.setLong(i + 5, settings.responseTimeout().toMillis());
        s.setLong(i + 6, settings.maxIdleTime().toMillis());
        s.setLong(i + 7, settings.ejectFor().toMillis());
        OutlierDetection outliers = p.outliers();
        s.setInt(i + 8, outliers.consecutiveFailures());
        s.setLong(i + 9, outliers.maxEjectFor().toMillis());
        s.setInt(i + 10, outliers.maxEjectedPercent());
        HealthCheck hc = p.healthCheck().orElse(null);
        s.setString(i + 11, hc == null ? null : hc.path());
        setLong(s, i + 12, hc == null ? null : hc.interval().toMillis());
        setLong(s, i + 13, hc == null ? null : hc.timeout().toMillis());
        setInt(s, i + 14, hc == null ? null : hc.healthyThreshold());
        setInt(s, i + 15, hc == null ? null : hc.unhealthyThreshold());
        s.setString(i + 16, hc == null ? null
                : String.join(",", hc.expectedStatuses().stream().map(HealthCheck.StatusRange::toString).toList()));
        PoolTls tls = p.tls().orElse(PoolTls.DEFAULTS);
        ApiColumns.text(s, i + 17, tls.ca().orElse(null));
        s.setBoolean(i + 18, tls.verifyHostname());
        ApiColumns.text(s, i + 19, tls.serverName().orElse(null));
        ApiColumns.text(s, i + 20, tls.clientCertificate().orElse(null));
        ApiColumns.text(s, i + 21, tls.clientKey().orElse(null));
    }

    private static void setLong(PreparedStatement s, int i, Long value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, value);
        }
    }

    private static void setInt(PreparedStatement s, int i, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, value);
        }
    }

    /** Adds the {@link #POOL_INSTANCES} rows of {@code p} to the batch of {@code instances}. */
    static void addInstances(PreparedStatement instances, UpstreamPool p) throws SQLException {
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

    /** Binds the data columns of {@link #APIS} from parameter {@code i} on. */
    static void bindApi(PreparedStatement s, int i, Api a) throws SQLException {
        s.setString(i, a.name());
        s.setString(i + 1, a.version());
        s.setString(i + 2, a.owner());
        s.setString(i + 3, a.description());
        ApiColumns.text(s, i + 4, a.host().orElse(null));
        s.setString(i + 5, a.basePath());
        s.setString(i + 6, a.upstreamBasePath());
        s.setString(i + 7, a.lifecycle().name());
        ApiColumns.set(s, i + 8, a);
    }

    /**
     * Adds the {@link #API_TARGETS} and {@link #API_ROUTES} rows of {@code a} to the two batches. An API with a spec
     * gets no route rows: its routes are its document's operations, derived again on load.
     */
    static void addTargetsAndRoutes(PreparedStatement targets, PreparedStatement routes, Api a) throws SQLException {
        int i = 0;
        for (Target t : a.targets()) {
            targets.setString(1, a.id());
            targets.setInt(2, i++);
            targets.setString(3, t.pool());
            targets.setInt(4, t.weight());
            targets.addBatch();
        }
        if (a.spec().isPresent()) {
            return;
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

    static Catalog select(Connection c, SpecCache specs) throws SQLException {
        return new Catalog(ConsumerTables.selectTeams(c, null), selectApis(c, specs, null), selectPools(c, null),
                ConsumerTables.selectConsumers(c, null), ConsumerTables.selectSubscriptions(c, null, null),
                CompositeTables.select(c, null));
    }

    /** Every pool in order, or only the pool {@code id} (then a list of one, or empty). */
    static List<UpstreamPool> selectPools(Connection c, String id) throws SQLException {
        Map<String, List<Instance>> instances = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(c, "SELECT pool_id, host, port, weight FROM pool_instances",
                "pool_id", id, "ORDER BY pool_id, seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                instances.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Instance(rs.getString(2), rs.getInt(3), rs.getInt(4)));
            }
        }
        List<UpstreamPool> pools = new ArrayList<>();
        try (PreparedStatement s = prepare(c, "SELECT id, balancer, tls, max_connections, pending_acquire_max,"
                + " connect_timeout_ms, response_timeout_ms, max_idle_time_ms, eject_for_ms, consecutive_failures,"
                + " max_eject_for_ms, max_ejected_percent, hc_path, hc_interval_ms, hc_timeout_ms,"
                + " hc_healthy_threshold, hc_unhealthy_threshold, hc_expected_statuses, tls_ca, tls_verify_hostname,"
                + " tls_server_name, tls_client_certificate, tls_client_key FROM pools", "id", id,
                "ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                PoolSettings settings = new PoolSettings(rs.getInt(4), rs.getInt(5), Duration.ofMillis(rs.getLong(6)),
                        Duration.ofMillis(rs.getLong(7)), Duration.ofMillis(rs.getLong(8)),
                        Duration.ofMillis(rs.getLong(9)));
                OutlierDetection outliers = new OutlierDetection(rs.getInt(10), Duration.ofMillis(rs.getLong(11)),
                        rs.getInt(12));
                String hcPath = rs.getString(13);
                Optional<HealthCheck> healthCheck = hcPath == null ? Optional.empty()
                        : Optional.of(new HealthCheck(hcPath, Duration.ofMillis(rs.getLong(14)),
                                Duration.ofMillis(rs.getLong(15)), rs.getInt(16), rs.getInt(17),
                                Arrays.stream(rs.getString(18).split(",")).map(HealthCheck.StatusRange::parse)
                                        .toList()));
                Optional<PoolTls> tls = !rs.getBoolean(3) ? Optional.empty()
                        : Optional.of(new PoolTls(Optional.ofNullable(rs.getString(19)), rs.getBoolean(20),
                                Optional.ofNullable(rs.getString(21)), Optional.ofNullable(rs.getString(22)),
                                Optional.ofNullable(rs.getString(23))));
                String poolId = rs.getString(1);
                pools.add(new UpstreamPool(poolId, instances.getOrDefault(poolId, List.of()),
                        Balancer.valueOf(rs.getString(2)), tls, settings, outliers, healthCheck));
            }
        }
        return pools;
    }

    /** Every API in order, or only the API {@code id} (then a list of one, or empty). */
    static List<Api> selectApis(Connection c, SpecCache specs, String id) throws SQLException {
        Map<String, List<Target>> targets = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(c, "SELECT api_id, pool_id, weight FROM api_targets", "api_id", id,
                "ORDER BY api_id, seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                targets.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Target(rs.getString(2), rs.getInt(3)));
            }
        }
        Map<String, List<Route>> routes = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(c, "SELECT api_id, method, path FROM api_routes", "api_id", id,
                "ORDER BY api_id, seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                routes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Route(rs.getString(2), rs.getString(3)));
            }
        }
        record Row(String id, String name, String version, String owner, String description, Optional<String> host,
                   String basePath, String upstreamBasePath, Lifecycle lifecycle, ApiColumns.Values more) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = prepare(c, "SELECT id, name, api_version, owner_team, description, host,"
                + " base_path, upstream_base_path, lifecycle, " + ApiColumns.NAMES + " FROM apis", "id", id,
                "ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Optional.ofNullable(rs.getString(6)), rs.getString(7), rs.getString(8),
                        Lifecycle.valueOf(rs.getString(9)), ApiColumns.get(rs, 10)));
            }
        }
        // Documents stored without their operations (before migration V6) are parsed, in bulk; the others are not.
        Map<String, ApiSpec> parsed = specs.parseAll(rows.stream().filter(r -> r.more().operations().isEmpty())
                .flatMap(r -> r.more().document().stream()).toList());
        List<Api> apis = new ArrayList<>(rows.size());
        for (Row r : rows) {
            ApiColumns.Values more = r.more();
            Optional<ApiSpec> spec = more.document().map(d -> more.operations().isEmpty() ? parsed.get(d)
                    : specs.of(d, more.operations()));
            // With a spec, the routes are derived from it again rather than trusted from api_routes.
            List<Route> stored = spec.isPresent() ? List.of() : routes.getOrDefault(r.id(), List.of());
            apis.add(new Api(r.id(), r.name(), r.version(), r.owner(), r.description(), r.host(), r.basePath(),
                    r.upstreamBasePath(), r.lifecycle(), more.sunset(), more.successor(), more.criticality(),
                    more.policies(), spec, targets.getOrDefault(r.id(), List.of()), stored));
        }
        return apis;
    }

    /**
     * {@code select} with {@code WHERE column = ?} bound to {@code value} when that is not {@code null}, then
     * {@code order}: one statement reads either a whole table or the rows of one entity.
     */
    static PreparedStatement prepare(Connection c, String select, String column, String value, String order)
            throws SQLException {
        PreparedStatement s = c.prepareStatement(select + (value == null ? " " : " WHERE " + column + " = ? ") + order);
        if (value != null) {
            s.setString(1, value);
        }
        return s;
    }
}
