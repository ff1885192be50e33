package dev.turnpike.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL for {@code admin_tokens}, on a connection whose transaction the caller owns. */
final class AdminTokenTables {
    private AdminTokenTables() {
    }

    static List<AdminToken> all(Connection c) throws SQLException {
        List<AdminToken> tokens = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, role, hash FROM admin_tokens ORDER BY name");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tokens.add(new AdminToken(rs.getString(1), AdminToken.Role.valueOf(rs.getString(2)),
                        rs.getString(3)));
            }
        }
        return tokens;
    }

    static boolean any(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM admin_tokens");
             ResultSet rs = s.executeQuery()) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    static void insert(Connection c, AdminToken token, long createdAtMs) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO admin_tokens (name, role, hash, created_at_ms) VALUES (?, ?, ?, ?)")) {
            s.setString(1, token.name());
            s.setString(2, token.role().name());
            s.setString(3, token.hash());
            s.setLong(4, createdAtMs);
            s.executeUpdate();
        }
    }
}
