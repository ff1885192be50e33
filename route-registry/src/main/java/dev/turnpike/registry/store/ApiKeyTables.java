package dev.turnpike.registry.store;

import dev.turnpike.registry.model.ApiKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL for {@code api_keys}, on a connection whose transaction the caller owns. */
final class ApiKeyTables {
    private static final String COLUMNS = "id, consumer_id, prefix, hash, created_at_ms, expires_at_ms, revoked";

    private ApiKeyTables() {
    }

    static void insert(Connection c, ApiKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, key.id());
            s.setString(2, key.consumer());
            s.setString(3, key.prefix());
            s.setString(4, key.hash());
            s.setLong(5, key.createdAt().toEpochMilli());
            ApiColumns.number(s, 6, key.expiresAt().map(Instant::toEpochMilli).orElse(null));
            s.setBoolean(7, key.revoked());
            s.executeUpdate();
        }
    }

    static Optional<ApiKey> byHash(Connection c, String hash) throws SQLException {
        return first(select(c, "WHERE hash = ?", hash));
    }

    static Optional<ApiKey> byId(Connection c, String id) throws SQLException {
        return first(select(c, "WHERE id = ?", id));
    }

    static List<ApiKey> byConsumer(Connection c, String consumer) throws SQLException {
        return select(c, "WHERE consumer_id = ? ORDER BY created_at_ms, id", consumer);
    }

    static void markRevoked(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE api_keys SET revoked = TRUE WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    /** Deletes the keys of {@code consumer}; returns how many. */
    static int deleteOf(Connection c, String consumer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM api_keys WHERE consumer_id = ?")) {
            s.setString(1, consumer);
            return s.executeUpdate();
        }
    }

    /** Deletes the keys whose consumer is no longer in the catalog; returns how many. */
    static int deleteOrphans(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM api_keys WHERE NOT EXISTS"
                + " (SELECT 1 FROM consumers WHERE consumers.id = api_keys.consumer_id)")) {
            return s.executeUpdate();
        }
    }

    /** Every key, oldest first. */
    static List<ApiKey> all(Connection c) throws SQLException {
        return select(c, "ORDER BY created_at_ms, id");
    }

    private static Optional<ApiKey> first(List<ApiKey> keys) {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
    }

    private static List<ApiKey> select(Connection c, String where, String... values) throws SQLException {
        List<ApiKey> keys = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys " + where)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Long expires = ApiColumns.number(rs, 6);
                    keys.add(new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            Optional.ofNullable(expires).map(Instant::ofEpochMilli), rs.getBoolean(7)));
                }
            }
        }
        return keys;
    }
}
