package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The SQL for teams, consumers and subscriptions (migration V2), on a connection whose transaction the caller owns. */
final class ConsumerTables {
    private ConsumerTables() {
    }

    static final Table TEAMS = new Table("teams", List.of("id"), List.of("name", "contact", "description"));
    static final Table CONSUMERS = new Table("consumers", List.of("id"), List.of("name", "team", "contact", "state"));
    static final Table SUBSCRIPTIONS = new Table("subscriptions", List.of("consumer_id", "api_id"),
            List.of("plan_per_second", "plan_burst", "plan_daily_quota", "direct"));

    static void insertTeams(Connection c, Catalog catalog) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TEAMS.insert())) {
            int seq = 0;
            for (Team t : catalog.teams()) {
                s.setString(1, t.id());
                s.setInt(2, seq++);
                bindTeam(s, 3, t);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Consumers and their subscriptions; call after the APIs are inserted (subscriptions reference them). */
    static void insertConsumers(Connection c, Catalog catalog) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CONSUMERS.insert())) {
            int seq = 0;
            for (Consumer consumer : catalog.consumers()) {
                s.setString(1, consumer.id());
                s.setInt(2, seq++);
                bindConsumer(s, 3, consumer);
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(SUBSCRIPTIONS.insert())) {
            int seq = 0;
            for (Subscription sub : catalog.subscriptions()) {
                s.setString(1, sub.consumer());
                s.setString(2, sub.api());
                s.setInt(3, seq++);
                bindSubscription(s, 4, sub);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Binds the data columns of {@link #TEAMS} from parameter {@code i} on. */
    static void bindTeam(PreparedStatement s, int i, Team t) throws SQLException {
        s.setString(i, t.name());
        s.setString(i + 1, t.contact());
        s.setString(i + 2, t.description());
    }

    /** Binds the data columns of {@link #CONSUMERS} from parameter {@code i} on. */
    static void bindConsumer(PreparedStatement s, int i, Consumer consumer) throws SQLException {
        s.setString(i, consumer.name());
        s.setString(i + 1, consumer.team());
        s.setString(i + 2, consumer.contact());
        s.setString(i + 3, consumer.state().name());
    }

    /** Binds the data columns of {@link #SUBSCRIPTIONS} from parameter {@code i} on. */
    static void bindSubscription(PreparedStatement s, int i, Subscription sub) throws SQLException {
        Plan plan = sub.plan().orElse(null);
        ApiColumns.number(s, i, plan == null ? null : (long) plan.perSecond());
        ApiColumns.number(s, i + 1, plan == null ? null : (long) plan.burst());
        ApiColumns.number(s, i + 2, plan == null || plan.dailyQuota().isEmpty() ? null : plan.dailyQuota().getAsLong());
        s.setBoolean(i + 3, sub.direct());
    }

    /** Every team in order, or only the team {@code id}. */
    static List<Team> selectTeams(Connection c, String id) throws SQLException {
        List<Team> teams = new ArrayList<>();
        try (PreparedStatement s = CatalogTables.prepare(c, "SELECT id, name, contact, description FROM teams", "id",
                id, "ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                teams.add(new Team(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return teams;
    }

    /** Every consumer in order, or only the consumer {@code id}. */
    static List<Consumer> selectConsumers(Connection c, String id) throws SQLException {
        List<Consumer> consumers = new ArrayList<>();
        try (PreparedStatement s = CatalogTables.prepare(c, "SELECT id, name, team, contact, state FROM consumers",
                "id", id, "ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                consumers.add(new Consumer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        ConsumerState.valueOf(rs.getString(5))));
            }
        }
        return consumers;
    }

    /** Every subscription in order, or only that of {@code consumer} to {@code api} (both given, or neither). */
    static List<Subscription> selectSubscriptions(Connection c, String consumer, String api) throws SQLException {
        List<Subscription> subscriptions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT consumer_id, api_id, plan_per_second, plan_burst,"
                + " plan_daily_quota, direct FROM subscriptions"
                + (consumer == null ? "" : " WHERE consumer_id = ? AND api_id = ?") + " ORDER BY seq")) {
            if (consumer != null) {
                s.setString(1, consumer);
                s.setString(2, api);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Long perSecond = ApiColumns.number(rs, 3);
                    Long burst = ApiColumns.number(rs, 4);
                    Long quota = ApiColumns.number(rs, 5);
                    Optional<Plan> plan = perSecond == null ? Optional.empty()
                            : Optional.of(new Plan(perSecond.intValue(), burst.intValue(),
                            quota == null ? OptionalLong.empty() : OptionalLong.of(quota)));
                    subscriptions.add(new Subscription(rs.getString(1), rs.getString(2), plan, rs.getBoolean(6)));
                }
            }
        }
        return subscriptions;
    }

    /** Whether the stored catalog has this consumer. */
    static boolean consumerExists(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM consumers WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Row counts of the catalog tables and of api_keys, as an audit summary such as {@code apis=2 pools=3 ...}. */
    static String summary(Connection c) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (String table : List.of("teams", "apis", "pools", "consumers", "subscriptions", "composites", "api_keys")) {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                out.append(out.length() == 0 ? "" : " ").append(table).append('=').append(rs.getLong(1));
            }
        }
        return out.toString();
    }
}
