package dev.turnpike.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL for {@code audit_log}, on a connection whose transaction the caller owns. */
final class AuditTables {
    private static final int SUMMARY_MAX = 4000;
    private static final int ACTOR_MAX = 200;

    private AuditTables() {
    }

    /** Appends {@code entry}; summaries longer than their column are cut, an over-long actor is rejected. */
    static void append(Connection c, AuditEntry entry) throws SQLException {
        append(c, entry, 0);
    }

    /** Appends {@code entry} as the {@code seq}-th (from 0) entry of its version. */
    static void append(Connection c, AuditEntry entry, int seq) throws SQLException {
        if (entry.actor().isBlank() || entry.actor().length() > ACTOR_MAX) {
            throw new IllegalArgumentException("actor: \"" + entry.actor() + "\" (expected: 1.." + ACTOR_MAX
                    + " characters)");
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (version, seq, actor, at_ms, entity_type,"
                + " entity_id, action, before_summary, after_summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, entry.version());
            s.setInt(2, seq);
            s.setString(3, entry.actor());
            s.setLong(4, entry.at().toEpochMilli());
            s.setString(5, entry.entityType());
            s.setString(6, entry.entityId());
            s.setString(7, entry.action());
            s.setString(8, cut(entry.before()));
            s.setString(9, cut(entry.after()));
            s.executeUpdate();
        }
    }

    static List<AuditEntry> latest(Connection c, int limit) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT version, actor, at_ms, entity_type, entity_id, action,"
                + " before_summary, after_summary FROM audit_log ORDER BY version DESC, seq DESC")) {
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && entries.size() < limit) {
                    entries.add(new AuditEntry(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return entries;
    }

    static long count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_log");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String cut(String summary) {
        return summary.length() <= SUMMARY_MAX ? summary : summary.substring(0, SUMMARY_MAX - 3) + "...";
    }
}
