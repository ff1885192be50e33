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

/**
 * Fetches API documents from a gateway's lookup API ({@code GET /_turnpike/lookup/v1/apis/{id}/spec}, readable by
 * every subscriber of the API) with the consumer's API key.
 */
public final class GatewayDocuments {
    /** The gateway could not be reached (refused, timed out, reset): a cached document may stand in. */
    public static final class UnreachableException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final URI gateway;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /** A client for {@code gateway} (its public URL). */
    public GatewayDocuments(URI gateway, String apiKey, Duration timeout) {
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The document of API {@code id}.
     *
     * @throws UnreachableException when the gateway does not answer
     * @throws CodegenException     naming the API for any answer but 200 (unknown id, key refused, no document)
     */
    public String document(String id) throws UnreachableException {
        String base = gateway.toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/_turnpike/lookup/v1/apis/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "/spec");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("X-Api-Key", apiKey)
                .header("Accept", "application/json, application/yaml").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UnreachableException("gateway " + base + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while fetching from " + base, e);
        }
        int status = response.statusCode();
        String detail = " (" + status + " from " + uri + ": " + abbreviated(response.body()) + ")";
        return switch (status) {
            case 200 -> response.body();
            case 401 -> throw new CodegenException(id, "the gateway refused the API key" + detail
                    + "; expected: a valid consumer key (property turnpike.apiKey, settings.xml server or"
                    + " TURNPIKE_API_KEY)");
            case 403 -> throw new CodegenException(id, "the API key may not read this API" + detail
                    + "; expected: a key of a consumer subscribed to it");
            case 404 -> throw new CodegenException(id, "no such API or no document" + detail
                    + "; expected: the id of an API with an OpenAPI document");
            default -> throw new CodegenException(id, "unexpected answer" + detail);
        };
    }

    private static String abbreviated(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
