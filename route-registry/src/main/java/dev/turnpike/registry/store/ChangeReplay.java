package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.CatalogEdit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a catalog the store returned up to a later stored version by reading again only the entities the audit
 * log names for the versions in between: what a node does when another node (or a key write) moved the version,
 * at the cost of the change instead of a whole load. It replays in the order of the log, which is the order the
 * writes appended rows in, so the result equals a whole load.
 *
 * <p>It declines (empty) when the log cannot say it exactly: a whole-catalog replace, a version without entries,
 * more entities than {@link #MAX_ENTITIES}, or an entity deleted and created again (its position moved to the end).
 */
final class ChangeReplay {
    /** Beyond this many changed entities a whole load is as cheap. */
    static final int MAX_ENTITIES = 500;

    private ChangeReplay() {
    }

    /** What the log says about one entity over the range. */
    private record Touched(String type, String id, boolean deleted) {
    }

    /**
     * {@code base} at version {@code version}, on a connection whose (snapshot) transaction reads that version, or
     * empty when the log does not allow it.
     */
    static Optional<VersionedCatalog> replay(Connection c, SpecCache specs, VersionedCatalog base, long version)
            throws SQLException {
        Optional<Map<String, Touched>> touched = touched(c, base.version(), version);
        if (touched.isEmpty()) {
            return Optional.empty();
        }
        CatalogEdit edit = base.catalog().edit();
        boolean keys = false;
        for (Touched t : touched.get().values()) {
            boolean present = switch (t.type()) {
                case "team" -> put(ConsumerTables.selectTeams(c, t.id()), edit::putTeam, () -> edit.deleteTeam(t.id()));
                case "pool" -> put(CatalogTables.selectPools(c, t.id()), edit::putPool, () -> edit.deletePool(t.id()));
                case "api" -> put(CatalogTables.selectApis(c, specs, t.id()), edit::putApi,
                        () -> edit.deleteApi(t.id()));
                case "consumer" -> put(ConsumerTables.selectConsumers(c, t.id()), edit::putConsumer,
                        () -> edit.deleteConsumer(t.id()));
                case "subscription" -> {
                    int slash = t.id().indexOf('/');
                    String consumer = t.id().substring(0, slash);
                    String api = t.id().substring(slash + 1);
                    yield put(ConsumerTables.selectSubscriptions(c, consumer, api), edit::putSubscription,
                            () -> edit.deleteSubscription(consumer, api));
                }
                case "composite" -> put(CompositeTables.select(c, t.id()), edit::putComposite,
                        () -> edit.deleteComposite(t.id()));
                default -> false; // api_key: the keys are read again below
            };
            if (present && t.deleted()) {
                return Optional.empty(); // deleted and created again: it moved to the end, a replay would keep it
            }
            keys |= t.type().equals("api_key") || t.type().equals("consumer") && !present;
        }
        Catalog catalog;
        try {
            catalog = edit.result();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the stored rows are valid, so only a log that misses a change gets here
        }
        return Optional.of(new VersionedCatalog(version, catalog, keys ? ApiKeyTables.all(c) : base.keys()));
    }

    /** Puts the entity if the list has it (then returns true), else runs {@code delete}. */
    private static <T> boolean put(List<T> found, java.util.function.Consumer<T> put, Runnable delete) {
        if (found.isEmpty()) {
            delete.run(); // false when the base did not have it either (created and deleted in between)
            return false;
        }
        put.accept(found.get(0));
        return true;
    }

    /** The entities of versions {@code (from, to]} in log order, or empty when the log cannot be replayed. */
    private static Optional<Map<String, Touched>> touched(Connection c, long from, long to) throws SQLException {
        Map<String, Touched> touched = new LinkedHashMap<>();
        long expected = from + 1;
        try (PreparedStatement s = c.prepareStatement("SELECT version, entity_type, entity_id, action FROM audit_log"
                + " WHERE version > ? AND version <= ? ORDER BY version, seq")) {
            s.setLong(1, from);
            s.setLong(2, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long version = rs.getLong(1);
                    if (version != expected && version != expected - 1) {
                        return Optional.empty(); // a version without entries: not every write is in the log
                    }
                    expected = version + 1;
                    String type = rs.getString(2);
                    if (type.equals("catalog")) {
                        return Optional.empty();
                    }
                    String key = type + " " + rs.getString(3);
                    boolean deleted = rs.getString(4).equals("delete");
                    Touched before = touched.get(key);
                    touched.put(key, new Touched(type, rs.getString(3), deleted || before != null && before.deleted()));
                    if (touched.size() > MAX_ENTITIES) {
                        return Optional.empty();
                    }
                }
            }
        }
        return expected == to + 1 ? Optional.of(touched) : Optional.empty();
    }
}
