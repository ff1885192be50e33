package dev.turnpike.codegen.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pass over an OpenAPI 3.0 document (as a JSON tree) that makes the documents swagger-codegen cannot take as they
 * are into ones it generates compiling code from. Each repair is reported as a note:
 *
 * <ul>
 *   <li>a {@code $ref} deeper than {@code #/components/<kind>/<name>} (into another schema, or into
 *       {@code #/paths}) is replaced by a copy of what it points at: swagger-codegen fails on them with a
 *       {@code NullPointerException};</li>
 *   <li>a property named {@code ""} is dropped (no Java field can have that name; the generator fails on it);</li>
 *   <li>a {@code default} on a schema without a type is dropped (it would be printed unquoted into an
 *       {@code Object} field);</li>
 *   <li>a schema with a scalar {@code type} of its own and an {@code allOf} (of schemas that only constrain it, such
 *       as an enum of all values) loses the {@code allOf}: the generator makes a class extending a type it never
 *       generates;</li>
 *   <li>a request body offering several media types keeps one, in the order JSON, form, multipart, other (several
 *       give overloads with identical signatures).</li>
 * </ul>
 *
 * <p>What cannot be repaired is collected as problems: a {@code $ref} that resolves to nothing (named with where it
 * is), an external {@code $ref}, a cycle of deep references.
 */
final class DocumentRepairs {
    private static final Pattern COMPONENT = Pattern.compile("#/components/[^/]+/[^/]+");
    private static final List<String> MEDIA_PREFERENCE = List.of("application/json",
            "application/x-www-form-urlencoded", "multipart/form-data");
    private static final int MAX_INLINE_DEPTH = 16;
    private static final java.util.Set<String> SCALARS = java.util.Set.of("string", "integer", "number", "boolean");

    private final ObjectNode root;
    private final List<String> notes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private DocumentRepairs(ObjectNode root) {
        this.root = root;
    }

    /** What one pass did and found. */
    record Outcome(List<String> notes, List<String> problems) {
    }

    /** Repairs {@code root} in place. */
    static Outcome repair(ObjectNode root) {
        DocumentRepairs r = new DocumentRepairs(root);
        r.references(root, "", 0);
        r.walk(root, "");
        r.requestBodies();
        return new Outcome(List.copyOf(r.notes), List.copyOf(r.problems));
    }

    private void references(JsonNode node, String where, int depth) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                reference(object, ref.asText(), where, depth);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                references(e.getValue(), where + "/" + escape(e.getKey()), depth);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                references(array.get(i), where + "/" + i, depth);
            }
        }
    }

    private void reference(ObjectNode holder, String ref, String where, int depth) {
        if (!ref.startsWith("#")) {
            problems.add("$ref " + ref + " at " + where + ": an external reference (expected: a self-contained"
                    + " document, references starting with #/)");
            return;
        }
        JsonNode target = resolve(ref);
        if (target == null || target.isMissingNode()) {
            problems.add("$ref " + ref + " at " + where + " does not resolve (expected: a part of this document)");
            return;
        }
        if (COMPONENT.matcher(ref).matches()) {
            return;
        }
        if (depth >= MAX_INLINE_DEPTH) {
            problems.add("$ref " + ref + " at " + where + ": references deeper than a component refer to each other"
                    + " in a cycle (expected: references to #/components/<kind>/<name>)");
            return;
        }
        holder.remove("$ref");
        holder.setAll((ObjectNode) target.deepCopy());
        notes.add("inlined $ref " + ref + " at " + where);
        references(holder, where, depth + 1);
    }

    private JsonNode resolve(String ref) {
        String pointer = URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8);
        try {
            JsonNode target = root.at(JsonPointer.compile(pointer));
            return target instanceof ObjectNode ? target : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void walk(JsonNode node, String where) {
        if (node instanceof ObjectNode object) {
            if (object.get("properties") instanceof ObjectNode properties && properties.has("")) {
                properties.remove("");
                if (object.get("required") instanceof ArrayNode required) {
                    for (int i = required.size() - 1; i >= 0; i--) {
                        if (required.get(i).asText().isEmpty()) {
                            required.remove(i);
                        }
                    }
                }
                notes.add("dropped the property named \"\" at " + where + "/properties");
            }
            if (object.has("default") && object.get("default").isTextual() && !object.has("type")
                    && !object.has("$ref") && !object.has("allOf") && !object.has("oneOf") && !object.has("anyOf")
                    && !object.has("enum") && isSchemaPosition(where)) {
                object.remove("default");
                notes.add("dropped the string default of the untyped schema at " + where);
            }
            if (object.has("allOf") && SCALARS.contains(object.path("type").asText(""))) {
                object.remove("allOf");
                notes.add("dropped the allOf of the " + object.path("type").asText() + " schema at " + where);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), where + "/" + escape(e.getKey()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), where + "/" + i);
            }
        }
    }

    /** Not an example value or an extension, where {@code default} may be anything. */
    private static boolean isSchemaPosition(String where) {
        return !where.contains("/example") && !where.contains("/x-");
    }

    private void requestBodies() {
        List<ObjectNode> bodies = new ArrayList<>();
        root.path("paths").forEach(item -> item.forEach(op -> {
            if (op.get("requestBody") instanceof ObjectNode body) {
                bodies.add(body);
            }
        }));
        root.path("components").path("requestBodies").forEach(body -> {
            if (body instanceof ObjectNode b) {
                bodies.add(b);
            }
        });
        for (ObjectNode body : bodies) {
            if (body.get("content") instanceof ObjectNode content && content.size() > 1) {
                String kept = preferred(content);
                List<String> dropped = new ArrayList<>();
                content.fieldNames().forEachRemaining(n -> {
                    if (!n.equals(kept)) {
                        dropped.add(n);
                    }
                });
                content.retain(kept);
                notes.add("request body offering " + (dropped.size() + 1) + " media types: generated for " + kept
                        + " only (not " + String.join(", ", dropped) + ")");
            }
        }
    }

    private static String preferred(ObjectNode content) {
        for (String wanted : MEDIA_PREFERENCE) {
            for (Iterator<String> names = content.fieldNames(); names.hasNext(); ) {
                String n = names.next();
                if (n.toLowerCase(java.util.Locale.ROOT).startsWith(wanted)) {
                    return n;
                }
            }
        }
        return content.fieldNames().next();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
