package dev.turnpike.gateway.webui;

import dev.turnpike.gateway.problem.Problem;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.server.RequestIds;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.config.WebOrigin;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.webjars.WebJarVersionLocator;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The web catalog: a single-page application under {@code /ui/} on the admin listener, talking only to the admin
 * API of the same origin. Every file is in the jar (the application's own ES modules and CSS, Swagger UI from its
 * webjar under {@code /ui/vendor/swagger-ui/}), read once at construction, so answering never touches a file on the
 * event loop. Every answer carries a strict Content-Security-Policy (scripts, styles and connections from this origin
 * only, no inline script, no framing) and an {@code ETag} for revalidation. {@code docs/web-catalog.md} describes the
 * pages.
 *
 * <p>Swagger UI's "Try it out" is off unless the node is given the public URL to send its requests to
 * ({@code ui.tryItOut}): then the policy also allows connections to that URL's origin (and only it), and
 * {@code /ui/settings.json} tells the page the URL and the origins the public listener answers CORS for.
 *
 * <pre>{@code
 * WebUi ui = new WebUi(Optional.of(URI.create("https://api.example.com")), cors::origins);
 * routes.route(ui::handles, ui::handle);
 * }</pre>
 *
 * <p>Thread-safe (immutable after construction).
 */
public final class WebUi {
    /** Where the UI is mounted. */
    public static final String PREFIX = "/ui";
    /** The policy every answer carries while "Try it out" is off. */
    public static final String CONTENT_SECURITY_POLICY = policy("'self'");
    /** The page's settings: whether "Try it out" is on, and where its requests go. */
    static final String SETTINGS = PREFIX + "/settings.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWN = "/dev/turnpike/gateway/webui/";
    /** The application's files, below {@link #OWN}. */
    private static final List<String> OWN_FILES = List.of("index.html", "app.css", "favicon.svg",
            "js/main.js", "js/http.js", "js/dom.js", "js/live.js", "js/chart.js", "js/lists.js", "js/apis.js",
            "js/api-page.js", "js/api-actions.js", "js/consumers.js", "js/teams.js", "js/keys.js", "js/swagger.js",
            "js/pool-health.js", "js/try-it-out.js");
    /** The Swagger UI files the document view loads, from the webjar. */
    private static final List<String> SWAGGER_FILES = List.of("swagger-ui-bundle.js", "swagger-ui.css");

    private final Map<String, Asset> assets = new HashMap<>();
    private final Optional<URI> tryItOut;
    private final Supplier<List<WebOrigin>> corsOrigins;
    private final String contentSecurityPolicy;

    /**
     * Reads the application and the Swagger UI files from the class path.
     *
     * @param tryItOut    the public URL "Try it out" sends requests to; empty = "Try it out" is off
     * @param corsOrigins the origins the public listener currently answers CORS for (the page warns when its own
     *                    origin is not one of them)
     * @throws IllegalStateException if a file is missing (a broken build)
     */
    public WebUi(Optional<URI> tryItOut, Supplier<List<WebOrigin>> corsOrigins) {
        this.tryItOut = Objects.requireNonNull(tryItOut, "tryItOut");
        this.corsOrigins = Objects.requireNonNull(corsOrigins, "corsOrigins");
        this.contentSecurityPolicy = tryItOut.map(url -> policy("'self' " + WebOrigin.of(url)))
                .orElse(CONTENT_SECURITY_POLICY);
        for (String file : OWN_FILES) {
            assets.put(PREFIX + "/" + file, Asset.of(file, read(OWN + file)));
        }
        WebJarVersionLocator webjars = new WebJarVersionLocator();
        for (String file : SWAGGER_FILES) {
            String path = webjars.fullPath("swagger-ui", file);
            if (path == null) {
                throw new IllegalStateException("the swagger-ui webjar has no " + file);
            }
            assets.put(PREFIX + "/vendor/swagger-ui/" + file, Asset.of(file, read("/" + path)));
        }
    }

    /** Whether {@code request} is for the UI: {@code /ui} or below. */
    public boolean handles(HttpServerRequest request) {
        String path = new QueryStringDecoder(request.uri()).rawPath();
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** Answers a UI request: a file, a redirect from {@code /ui} to {@code /ui/}, or a 404/405 problem. */
    public Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        response.header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cross-Origin-Opener-Policy", "same-origin");
        String path = new QueryStringDecoder(request.uri()).rawPath();
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!request.method().equals(HttpMethod.GET) && !head) {
            return problem(response.header(HttpHeaderNames.ALLOW, "GET, HEAD"), ProblemType.METHOD_NOT_ALLOWED,
                    request.method() + " " + path + " (expected: one of GET, HEAD)");
        }
        if (path.equals(PREFIX)) {
            return response.status(HttpResponseStatus.MOVED_PERMANENTLY).header(HttpHeaderNames.LOCATION, PREFIX + "/")
                    .send();
        }
        if (path.equals(SETTINGS)) {
            byte[] json = settingsJson();
            response.header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(json.length));
            return head ? response.send() : response.sendByteArray(Mono.just(json)).then();
        }
        Asset asset = assets.get(path.equals(PREFIX + "/") ? PREFIX + "/index.html" : path);
        if (asset == null) {
            return problem(response, ProblemType.NO_ROUTE, "No web catalog file " + path);
        }
        response.header(HttpHeaderNames.ETAG, asset.etag())
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .header(HttpHeaderNames.CONTENT_TYPE, asset.contentType());
        if (asset.etag().equals(request.requestHeaders().get(HttpHeaderNames.IF_NONE_MATCH))) {
            return response.status(HttpResponseStatus.NOT_MODIFIED).send();
        }
        response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(asset.body().length));
        return head ? response.send() : response.sendByteArray(Mono.just(asset.body())).then();
    }

    /** {@code {"tryItOut":false}}, or with the public URL and the origins the public listener allows. */
    private byte[] settingsJson() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("tryItOut", tryItOut.isPresent());
        tryItOut.ifPresent(url -> {
            settings.put("publicUrl", url.toString());
            settings.put("allowedOrigins", corsOrigins.get().stream().map(WebOrigin::toString).toList());
        });
        try {
            return JSON.writeValueAsBytes(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the web catalog's settings", e);
        }
    }

    private static String policy(String connect) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
                + " connect-src " + connect + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static Mono<Void> problem(HttpServerResponse response, ProblemType type, String detail) {
        return ProblemResponder.send(response, new Problem(type, detail, RequestIds.generate()), false);
    }

    private static byte[] read(String resource) {
        try (InputStream in = WebUi.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing web catalog resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web catalog resource " + resource, e);
        }
    }

    /** One file: its bytes, media type and strong entity tag. */
    private record Asset(byte[] body, String contentType, String etag) {
        static Asset of(String name, byte[] body) {
            return new Asset(body, contentType(name), "\"" + sha256(body).substring(0, 32) + "\"");
        }

        private static String contentType(String name) {
            String ext = name.substring(name.lastIndexOf('.') + 1);
            return switch (ext) {
                case "html" -> "text/html; charset=utf-8";
                case "css" -> "text/css; charset=utf-8";
                case "js" -> "text/javascript; charset=utf-8";
                case "svg" -> "image/svg+xml";
                case "png" -> "image/png";
                default -> throw new IllegalStateException("no media type for " + name);
            };
        }

        private static String sha256(byte[] body) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
