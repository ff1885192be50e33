package dev.turnpike.gateway.webui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Route;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web catalog's files over HTTP, without a browser: served from the jar under /ui/ with a strict
 * Content-Security-Policy, no inline script, every referenced file present, Swagger UI from its webjar, ETags, and
 * problems for what is not there.
 */
class WebUiTest {
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"");
    private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z-]+\\.js)'");

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayUnderTest gateway;

    @BeforeAll
    static void start() {
        upstream = TestUpstream.start("u");
        gateway = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/p", "/", TestCatalogs.pool("pool", upstream),
                Route.prefix()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void servesThePageWithAStrictPolicyAndNoInlineScript() throws Exception {
        HttpResponse<String> page = gateway.admin("/ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "style-src 'self';",
                "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).doesNotContain("style=", " on"); // no inline styles or handlers
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page.body());
        int count = 0;
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=\"");
            count++;
        }
        assertThat(count).isEqualTo(2);
    }

    @Test
    void everyReferencedFileAndModuleIsServed() throws Exception {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        Matcher refs = REFERENCE.matcher(gateway.admin("/ui/").body());
        while (refs.find()) {
            todo.add("/ui/" + refs.group(1));
        }
        while (!todo.isEmpty()) {
            String path = todo.pop();
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<String> file = gateway.admin(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
            if (path.startsWith("/ui/js/")) {
                assertThat(file.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
                assertThat(file.body()).as(path).doesNotContain("innerHTML", "eval(", "localStorage");
                Matcher imports = IMPORT.matcher(file.body());
                while (imports.find()) {
                    todo.add("/ui/js/" + imports.group(1));
                }
            }
        }
        assertThat(seen).contains("/ui/vendor/swagger-ui/swagger-ui-bundle.js", "/ui/vendor/swagger-ui/swagger-ui.css",
                "/ui/js/main.js", "/ui/js/api-page.js", "/ui/js/keys.js", "/ui/js/chart.js");
    }

    @Test
    void revalidatesWithTheETag() throws Exception {
        HttpResponse<String> first = gateway.admin("/ui/app.css");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
        HttpResponse<String> again = GatewayUnderTest.send(HttpRequest.newBuilder(admin("/ui/app.css"))
                .header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void redirectsToThePageAndAnswersProblemsForTheRest() throws Exception {
        assertThat(gateway.admin("/").headers().firstValue("Location")).hasValue("/ui/");
        HttpResponse<String> bare = gateway.admin("/ui");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue("/ui/");

        HttpResponse<String> missing = gateway.admin("/ui/js/nothing.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(gateway.admin("/ui/../admin/v1/apis").statusCode()).isIn(400, 404);
        assertThat(gateway.admin("/ui/vendor/swagger-ui/index.html").statusCode()).isEqualTo(404);

        HttpResponse<String> post = GatewayUnderTest.send(HttpRequest.newBuilder(admin("/ui/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void tryItOutIsOffByDefault() throws Exception {
        HttpResponse<String> settings = gateway.admin("/ui/settings.json");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(settings.body()).isEqualTo("{\"tryItOut\":false}");
        assertThat(settings.headers().firstValue("Content-Security-Policy")).hasValue(WebUi.CONTENT_SECURITY_POLICY);
        HttpResponse<String> preflight = GatewayUnderTest.send(HttpRequest.newBuilder(gateway.uri("/p/items"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:" + gateway.adminPort())
                .header("Access-Control-Request-Method", "GET"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void withTryItOutThePolicyConnectsToThePublicOriginAndThePublicListenerAnswersTheCatalogsOrigins(
            @TempDir Path own) throws Exception {
        try (GatewayUnderTest on = GatewayUnderTest.start(own, TestCatalogs.oneApi("/p", "/",
                TestCatalogs.pool("pool", upstream), Route.prefix()), java.util.Map.of("ui.tryItOut", "true",
                "cors.allowedOrigins", "https://portal.example.com"))) {
            String publicOrigin = "http://127.0.0.1:" + on.port();
            String adminOrigin = "http://127.0.0.1:" + on.adminPort();
            HttpResponse<String> page = GatewayUnderTest.send(HttpRequest.newBuilder(
                    URI.create(adminOrigin + "/ui/")));
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("connect-src 'self' " + publicOrigin + ";", "default-src 'none'")
                    .doesNotContain("*", "portal");
            HttpResponse<String> settings = GatewayUnderTest.send(HttpRequest.newBuilder(
                    URI.create(adminOrigin + "/ui/settings.json")));
            assertThat(settings.body()).isEqualTo("{\"tryItOut\":true,\"publicUrl\":\"" + publicOrigin
                    + "\",\"allowedOrigins\":[\"https://portal.example.com\",\"" + adminOrigin
                    + "\",\"http://localhost:" + on.adminPort() + "\"]}");
            for (String origin : List.of(adminOrigin, "http://localhost:" + on.adminPort(),
                    "https://portal.example.com")) {
                HttpResponse<String> preflight = GatewayUnderTest.send(HttpRequest.newBuilder(on.uri("/p/items"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "x-api-key"));
                assertThat(preflight.statusCode()).as(origin).isEqualTo(204);
                assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
            }
            HttpResponse<String> otherPort = GatewayUnderTest.send(HttpRequest.newBuilder(on.uri("/p/items"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", publicOrigin)
                    .header("Access-Control-Request-Method", "GET"));
            assertThat(otherPort.statusCode()).isEqualTo(403);
        }
    }

    private static URI admin(String path) {
        return URI.create("http://127.0.0.1:" + gateway.adminPort() + path);
    }
}
