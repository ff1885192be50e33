package dev.turnpike.registry.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code api_usage} table (migration V4; direct-call columns V7): one row per consumer, API and day, added to
 * in place. Portable
 * upsert-add: update the rows that exist, insert the others; a concurrent insert of the same row by another node
 * fails the transaction with a unique violation, which {@link JdbcCatalogStore#addUsage} retries.
 */
final class UsageTables {
    private UsageTables() {
    }

    static void add(Connection c, List<UsageCount> counts) throws SQLException {
        int[] updated;
        try (PreparedStatement s = c.prepareStatement("UPDATE api_usage SET calls = calls + ?, errors = errors + ?,"
                + " last_seen_ms = GREATEST(last_seen_ms, ?), direct_calls = direct_calls + ?,"
                + " direct_errors = direct_errors + ? WHERE consumer_id = ? AND api_id = ? AND usage_day = ?")) {
            for (UsageCount u : counts) {
                s.setLong(1, u.calls());
                s.setLong(2, u.errors());
                s.setLong(3, u.lastSeen().toEpochMilli());
                s.setLong(4, u.directCalls());
                s.setLong(5, u.directErrors());
                s.setString(6, u.consumer());
                s.setString(7, u.api());
                s.setDate(8, Date.valueOf(u.day()));
                s.addBatch();
            }
            updated = s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO api_usage (consumer_id, api_id, usage_day, calls,"
                + " errors, last_seen_ms, direct_calls, direct_errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            boolean any = false;
            for (int i = 0; i < counts.size(); i++) {
                if (updated[i] != 0) {
                    continue;
                }
                UsageCount u = counts.get(i);
                s.setString(1, u.consumer());
                s.setString(2, u.api());
                s.setDate(3, Date.valueOf(u.day()));
                s.setLong(4, u.calls());
                s.setLong(5, u.errors());
                s.setLong(6, u.lastSeen().toEpochMilli());
                s.setLong(7, u.directCalls());
                s.setLong(8, u.directErrors());
                s.addBatch();
                any = true;
            }
            if (any) {
                s.executeBatch();
            }
        }
    }

    static List<ConsumerUsage> byApi(Connection c, String api, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT consumer_id, SUM(calls), SUM(errors),"
                + " MAX(last_seen_ms), SUM(direct_calls), SUM(direct_errors) FROM api_usage"
                + " WHERE api_id = ? AND usage_day >= ? AND usage_day <= ?"
                + " GROUP BY consumer_id ORDER BY SUM(calls) DESC, consumer_id")) {
            s.setString(1, api);
            s.setDate(2, Date.valueOf(from));
            s.setDate(3, Date.valueOf(to));
            List<ConsumerUsage> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new ConsumerUsage(rs.getString(1), rs.getLong(2), rs.getLong(3),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getLong(5), rs.getLong(6)));
                }
            }
            return result;
        }
    }

    static List<UsageCount> byConsumer(Connection c, String consumer, LocalDate from, LocalDate to)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT api_id, usage_day, calls, errors, last_seen_ms,"
                + " direct_calls, direct_errors"
                + " FROM api_usage WHERE consumer_id = ? AND usage_day >= ? AND usage_day <= ? ORDER BY api_id, usage_day")) {
            s.setString(1, consumer);
            s.setDate(2, Date.valueOf(from));
            s.setDate(3, Date.valueOf(to));
            List<UsageCount> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new UsageCount(consumer, rs.getString(1), rs.getDate(2).toLocalDate(),
                            rs.getLong(3), rs.getLong(4), Instant.ofEpochMilli(rs.getLong(5)), rs.getLong(6),
                            rs.getLong(7)));
                }
            }
            return result;
        }
    }
}
