package dev.turnpike.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One RFC 9457 problem detail as the gateway sends it.
 *
 * @param type     what went wrong
 * @param detail   this occurrence, in words; never contains secrets
 * @param instance the request id, so a caller can quote it to operators
 */
public record Problem(ProblemType type, String detail, String instance, List<FieldError> errors) {
    /** The media type every problem is sent with. */
    public static final String CONTENT_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(instance, "instance");
        errors = List.copyOf(errors);
    }

    /** A problem without field errors. */
    public Problem(ProblemType type, String detail, String instance) {
        this(type, detail, instance, List.of());
    }

    /**
     * One invalid part of a request: a field of the body, named by its JSON pointer (RFC 6901; empty for the whole
     * body), or a query parameter.
     *
     * @param pointer   the JSON pointer into the body, or {@code null} for a parameter
     * @param parameter the query parameter's name, or {@code null} for a body field
     * @param detail    the value and what was expected
     */
    public record FieldError(String pointer, String parameter, String detail) {
        public FieldError {
            if ((pointer == null) == (parameter == null)) {
                throw new IllegalArgumentException("pointer, parameter: (expected: exactly one of them)");
            }
            Objects.requireNonNull(detail, "detail");
        }

        /** An error in the body at {@code pointer}. */
        public static FieldError at(String pointer, String detail) {
            return new FieldError(pointer, null, detail);
        }

        /** An error in the query parameter {@code name}. */
        public static FieldError parameter(String name, String detail) {
            return new FieldError(null, name, detail);
        }
    }

    /**
     * The JSON body: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, and
     * {@code errors} (each {@code pointer} or {@code parameter}, and {@code detail}) when there are field errors.
     */
    public byte[] toJson() {
        return toJson(null);
    }

    /**
     * The JSON body with, when {@code traceId} is not {@code null}, a {@code traceId} member (an RFC 9457 extension)
     * naming the request's W3C trace.
     */
    public byte[] toJson(String traceId) {
        ObjectNode node = JSON.createObjectNode()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status().code())
                .put("detail", detail)
                .put("instance", instance);
        if (traceId != null) {
            node.put("traceId", traceId);
        }
        if (!errors.isEmpty()) {
            ArrayNode list = node.putArray("errors");
            for (FieldError e : errors) {
                ObjectNode item = list.addObject();
                if (e.pointer() != null) {
                    item.put("pointer", e.pointer());
                } else {
                    item.put("parameter", e.parameter());
                }
                item.put("detail", e.detail());
            }
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // An ObjectNode of strings and ints always serializes; keep the cause if that ever changes.
            throw new IllegalStateException("problem could not be serialized", e);
        }
    }

    /** The JSON body as a string, for logs and tests. */
    @Override
    public String toString() {
        return new String(toJson(), StandardCharsets.UTF_8);
    }
}
