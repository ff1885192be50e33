package dev.turnpike.registry.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The store's per-day usage counts (who called what): added to by every node's periodic flush, read by the admin
 * API. Not part of the catalog: no version, no audit entry.
 */
final class UsageLedger {
    private final StoreDatabase db;

    UsageLedger(StoreDatabase db) {
        this.db = db;
    }

    /** See {@link CatalogStore#addUsage}. */
    void add(List<UsageCount> counts) {
        List<UsageCount> copy = List.copyOf(counts);
        if (copy.isEmpty()) {
            return;
        }
        try {
            db.inTransaction("add usage", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
                UsageTables.add(c, copy);
                return null;
            });
        } catch (CatalogStoreException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // Another node inserted one of the rows between our update and insert: now they all exist.
            db.inTransaction("add usage", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
                UsageTables.add(c, copy);
                return null;
            });
        }
    }

    /** See {@link CatalogStore#usageOfApi}. */
    List<ConsumerUsage> ofApi(String api, LocalDate from, LocalDate to) {
        requireRange(from, to);
        return db.inTransaction("read the usage of an API", Connection.TRANSACTION_READ_COMMITTED, true,
                c -> UsageTables.byApi(c, api, from, to));
    }

    /** See {@link CatalogStore#usageOfConsumer}. */
    List<UsageCount> ofConsumer(String consumer, LocalDate from, LocalDate to) {
        requireRange(from, to);
        return db.inTransaction("read the usage of a consumer", Connection.TRANSACTION_READ_COMMITTED, true,
                c -> UsageTables.byConsumer(c, consumer, from, to));
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: " + to + " (expected: on or after from " + from + ")");
        }
    }

    private static boolean isUniqueViolation(CatalogStoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null
                    && "23505".equals(batch.getNextException().getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
