package dev.turnpike.registry.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An API spec's operations as one line of JSON, kept next to the document (the store's {@code spec_operations}
 * column, the node's snapshot file) so that a spec can be made again from the document and these without parsing
 * the document: {@code OperationsJson.spec(document, json)}. Written from what {@link ApiSpec#parse}
 * read; read back into equal operations.
 */
public final class OperationsJson {
    /** The longest text the column holds; longer operations are not kept (the document is parsed on load). */
    public static final int MAX_LENGTH = 64 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OperationsJson() {
    }

    /**
     * {@code spec}'s operations as JSON (with its warnings, if any), or {@code null} when that is longer than the
     * column.
     */
    public static String write(ApiSpec spec) {
        ObjectNode withWarnings = JSON.createObjectNode();
        ArrayNode ops = spec.warnings().isEmpty() ? JSON.createArrayNode() : withWarnings.putArray("operations");
        if (!spec.warnings().isEmpty()) {
            ArrayNode warnings = withWarnings.putArray("warnings");
            spec.warnings().forEach(warnings::add);
        }
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
        String text = spec.warnings().isEmpty() ? ops.toString() : withWarnings.toString();
        return text.length() <= MAX_LENGTH ? text : null;
    }

    /**
     * The spec of {@code document} whose operations and warnings {@link #write} wrote as {@code text}.
     *
     * @throws IllegalStateException if the text is not what {@link #write} writes (the column was changed by hand)
     */
    public static ApiSpec spec(String document, String text) {
        JsonNode root = tree(text);
        if (root.isArray()) {
            return new ApiSpec(document, operations(root));
        }
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new ApiSpec(document, operations(root.path("operations")), warnings);
    }

    /**
     * The operations {@link #write} wrote.
     *
     * @throws IllegalStateException if the text is not what {@link #write} writes (the column was changed by hand)
     */
    public static List<Operation> read(String text) {
        JsonNode root = tree(text);
        return operations(root.isArray() ? root : root.path("operations"));
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("spec operations: not the JSON OperationsJson writes (" + e.getMessage()
                    + ")", e);
        }
    }

    private static List<Operation> operations(JsonNode array) {
        try {
            List<Operation> operations = new ArrayList<>();
            for (JsonNode op : array) {
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
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("spec operations: not the JSON OperationsJson writes (" + e.getMessage()
                    + ")", e);
        }
    }
}
