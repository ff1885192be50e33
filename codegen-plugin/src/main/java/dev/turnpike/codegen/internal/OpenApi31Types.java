package dev.turnpike.codegen.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites an OpenAPI 3.1 document as the OpenAPI 3.0 that swagger-codegen v3 reads, so that its fields get types:
 * swagger-codegen reads 3.1 schemas but not their type declarations, and every field comes out {@code Object}.
 *
 * <ul>
 *   <li>{@code type: [X, "null"]} becomes {@code type: X, nullable: true}; several non-null types leave the schema
 *       untyped ({@code Object}), as 3.0 cannot say more;</li>
 *   <li>{@code oneOf}/{@code anyOf} of one schema and {@code {type: "null"}} becomes that schema, nullable;</li>
 *   <li>{@code const: v} becomes {@code enum: [v]} (typed after {@code v} when untyped), and a {@code oneOf} or
 *       {@code anyOf} whose options are all {@code const}s (a 3.1 enum with a title per value) an {@code enum};</li>
 *   <li>a schema's {@code examples: [...]} becomes {@code example} (its first);</li>
 *   <li>numeric {@code exclusiveMinimum}/{@code exclusiveMaximum} become {@code minimum}/{@code maximum} with the
 *       3.0 boolean;</li>
 *   <li>3.1-only top-level parts a client does not use ({@code webhooks}, {@code jsonSchemaDialect},
 *       {@code components.pathItems}, {@code info.summary}, {@code info.license.identifier}) are dropped.</li>
 * </ul>
 */
final class OpenApi31Types {
    private OpenApi31Types() {
    }

    /** Whether {@code root} declares OpenAPI 3.1. */
    static boolean is31(ObjectNode root) {
        return root.path("openapi").asText("").startsWith("3.1");
    }

    /** Rewrites {@code root} (an OpenAPI 3.1 document) in place as 3.0.3. */
    static void downgrade(ObjectNode root) {
        root.put("openapi", "3.0.3");
        root.remove(List.of("webhooks", "jsonSchemaDialect"));
        if (root.path("components") instanceof ObjectNode components) {
            components.remove("pathItems");
        }
        if (root.path("info") instanceof ObjectNode info) {
            info.remove("summary");
            if (info.path("license") instanceof ObjectNode license) {
                license.remove("identifier");
            }
        }
        walk(root);
    }

    private static void walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            schema(object);
            object.forEach(OpenApi31Types::walk);
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenApi31Types::walk);
        }
    }

    private static void schema(ObjectNode s) {
        JsonNode type = s.get("type");
        if (type instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            boolean nullable = false;
            for (JsonNode t : types) {
                if (t.asText().equals("null")) {
                    nullable = true;
                } else {
                    named.add(t.asText());
                }
            }
            if (named.size() == 1) {
                s.put("type", named.get(0));
            } else {
                s.remove("type");
            }
            if (nullable) {
                s.put("nullable", true);
            }
        } else if (type != null && type.asText().equals("null")) {
            s.remove("type");
            s.put("nullable", true);
        }
        for (String composition : List.of("oneOf", "anyOf")) {
            if (s.get(composition) instanceof ArrayNode options) {
                constants(s, composition, options);
            }
            if (s.get(composition) instanceof ArrayNode options) {
                nullableOption(s, composition, options);
            }
        }
        JsonNode constant = s.get("const");
        if (constant != null && !constant.isContainerNode()) {
            s.remove("const");
            if (!s.has("enum")) {
                s.putArray("enum").add(constant);
            }
            if (!s.has("type")) {
                s.put("type", typeOf(constant));
            }
        }
        if (s.get("examples") instanceof ArrayNode examples && isSchema(s)) {
            s.remove("examples");
            if (!examples.isEmpty() && !s.has("example")) {
                s.set("example", examples.get(0));
            }
        }
        for (Map.Entry<String, String> bound : Map.of("exclusiveMinimum", "minimum", "exclusiveMaximum", "maximum")
                .entrySet()) {
            JsonNode value = s.get(bound.getKey());
            if (value != null && value.isNumber()) {
                s.set(bound.getValue(), value);
                s.put(bound.getKey(), true);
            }
        }
    }

    /** {@code oneOf: [{const: 1, title: A}, {const: 2, title: B}]}: {@code enum: [1, 2]}. */
    private static void constants(ObjectNode s, String composition, ArrayNode options) {
        if (options.isEmpty() || s.has("enum")) {
            return;
        }
        for (JsonNode o : options) {
            if (o.get("const") == null || o.get("const").isContainerNode()) {
                return;
            }
        }
        ArrayNode values = s.putArray("enum");
        options.forEach(o -> values.add(o.get("const")));
        s.remove(composition);
        if (!s.has("type")) {
            s.put("type", typeOf(options.get(0).get("const")));
        }
    }

    /** {@code oneOf: [X, {type: "null"}]}: X, nullable. */
    private static void nullableOption(ObjectNode s, String composition, ArrayNode options) {
        List<JsonNode> kept = new ArrayList<>();
        boolean nullable = false;
        for (JsonNode o : options) {
            if (o.path("type").asText("").equals("null") && o.size() == 1) {
                nullable = true;
            } else {
                kept.add(o);
            }
        }
        if (!nullable) {
            return;
        }
        if (kept.size() == 1 && kept.get(0) instanceof ObjectNode only) {
            s.remove(composition);
            if (only.has("$ref") && !s.has("type") && !s.has("properties")) {
                // A $ref with siblings is the $ref alone in 3.0: the description and the like are lost, not the type.
                for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
                    names.next();
                    names.remove();
                }
            }
            s.setAll(only);
        } else {
            ArrayNode rest = s.putArray(composition);
            kept.forEach(rest::add);
        }
        s.put("nullable", true);
    }

    private static boolean isSchema(ObjectNode s) {
        return s.has("type") || s.has("properties") || s.has("enum") || s.has("items") || s.has("format");
    }

    private static String typeOf(JsonNode value) {
        JsonNodeType t = value.getNodeType();
        return switch (t) {
            case BOOLEAN -> "boolean";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            default -> "string";
        };
    }
}
