package dev.turnpike.gateway.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.problem.ProblemException;
import dev.turnpike.gateway.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The body of {@code POST /_turnpike/batch}: a JSON array of items {@code {id, method, path, headers, body}}.
 * {@link #parse} checks all of it before anything runs; a bad batch is a 400 {@code invalid-batch} problem naming
 * the item and field ({@code items[3].path: ...}).
 *
 * @param items the items, in request order
 */
record BatchRequest(List<Item> items) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("id", "method", "path", "headers", "body");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /**
     * One sub-request.
     *
     * @param id      the caller's id for it, unique in the batch, echoed in its answer
     * @param method  an HTTP method (default GET)
     * @param path    the path on the gateway, as if sent alone, with an optional {@code ?query}
     * @param headers headers to send (never {@code X-Api-Key}: the batch's key is used)
     * @param body    the body: a JSON string is sent as its text, any other JSON value as JSON; {@code null}: none
     */
    record Item(String id, String method, String path, Map<String, String> headers, JsonNode body) {
        Item {
            Objects.requireNonNull(id, "id");
            headers = Map.copyOf(headers);
        }

        /** The body's bytes, or {@code null}. */
        byte[] bodyBytes() {
            if (body == null || body.isNull()) {
                return null;
            }
            return (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
        }
    }

    BatchRequest {
        items = List.copyOf(items);
    }

    /**
     * Reads and checks a batch of at most {@code maxItems} items.
     *
     * @throws ProblemException 400 {@code invalid-batch} naming the first item and field that is wrong
     */
    static BatchRequest parse(byte[] body, int maxItems) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw invalid("the body is not JSON (expected: a JSON array of {id, method, path, headers, body})");
        }
        if (root == null || !root.isArray()) {
            throw invalid("the body is " + (root == null ? "empty" : "a JSON " + root.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT)) + " (expected: a JSON array of {id, method, path, headers,"
                    + " body})");
        }
        if (root.size() == 0 || root.size() > maxItems) {
            throw invalid("items: " + root.size() + " (expected: 1.." + maxItems + ")");
        }
        List<Item> items = new ArrayList<>(root.size());
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            Item item = item(root.get(i), "items[" + i + "]");
            Integer first = ids.putIfAbsent(item.id(), i);
            if (first != null) {
                throw invalid("items[" + i + "].id: \"" + item.id() + "\" (expected: unique ids; also items[" + first
                        + "])");
            }
            items.add(item);
        }
        return new BatchRequest(items);
    }

    private static Item item(JsonNode node, String at) {
        if (!node.isObject()) {
            throw invalid(at + ": " + kind(node) + " (expected: an object {id, method, path, headers, body})");
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw invalid(at + "." + f + ": unknown field (expected one of: id, method, path, headers, body)");
            }
        });
        String id = text(node, at, "id", true, "a string naming the item");
        String method = text(node, at, "method", false, "an HTTP method");
        method = method == null ? "GET" : method;
        if (!METHODS.contains(method)) {
            throw invalid(at + ".method: \"" + method + "\" (expected: one of GET, HEAD, POST, PUT, PATCH, DELETE,"
                    + " OPTIONS)");
        }
        String path = text(node, at, "path", true, "a path starting with /");
        if (!path.startsWith("/")) {
            throw invalid(at + ".path: \"" + path + "\" (expected: a path starting with /)");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = node.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) {
                throw invalid(at + ".headers: " + kind(h) + " (expected: an object of header names to strings)");
            }
            h.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw invalid(at + ".headers." + e.getKey() + ": " + kind(e.getValue()) + " (expected: a string)");
                }
                headers.put(e.getKey(), e.getValue().asText());
            });
        }
        return new Item(id, method, path, headers, node.get("body"));
    }

    private static String text(JsonNode node, String at, String field, boolean required, String expected) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(at + ": missing field " + field + " (expected: " + expected + ")");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw invalid(at + "." + field + ": " + kind(value) + " (expected: " + expected + ")");
        }
        return value.asText();
    }

    private static String kind(JsonNode node) {
        try {
            return node.isTextual() ? JSON.writeValueAsString(node) : node.isContainerNode()
                    ? "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) : node.toString();
        } catch (JsonProcessingException e) {
            return node.getNodeType().name();
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_BATCH, detail);
    }
}
