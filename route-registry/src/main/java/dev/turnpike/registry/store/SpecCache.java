package dev.turnpike.registry.store;

import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.InvalidSpecException;
import dev.turnpike.registry.spec.OperationsJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import dev.turnpike.registry.model.Catalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed specs of the catalog last stored or loaded, by document text, so that loading a catalog does not run
 * swagger-parser again over documents that did not change (parsing costs milliseconds per document, which adds up
 * to seconds at thousands of APIs). Holds what the last catalog loaded or replaced holds, plus the specs written by
 * entity-level changes since. Thread-safe: a concurrent map, replaced as a whole by {@link #remember}.
 */
final class SpecCache {
    private static final int PARALLEL_FROM = 16;

    private volatile Map<String, ApiSpec> byDocument = new ConcurrentHashMap<>();

    /**
     * The specs of {@code documents} by text: remembered ones as they are, the others parsed in parallel (on the
     * common fork-join pool) when there are many, as on a node's first load of a large catalog.
     *
     * @throws dev.turnpike.registry.model.InvalidSpecException if a document does not parse
     */
    Map<String, ApiSpec> parseAll(List<String> documents) {
        Map<String, ApiSpec> known = byDocument;
        Map<String, ApiSpec> result = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String document : documents) {
            ApiSpec spec = known.get(document);
            if (spec != null) {
                result.put(document, spec);
            } else if (!result.containsKey(document)) {
                result.put(document, null);
                unknown.add(document);
            }
        }
        (unknown.size() >= PARALLEL_FROM ? unknown.parallelStream() : unknown.stream())
                .map(document -> ApiSpec.parse(document, ApiSpec.UNLIMITED)).toList()
                .forEach(spec -> result.put(spec.document(), spec));
        return result;
    }

    /**
     * The spec of {@code document}: the remembered one, else one made from {@code operations} as stored with it
     * (no parsing: the document was checked and its operations read when it was stored), else parsed.
     */
    ApiSpec of(String document, Optional<String> operations) {
        ApiSpec known = byDocument.get(document);
        if (known != null) {
            return known;
        }
        return operations.map(ops -> OperationsJson.spec(document, ops))
                .orElseGet(() -> ApiSpec.parse(document, ApiSpec.UNLIMITED));
    }

    /** Remembers the specs of {@code catalog}, forgetting all others. */
    void remember(Catalog catalog) {
        Map<String, ApiSpec> specs = new ConcurrentHashMap<>();
        catalog.apis().forEach(a -> a.spec().ifPresent(s -> specs.putIfAbsent(s.document(), s)));
        byDocument = specs;
    }

    /**
     * Remembers {@code spec} as well, in O(1): for entity-level writes, which must not cost O(catalog). Specs that
     * were replaced stay until the next {@link #remember}, which every load does.
     */
    void add(ApiSpec spec) {
        byDocument.putIfAbsent(spec.document(), spec);
    }

    /**
     * Stores the operations of every stored document that has none (rows written before migration V6), parsing
     * those documents once, in bulk, and remembers their specs, so the next load need not parse them. The
     * catalog does not change: no version, no audit entry. Documents the parser rejects now are left as they are.
     *
     * @return how many rows got their operations
     */
    int backfill(Connection c) throws SQLException {
        List<String> documents = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT spec_document FROM apis"
                + " WHERE spec_document IS NOT NULL AND spec_operations IS NULL");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                documents.add(rs.getString(1));
            }
        }
        int filled = 0;
        try (PreparedStatement s = c.prepareStatement("UPDATE apis SET spec_operations = ?"
                + " WHERE spec_document = ? AND spec_operations IS NULL")) {
            for (String document : documents) {
                ApiSpec spec;
                try {
                    spec = parseAll(List.of(document)).get(document);
                } catch (InvalidSpecException rejected) {
                    continue; // as before V6: the load that parses it reports it
                }
                add(spec);
                String operations = OperationsJson.write(spec);
                if (operations != null) {
                    s.setString(1, operations);
                    s.setString(2, document);
                    filled += s.executeUpdate();
                }
            }
        }
        return filled;
    }
}
