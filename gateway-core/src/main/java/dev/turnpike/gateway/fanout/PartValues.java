package dev.turnpike.gateway.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.registry.model.PartTemplate;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fills a part's templates from the incoming request (path parameters, query, headers) and the JSON results of the
 * parts it waits for. Values taken from the query, the headers and part results are percent-encoded where they go
 * into a path; path parameters are copied as they came (still encoded).
 */
final class PartValues {
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final HttpHeaders headers;
    private final Map<String, JsonNode> results;

    /** A reference that has no value to give (a missing field of a part's result). */
    static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param results the JSON results of the parts done so far, by part name
     */
    PartValues(Map<String, String> pathParams, String rawQuery, HttpHeaders headers, Map<String, JsonNode> results) {
        this.pathParams = pathParams;
        this.query = new QueryStringDecoder(rawQuery, false).parameters();
        this.headers = headers;
        this.results = results;
    }

    /** The template filled in for a path. @throws Missing when a part's result lacks a referenced field */
    String path(PartTemplate template) {
        return fill(template, true);
    }

    /** The template filled in for a query or header value (not encoded). */
    String text(PartTemplate template) {
        return fill(template, false);
    }

    private String fill(PartTemplate template, boolean path) {
        StringBuilder out = new StringBuilder();
        for (PartTemplate.Piece piece : template.pieces()) {
            if (piece instanceof PartTemplate.Literal l) {
                out.append(l.text());
                continue;
            }
            PartTemplate.Reference r = (PartTemplate.Reference) piece;
            if (r.source() == PartTemplate.Source.PATH) {
                String raw = pathParams.getOrDefault(r.name(), "");
                out.append(path ? raw : QueryStringDecoder.decodeComponent(raw));
                continue;
            }
            String value = switch (r.source()) {
                case QUERY -> {
                    List<String> values = query.get(r.name());
                    yield values == null || values.isEmpty() ? "" : values.get(0);
                }
                case HEADER -> headers.get(r.name(), "");
                default -> field(r);
            };
            out.append(path ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20") : value);
        }
        return out.toString();
    }

    private String field(PartTemplate.Reference r) {
        JsonNode node = results.get(r.name());
        for (String f : r.fields()) {
            if (node == null) {
                break;
            }
            boolean index = node.isArray() && f.length() <= 9 && f.chars().allMatch(Character::isDigit);
            node = index ? node.get(Integer.parseInt(f)) : node.get(f);
        }
        if (node == null || node.isNull() || node.isContainerNode()) {
            throw new Missing("{" + r.text() + "} is " + (node == null || node.isNull() ? "absent"
                    : "not a single value") + " in the result of part " + r.name());
        }
        return node.asText();
    }
}
