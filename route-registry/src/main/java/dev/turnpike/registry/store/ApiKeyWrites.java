package dev.turnpike.registry.store;

import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.ApiKeyGenerator;
import dev.turnpike.registry.model.IssuedApiKey;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The store's API key writes: each bumps the catalog version and appends an audit entry in its transaction, so nodes
 * learn of it like of any catalog change (and read the keys again, see {@link ChangeReplay}).
 */
final class ApiKeyWrites {
    private final StoreDatabase db;
    private final ApiKeyGenerator generator;
    private final Clock clock;

    ApiKeyWrites(StoreDatabase db, ApiKeyGenerator generator, Clock clock) {
        this.db = db;
        this.generator = generator;
        this.clock = clock;
    }

    /** See {@link CatalogStore#createKey}. */
    IssuedApiKey create(String consumer, Optional<Instant> expiresAt, String actor) {
        Objects.requireNonNull(consumer, "consumer");
        JdbcCatalogStore.requireActor(actor);
        IssuedApiKey issued = generator.generate(consumer, expiresAt);
        return db.inTransaction("create an API key", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
            long version = db.bumpVersion(c);
            if (!ConsumerTables.consumerExists(c, consumer)) {
                throw new EntityNotFoundException("consumer", consumer);
            }
            ApiKey key = issued.key();
            ApiKeyTables.insert(c, key);
            AuditTables.append(c, new AuditEntry(version, actor, clock.instant(), "api_key", key.id(), "create", "",
                    describe(key)));
            return issued;
        });
    }

    /** See {@link CatalogStore#revokeKey}. */
    Optional<ApiKey> revoke(String keyId, String actor) {
        Objects.requireNonNull(keyId, "keyId");
        JdbcCatalogStore.requireActor(actor);
        return db.inTransaction("revoke an API key", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
            Optional<ApiKey> found = ApiKeyTables.byId(c, keyId);
            if (found.isEmpty() || found.get().revoked()) {
                return found; // nothing to change: no version, no audit entry
            }
            long version = db.bumpVersion(c);
            ApiKey revoked = found.get().revoke();
            ApiKeyTables.markRevoked(c, keyId);
            AuditTables.append(c, new AuditEntry(version, actor, clock.instant(), "api_key", keyId, "revoke",
                    describe(found.get()), describe(revoked)));
            return Optional.of(revoked);
        });
    }

    /** Secret-free: the prefix identifies a key to people, the hash stays out of the log. */
    private static String describe(ApiKey key) {
        return "consumer=" + key.consumer() + " prefix=" + key.prefix()
                + key.expiresAt().map(t -> " expiresAt=" + t).orElse("") + " revoked=" + key.revoked();
    }
}
