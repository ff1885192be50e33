package dev.turnpike.codegen.internal;

import dev.turnpike.codegen.CodegenException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a gateway's lookup API with the consumer's API key: API documents ({@code GET
 * /_turnpike/lookup/v1/apis/{id}/spec}, readable by every subscriber of the API) and the key's subscriptions
 * ({@code GET /_turnpike/lookup/v1/subscriptions}).
 */
public final class GatewayDocuments {
    /** The gateway could not be reached (refused, timed out, reset): a cached document may stand in. */
    public static final class UnreachableException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A document as fetched.
     *
     * @param document the document, or {@code null} when the gateway answered 304 to the ETag sent
     * @param etag     the document's ETag, if the gateway sent one
     */
    public record Fetched(String document, Optional<String> etag) {
        /** Whether the document is the one whose ETag was sent. */
        public boolean notModified() {
            return document == null;
        }
    }

    private static final String LOOKUP = "/_turnpike/lookup/v1";
    private static final String KEY_HINT = "; expected: a valid consumer key (property turnpike.apiKey, settings.xml"
            + " server or TURNPIKE_API_KEY)";

    private final String base;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /** A client for {@code gateway} (its public URL). */
    public GatewayDocuments(URI gateway, String apiKey, Duration timeout) {
        this.base = gateway.toString().replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The document of API {@code id}, unless it still has {@code etag} (then {@link Fetched#notModified()}).
     *
     * @throws UnreachableException when the gateway does not answer
     * @throws CodegenException     naming the API for any answer but 200 and 304 (unknown id, key refused, no
     *                              document)
     */
    public Fetched document(String id, Optional<String> etag) throws UnreachableException {
        URI uri = URI.create(base + LOOKUP + "/apis/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/spec");
        HttpResponse<String> response = send(uri, "application/json, application/yaml", etag);
        int status = response.statusCode();
        String detail = detail(uri, response);
        return switch (status) {
            case 200 -> new Fetched(response.body(), response.headers().firstValue("ETag"));
            case 304 -> new Fetched(null, etag);
            case 401 -> throw new CodegenException(id, "the gateway refused the API key" + detail + KEY_HINT);
            case 403 -> throw new CodegenException(id, "the API key may not read this API" + detail
                    + "; expected: a key of a consumer subscribed to it");
            case 404 -> throw new CodegenException(id, "no such API or no document" + detail
                    + "; expected: the id of an API with an OpenAPI document");
            default -> throw new CodegenException(id, "unexpected answer" + detail);
        };
    }

    /**
     * The key's subscriptions, as the gateway's JSON ({@link Subscriptions#parse}).
     *
     * @throws UnreachableException when the gateway does not answer
     * @throws CodegenException     for any answer but 200 (key refused, consumer suspended)
     */
    public String subscriptions() throws UnreachableException {
        URI uri = URI.create(base + LOOKUP + "/subscriptions");
        HttpResponse<String> response = send(uri, "application/json", Optional.empty());
        String detail = detail(uri, response);
        return switch (response.statusCode()) {
            case 200 -> response.body();
            case 401 -> throw new CodegenException("", "the gateway refused the API key when listing its"
                    + " subscriptions" + detail + KEY_HINT);
            case 403 -> throw new CodegenException("", "the gateway refused to list the key's subscriptions" + detail
                    + "; expected: a key of an active (not suspended) consumer");
            case 404 -> throw new CodegenException("", "the gateway does not list subscriptions" + detail
                    + "; expected: a gateway with GET " + LOOKUP + "/subscriptions, or the API ids in apis");
            default -> throw new CodegenException("", "unexpected answer when listing the key's subscriptions"
                    + detail);
        };
    }

    private HttpResponse<String> send(URI uri, String accept, Optional<String> etag) throws UnreachableException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("X-Api-Key", apiKey)
                .header("Accept", accept).GET();
        etag.ifPresent(e -> request.header("If-None-Match", e));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UnreachableException("gateway " + base + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while fetching from " + base, e);
        }
    }

    private static String detail(URI uri, HttpResponse<String> response) {
        String body = response.body();
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return " (" + response.statusCode() + " from " + uri + ": "
                + (oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...") + ")";
    }
}
