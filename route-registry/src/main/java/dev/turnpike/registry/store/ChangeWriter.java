package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.CatalogChange.DeleteApi;
import dev.turnpike.registry.store.CatalogChange.DeleteConsumer;
import dev.turnpike.registry.store.CatalogChange.DeletePool;
import dev.turnpike.registry.store.CatalogChange.DeleteSubscription;
import dev.turnpike.registry.store.CatalogChange.DeleteTeam;
import dev.turnpike.registry.store.CatalogChange.PutApi;
import dev.turnpike.registry.store.CatalogChange.PutConsumer;
import dev.turnpike.registry.store.CatalogChange.PutPool;
import dev.turnpike.registry.store.CatalogChange.PutSubscription;
import dev.turnpike.registry.store.CatalogChange.PutTeam;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes the rows of one {@link CatalogChange} and nothing else, on a connection whose transaction the caller owns and
 * whose catalog the caller has checked to be the one the change was made against (so every delete finds its row and
 * every reference the foreign keys check holds after each change).
 *
 * <p>Order is kept as {@link CatalogChange#applyAll} keeps it: a put of an existing entity updates its row in place
 * (its {@code seq}, and so its position, stays), a new one gets {@code max(seq) + 1} (it is appended); a delete leaves
 * a gap, which ordering by {@code seq} ignores. Child rows (instances, targets, routes) are replaced as a whole.
 */
final class ChangeWriter {
    private final Connection c;

    ChangeWriter(Connection c) {
        this.c = c;
    }

    /** What binds a table's data columns from a parameter index on. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s, int from) throws SQLException;
    }

    /**
     * Writes {@code change}.
     *
     * @return a note for the audit log about rows changed beyond the entity's own (keys of a deleted consumer), or
     *         empty
     */
    String write(CatalogChange change) throws SQLException {
        if (change instanceof PutTeam put) {
            upsert(ConsumerTables.TEAMS, (s, i) -> ConsumerTables.bindTeam(s, i, put.team()), put.team().id());
        } else if (change instanceof DeleteTeam delete) {
            deleteOne(ConsumerTables.TEAMS, delete.id());
        } else if (change instanceof PutApi put) {
            putApi(put.api());
        } else if (change instanceof DeleteApi delete) {
            deleteChildren(CatalogTables.API_TARGETS, delete.id());
            deleteChildren(CatalogTables.API_ROUTES, delete.id());
            deleteOne(CatalogTables.APIS, delete.id());
        } else if (change instanceof PutPool put) {
            putPool(put.pool());
        } else if (change instanceof DeletePool delete) {
            deleteChildren(CatalogTables.POOL_INSTANCES, delete.id());
            deleteOne(CatalogTables.POOLS, delete.id());
        } else if (change instanceof PutConsumer put) {
            upsert(ConsumerTables.CONSUMERS, (s, i) -> ConsumerTables.bindConsumer(s, i, put.consumer()),
                    put.consumer().id());
        } else if (change instanceof DeleteConsumer delete) {
            int keys = ApiKeyTables.deleteOf(c, delete.id());
            deleteOne(ConsumerTables.CONSUMERS, delete.id());
            return keys == 0 ? "" : keys + " API keys deleted";
        } else if (change instanceof PutSubscription put) {
            upsert(ConsumerTables.SUBSCRIPTIONS, (s, i) -> ConsumerTables.bindSubscription(s, i, put.subscription()),
                    put.subscription().consumer(), put.subscription().api());
        } else if (change instanceof DeleteSubscription delete) {
            deleteOne(ConsumerTables.SUBSCRIPTIONS, delete.consumer(), delete.api());
        } else if (change instanceof CatalogChange.PutComposite put) {
            putComposite(put.composite());
        } else if (change instanceof CatalogChange.DeleteComposite delete) {
            deleteChildren(CompositeTables.PARTS, delete.id());
            deleteOne(CompositeTables.COMPOSITES, delete.id());
        } else {
            throw new IllegalArgumentException("change: " + change.getClass().getName() + " (expected: a known kind)");
        }
        return "";
    }

    private void putApi(Api api) throws SQLException {
        upsert(CatalogTables.APIS, (s, i) -> CatalogTables.bindApi(s, i, api), api.id());
        deleteChildren(CatalogTables.API_TARGETS, api.id());
        deleteChildren(CatalogTables.API_ROUTES, api.id());
        try (PreparedStatement targets = c.prepareStatement(CatalogTables.API_TARGETS.insert());
             PreparedStatement routes = c.prepareStatement(CatalogTables.API_ROUTES.insert())) {
            CatalogTables.addTargetsAndRoutes(targets, routes, api);
            targets.executeBatch();
            routes.executeBatch();
        }
    }

    private void putPool(UpstreamPool pool) throws SQLException {
        upsert(CatalogTables.POOLS, (s, i) -> CatalogTables.bindPool(s, i, pool), pool.id());
        deleteChildren(CatalogTables.POOL_INSTANCES, pool.id());
        try (PreparedStatement instances = c.prepareStatement(CatalogTables.POOL_INSTANCES.insert())) {
            CatalogTables.addInstances(instances, pool);
            instances.executeBatch();
        }
    }

    private void putComposite(Composite composite) throws SQLException {
        upsert(CompositeTables.COMPOSITES, (s, i) -> CompositeTables.bind(s, i, composite), composite.id());
        deleteChildren(CompositeTables.PARTS, composite.id());
        try (PreparedStatement parts = c.prepareStatement(CompositeTables.PARTS.insert())) {
            CompositeTables.addParts(parts, composite);
            parts.executeBatch();
        }
    }

    /** Updates the row of {@code key} in place, or appends a new one after every other. */
    private void upsert(Table table, Binder data, String... key) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(table.update())) {
            data.bind(update, 1);
            setKey(update, table.columns().size() + 1, key);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        int seq;
        try (PreparedStatement next = c.prepareStatement(table.nextSeq()); ResultSet rs = next.executeQuery()) {
            rs.next();
            seq = rs.getInt(1);
        }
        try (PreparedStatement insert = c.prepareStatement(table.insert())) {
            setKey(insert, 1, key);
            insert.setInt(key.length + 1, seq);
            data.bind(insert, key.length + 2);
            insert.executeUpdate();
        }
    }

    private void deleteOne(Table table, String... key) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(table.delete())) {
            setKey(delete, 1, key);
            int deleted = delete.executeUpdate();
            if (deleted != 1) {
                // The version check makes the stored catalog the base the change was checked against.
                throw new SQLException(table.name() + ": " + deleted + " rows for " + String.join("/", key)
                        + " (expected: 1; the tables do not hold the catalog of their version)");
            }
        }
    }

    private void deleteChildren(Table table, String parent) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(table.delete())) {
            delete.setString(1, parent);
            delete.executeUpdate();
        }
    }

    private static void setKey(PreparedStatement s, int from, String... key) throws SQLException {
        for (int i = 0; i < key.length; i++) {
            s.setString(from + i, key[i]);
        }
    }
}
