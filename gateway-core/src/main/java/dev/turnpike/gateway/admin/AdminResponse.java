package dev.turnpike.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an admin handler answers: status, extra headers and a body with its media type.
 *
 * @param status      the status
 * @param contentType the body's media type, or {@code null} for no body
 * @param body        the body bytes (empty for none)
 * @param headers     extra headers such as {@code ETag} and {@code Location}
 */
record AdminResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json";

    AdminResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** {@code value} as JSON. */
    static AdminResponse json(HttpResponseStatus status, Object value) {
        return new AdminResponse(status, JSON_TYPE, toJson(value), Map.of());
    }

    /** One entity as JSON with its {@code ETag}. */
    static AdminResponse entity(HttpResponseStatus status, Map<String, Object> representation) {
        byte[] body = toJson(representation);
        return new AdminResponse(status, JSON_TYPE, body, Map.of("ETag", EntityTags.of(representation)));
    }

    /** 204 with no body. */
    static AdminResponse noContent() {
        return new AdminResponse(HttpResponseStatus.NO_CONTENT, null, new byte[0], Map.of());
    }

    /** A text body of the given type. */
    static AdminResponse text(String contentType, String text, Map<String, String> headers) {
        return new AdminResponse(HttpResponseStatus.OK, contentType, text.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A copy with one more header. */
    AdminResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new AdminResponse(status, contentType, body, h);
    }

    static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Only maps, lists, strings, numbers and booleans are written: a failure here is a bug.
            throw new IllegalStateException("cannot write the response as JSON", e);
        }
    }
}
