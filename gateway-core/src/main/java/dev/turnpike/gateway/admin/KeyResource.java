package dev.turnpike.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.IssuedApiKey;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consumer's API keys: {@code POST /consumers/{id}/keys} issues one and returns its plaintext, the only time it is
 * ever shown (body optional: {@code {"expiresAt": "2027-01-01T00:00:00Z"}}); {@code GET} lists them without
 * secrets (id, prefix, dates, revoked); {@code DELETE /consumers/{id}/keys/{keyId}} revokes one. Every key write
 * bumps the catalog version, and the node loads it before answering, so a new key works on this node at once.
 */
final class KeyResource {
    private final CatalogWrites writes;

    KeyResource(CatalogWrites writes) {
        this.writes = writes;
    }

    void register(AdminRouter router) {
        router.add("GET", "/consumers/{id}/keys", 0, this::list)
                .add("POST", "/consumers/{id}/keys", 64 * 1024, this::create)
                .add("DELETE", "/consumers/{id}/keys/{keyId}", 0, this::revoke);
    }

    private AdminResponse list(AdminRequest request) {
        String consumer = SubscriptionResource.consumer(writes.current(), request.param("id")).id();
        List<ApiKey> keys = writes.withStore(store -> store.keysOf(consumer));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", keys.stream().map(KeyResource::write).toList());
        body.put("total", keys.size());
        return AdminResponse.json(HttpResponseStatus.OK, body);
    }

    private AdminResponse create(AdminRequest request) {
        String consumer = request.param("id");
        Optional<Instant> expiresAt = expiresAt(request);
        SubscriptionResource.consumer(writes.current(), consumer);
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(Instant.now())) {
            throw AdminProblem.invalidField("/expiresAt", expiresAt.get() + " (expected: a time in the future)");
        }
        IssuedApiKey issued = writes.withStore(store -> store.createKey(consumer, expiresAt, request.actor()));
        writes.refresh();
        Map<String, Object> body = write(issued.key());
        body.put("key", issued.plaintext());
        return AdminResponse.json(HttpResponseStatus.CREATED, body)
                .withHeader("Location", AdminApi.PREFIX + "/consumers/" + consumer + "/keys/" + issued.key().id())
                .withHeader("Cache-Control", "no-store");
    }

    private AdminResponse revoke(AdminRequest request) {
        String consumer = request.param("id");
        String keyId = request.param("keyId");
        SubscriptionResource.consumer(writes.current(), consumer);
        boolean owned = writes.withStore(store -> store.keysOf(consumer)).stream()
                .anyMatch(k -> k.id().equals(keyId));
        if (!owned) {
            throw AdminProblem.notFound("key", consumer + "/" + keyId);
        }
        ApiKey revoked = writes.withStore(store -> store.revokeKey(keyId, request.actor()))
                .orElseThrow(() -> AdminProblem.notFound("key", consumer + "/" + keyId));
        writes.refresh();
        return AdminResponse.json(HttpResponseStatus.OK, write(revoked));
    }

    private static Optional<Instant> expiresAt(AdminRequest request) {
        if (request.body().length == 0) {
            return Optional.empty();
        }
        if (request.format() != dev.turnpike.registry.file.CatalogEntities.Format.JSON) {
            throw new AdminProblem(dev.turnpike.gateway.problem.ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type: " + request.contentType() + " (expected: application/json)");
        }
        JsonNode body;
        try {
            body = AdminResponse.JSON.readTree(request.text());
        } catch (JsonProcessingException e) {
            throw AdminProblem.invalidField("", "not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw AdminProblem.invalidField("", "(expected: an object such as {\"expiresAt\": \"2027-01-01T00:00:00Z\"})");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("expiresAt")) {
                throw AdminProblem.invalidField("/" + name, "unknown field (expected one of: expiresAt)");
            }
        }
        JsonNode at = body.get("expiresAt");
        if (at == null || at.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(at.asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        } catch (DateTimeParseException e) {
            throw AdminProblem.invalidField("/expiresAt", at.toString()
                    + " (expected: an ISO-8601 instant such as 2027-01-01T00:00:00Z)");
        }
    }

    private static Map<String, Object> write(ApiKey key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", key.id());
        m.put("consumer", key.consumer());
        m.put("prefix", key.prefix());
        m.put("createdAt", key.createdAt().toString());
        key.expiresAt().ifPresent(t -> m.put("expiresAt", t.toString()));
        m.put("revoked", key.revoked());
        return m;
    }
}
