package dev.turnpike.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PartRequest;
import dev.turnpike.registry.model.PartTemplate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of composites ({@code composites} and {@code composite_parts}, migration V7), on a connection whose
 * transaction the caller owns. A part's query and headers are stored as JSON objects of template texts.
 */
final class CompositeTables {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> TEXTS = new TypeReference<>() {
    };

    static final Table COMPOSITES = new Table("composites", List.of("id"), List.of("owner_team", "description",
            "lifecycle", "method", "path", "timeout_ms"));
    static final Table PARTS = new Table("composite_parts", List.of("composite_id"), List.of("name", "api_id",
            "method", "path", "query_json", "headers_json", "optional", "timeout_ms"));

    private CompositeTables() {
    }

    static void insert(Connection c, Catalog catalog) throws SQLException {
        try (PreparedStatement composites = c.prepareStatement(COMPOSITES.insert());
             PreparedStatement parts = c.prepareStatement(PARTS.insert())) {
            int seq = 0;
            for (Composite composite : catalog.composites()) {
                composites.setString(1, composite.id());
                composites.setInt(2, seq++);
                bind(composites, 3, composite);
                composites.addBatch();
                addParts(parts, composite);
            }
            composites.executeBatch();
            parts.executeBatch();
        }
    }

    /** Binds the data columns of {@link #COMPOSITES} from parameter {@code i} on. */
    static void bind(PreparedStatement s, int i, Composite k) throws SQLException {
        s.setString(i, k.owner());
        s.setString(i + 1, k.description());
        s.setString(i + 2, k.lifecycle().name());
        s.setString(i + 3, k.method());
        s.setString(i + 4, k.path());
        s.setLong(i + 5, k.timeout().toMillis());
    }

    /** Adds the {@link #PARTS} rows of {@code k} to the batch of {@code parts}. */
    static void addParts(PreparedStatement parts, Composite k) throws SQLException {
        int seq = 0;
        for (CompositePart p : k.parts()) {
            parts.setString(1, k.id());
            parts.setInt(2, seq++);
            parts.setString(3, p.name());
            parts.setString(4, p.api());
            parts.setString(5, p.request().method());
            parts.setString(6, p.request().path().text());
            parts.setString(7, json(p.request().query()));
            parts.setString(8, json(p.request().headers()));
            parts.setBoolean(9, p.optional());
            if (p.timeout().isPresent()) {
                parts.setLong(10, p.timeout().get().toMillis());
            } else {
                parts.setNull(10, Types.BIGINT);
            }
            parts.addBatch();
        }
    }

    /** Every composite in order, or only the composite {@code id} (then a list of one, or empty). */
    static List<Composite> select(Connection c, String id) throws SQLException {
        Map<String, List<CompositePart>> parts = new LinkedHashMap<>();
        try (PreparedStatement s = CatalogTables.prepare(c, "SELECT composite_id, name, api_id, method, path,"
                + " query_json, headers_json, optional, timeout_ms FROM composite_parts", "composite_id", id,
                "ORDER BY composite_id, seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long timeout = rs.getLong(9);
                Optional<Duration> partTimeout = rs.wasNull() ? Optional.empty()
                        : Optional.of(Duration.ofMillis(timeout));
                PartRequest request = new PartRequest(rs.getString(4), PartTemplate.parse("path", rs.getString(5)),
                        templates(rs.getString(6)), templates(rs.getString(7)));
                parts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new CompositePart(
                        rs.getString(2), rs.getString(3), request, rs.getBoolean(8), partTimeout));
            }
        }
        List<Composite> composites = new ArrayList<>();
        try (PreparedStatement s = CatalogTables.prepare(c, "SELECT id, owner_team, description, lifecycle, method,"
                + " path, timeout_ms FROM composites", "id", id, "ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                composites.add(new Composite(rs.getString(1), rs.getString(2), rs.getString(3),
                        Lifecycle.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                        Duration.ofMillis(rs.getLong(7)), parts.getOrDefault(rs.getString(1), List.of())));
            }
        }
        return composites;
    }

    private static String json(Map<String, PartTemplate> templates) throws SQLException {
        Map<String, String> texts = new LinkedHashMap<>();
        templates.forEach((name, t) -> texts.put(name, t.text()));
        try {
            return JSON.writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write " + texts + " as JSON", e);
        }
    }

    private static Map<String, PartTemplate> templates(String json) throws SQLException {
        Map<String, String> texts;
        try {
            texts = JSON.readValue(json, TEXTS);
        } catch (JsonProcessingException e) {
            throw new SQLException("composite_parts: " + json + " (expected: a JSON object of strings)", e);
        }
        Map<String, PartTemplate> templates = new LinkedHashMap<>();
        texts.forEach((name, text) -> templates.put(name, PartTemplate.parse(name, text)));
        return templates;
    }
}
