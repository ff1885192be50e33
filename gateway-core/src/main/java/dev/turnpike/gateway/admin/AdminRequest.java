package dev.turnpike.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.turnpike.registry.file.CatalogEntities;
import dev.turnpike.registry.store.AdminToken;
import dev.turnpike.gateway.problem.ProblemType;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One admin request as a handler sees it: already authenticated, matched and with its body read.
 *
 * @param method      upper-case method
 * @param path        the path without query
 * @param params      the path template's parameters ({@code id}, ...)
 * @param query       query parameters, each with its values
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param ifMatch     the {@code If-Match} header, or {@code null}
 * @param body        the body (empty when there is none)
 * @param token       the admin token that sent it
 */
record AdminRequest(String method, String path, Map<String, String> params, Map<String, List<String>> query,
                    String contentType, String ifMatch, byte[] body, AdminToken token) {
    /** Media types of JSON bodies. */
    static final List<String> JSON_TYPES = List.of("application/json");
    /** Media types of YAML bodies. */
    static final List<String> YAML_TYPES = List.of("application/yaml", "application/x-yaml", "text/yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    AdminRequest {
        Objects.requireNonNull(method, "method");
        params = Map.copyOf(params);
        query = Map.copyOf(query);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(token, "token");
    }

    /** The path parameter {@code name}. */
    String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    /** The first value of query parameter {@code name}, or {@code null}. */
    String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Who is asking, for the audit log. */
    String actor() {
        return token.name();
    }

    /** The media type without parameters, lower case; {@code null} without a {@code Content-Type}. */
    String mediaType() {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The body's syntax from its {@code Content-Type}: JSON or YAML.
     *
     * @throws AdminProblem 415 for any other (or no) media type
     */
    CatalogEntities.Format format() {
        String type = mediaType();
        if (type != null && JSON_TYPES.contains(type)) {
            return CatalogEntities.Format.JSON;
        }
        if (type != null && YAML_TYPES.contains(type)) {
            return CatalogEntities.Format.YAML;
        }
        throw new AdminProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type: "
                + (contentType == null ? "(none)" : contentType)
                + " (expected: application/json, application/yaml, application/x-yaml or text/yaml)");
    }

    /**
     * This request with {@code field} set to {@code value} in its body when the body is a map without it (a
     * {@code PUT} whose id is in the path only); otherwise this request unchanged, so the reader reports what is
     * wrong with the body as sent.
     */
    AdminRequest withBodyDefault(String field, String value) {
        CatalogEntities.Format format = format();
        ObjectMapper mapper = format == CatalogEntities.Format.JSON ? JSON : YAML;
        JsonNode tree;
        try {
            tree = mapper.readTree(text());
        } catch (IOException e) {
            return this; // unreadable: the entity reader says where and why
        }
        if (!(tree instanceof ObjectNode map) || map.has(field)) {
            return this;
        }
        map.put(field, value);
        try {
            return new AdminRequest(method, path, params, query, contentType, ifMatch, mapper.writeValueAsBytes(map),
                    token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a parsed body again", e);
        }
    }

    /**
     * The body as UTF-8 text.
     *
     * @throws AdminProblem 400 if it is not valid UTF-8
     */
    String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw AdminProblem.invalidField("", "not UTF-8 text (expected: a UTF-8 encoded body)");
        }
    }
}
