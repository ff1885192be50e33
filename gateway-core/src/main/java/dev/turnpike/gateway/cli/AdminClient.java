package dev.turnpike.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The command line's client of a node's admin API ({@code /admin/v1/catalog}): blocking, for the CLI only.
 * Error answers (problem+json) become an {@link AdminException} whose message is the problem's text.
 */
final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminClient(URI adminUrl, String token) {
        String url = adminUrl.toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.token = token;
    }

    /** The node's catalog as a catalog file. */
    String export() throws AdminException {
        return send(request("admin/v1/catalog").GET().header("Accept", "application/yaml").build());
    }

    /**
     * Sends {@code catalogYaml} to be applied.
     *
     * @param dryRun only report what would change
     * @return the answer: {@code version}, {@code applied}, {@code changes[] {action, type, id}}
     */
    JsonNode apply(String catalogYaml, boolean prune, boolean dryRun) throws AdminException {
        HttpRequest request = request("admin/v1/catalog?prune=" + prune + "&dryRun=" + dryRun)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(catalogYaml, StandardCharsets.UTF_8)).build();
        try {
            return JSON.readTree(send(request));
        } catch (IOException e) {
            throw new AdminException("the admin API at " + base + " answered something that is not JSON: " + e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private String send(HttpRequest request) throws AdminException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new AdminException("cannot reach the admin API at " + base + ": " + reason
                    + " (is a node running there? set --admin-url)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
        if (response.statusCode() / 100 == 2) {
            return response.body();
        }
        throw new AdminException(problemText(response));
    }

    private static String problemText(HttpResponse<String> response) {
        StringBuilder text = new StringBuilder("HTTP " + response.statusCode());
        try {
            JsonNode problem = JSON.readTree(response.body());
            text.append(' ').append(problem.path("title").asText(""));
            if (problem.hasNonNull("detail")) {
                text.append(": ").append(problem.get("detail").asText());
            }
            for (JsonNode error : problem.path("errors")) {
                text.append(System.lineSeparator()).append("  ").append(error.path("pointer").asText())
                        .append(": ").append(error.path("detail").asText());
            }
        } catch (IOException | RuntimeException e) {
            text.append(' ').append(response.body());
        }
        if (response.statusCode() == 401) {
            text.append(System.lineSeparator()).append("  (pass an admin token with --token or TURNPIKE_ADMIN_TOKEN)");
        }
        return text.toString().strip();
    }

    /** The admin API refused or could not be reached; the message says why. */
    static final class AdminException extends Exception {
        private static final long serialVersionUID = 1L;

        AdminException(String message) {
            super(message);
        }
    }
}
