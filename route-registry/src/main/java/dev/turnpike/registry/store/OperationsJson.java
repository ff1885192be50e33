package dev.turnpike.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.InvalidSpecException;
import dev.turnpike.registry.model.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An API spec's operations as the JSON of the {@code spec_operations} column (migration V6), so a load can make the
 * spec from the stored document and these instead of parsing the document again. Written from what
 * {@link ApiSpec#parse} read when the API was stored; read back into equal operations.
 */
final class OperationsJson {
    /** The longest text the column holds; longer operations are not kept (the document is parsed on load). */
    static final int MAX_LENGTH = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OperationsJson() {
    }

    /** {@code spec}'s operations as JSON, or {@code null} when that is longer than the column. */
    static String write(ApiSpec spec) {
        ArrayNode ops = JSON.createArrayNode();
        for (Operation o : spec.operations()) {
            ObjectNode op = ops.addObject().put("method", o.method()).put("path", o.path())
                    .put("summary", o.summary()).put("deprecated", o.deprecated());
            o.operationId().ifPresent(id -> op.put("operationId", id));
            ArrayNode parameters = op.putArray("parameters");
            o.parameters().forEach(p -> parameters.addObject().put("name", p.name()).put("in", p.in())
                    .put("required", p.required()).put("type", p.type()));
            ArrayNode responses = op.putArray("responses");
            o.responses().forEach(r -> responses.addObject().put("status", r.status())
                    .put("description", r.description()));
        }
        String text = ops.toString();
        return text.length() <= MAX_LENGTH ? text : null;
    }

    /**
     * Stores the operations of every stored document that has none (rows written before migration V6), parsing
     * those documents once, in bulk, and hands the specs to {@code specs} so the next load need not parse them. The
     * catalog does not change: no version, no audit entry. Documents the parser rejects now are left as they are.
     *
     * @return how many rows got their operations
     */
    static int backfill(Connection c, SpecCache specs) throws SQLException {
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
                    spec = specs.parseAll(List.of(document)).get(document);
                } catch (InvalidSpecException rejected) {
                    continue; // as before V6: the load that parses it reports it
                }
                specs.add(spec);
                String operations = write(spec);
                if (operations != null) {
                    s.setString(1, operations);
                    s.setString(2, document);
                    filled += s.executeUpdate();
                }
            }
        }
        return filled;
    }

    /**
     * The operations {@link #write} wrote.
     *
     * @throws IllegalStateException if the text is not what {@link #write} writes (the column was changed by hand)
     */
    static List<Operation> read(String text) {
        try {
            List<Operation> operations = new ArrayList<>();
            for (JsonNode op : JSON.readTree(text)) {
                List<Operation.Parameter> parameters = new ArrayList<>();
                for (JsonNode p : op.required("parameters")) {
                    parameters.add(new Operation.Parameter(p.required("name").asText(),
                            p.required("in").asText().intern(), p.required("required").asBoolean(),
                            p.required("type").asText().intern()));
                }
                List<Operation.Response> responses = new ArrayList<>();
                for (JsonNode r : op.required("responses")) {
                    responses.add(new Operation.Response(r.required("status").asText().intern(),
                            r.required("description").asText()));
                }
                // Methods, parameter places and types, statuses: a few values repeated over every operation of
                // every API; one copy each, as the parser's constants are.
                operations.add(new Operation(op.required("method").asText().intern(), op.required("path").asText(),
                        Optional.ofNullable(op.get("operationId")).map(JsonNode::asText),
                        op.required("summary").asText(), op.required("deprecated").asBoolean(), parameters,
                        responses));
            }
            return operations;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("apis.spec_operations: not the JSON the store writes (" + e.getMessage()
                    + ")", e);
        }
    }
}
