package dev.turnpike.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One RFC 9457 problem detail as the gateway sends it.
 *
 * @param type     what went wrong
 * @param detail   this occurrence, in words; never contains secrets
 * @param instance the request id, so a caller can quote it to operators
 */
public record Problem(ProblemType type, String detail, String instance) {
    /** The media type every problem is sent with. */
    public static final String CONTENT_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(instance, "instance");
    }

    /** The JSON body: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status().code())
                .put("detail", detail)
                .put("instance", instance);
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
