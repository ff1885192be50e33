package dev.turnpike.gateway.webui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.TestUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Swagger UI's "Try it out" in headless Chromium against a real node with {@code ui.tryItOut} on: the request goes
 * from the admin origin to the gateway's public listener (CORS preflight answered by the gateway, never by the
 * upstream), with the consumer key typed into Swagger UI's Authorize dialog, and the upstream's answer comes back
 * through the gateway onto the page. The admin token never leaves the admin origin. With the option off (the default)
 * there is no "Try it out": {@link WebCatalogBrowserTest} checks that.
 */
class TryItOutBrowserTest {
    @TempDir
    static Path dir;

    static WebCatalogNode node;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        node = new WebCatalogNode(dir, Map.of("ui.tryItOut", "true"));
        browser.logIn(node.uiUrl(), WebCatalogNode.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void noPolicyViolations() {
        browser.assertNoRefusalsInConsole();
    }

    @Test
    void triesAnOperationThroughTheGatewayWithAConsumersKey() throws Exception {
        String gateway = "http://127.0.0.1:" + node.gateway.port();
        openProductsAfresh();
        browser.waitForText(By.id("swagger"), "/items/{id}");
        browser.waitForText(By.id("try-it-out-note"), gateway + "/products/v1");
        browser.waitForText(By.cssSelector("#swagger .servers"), gateway + "/products/v1");

        browser.click(By.cssSelector("#swagger .auth-wrapper .authorize"));
        browser.type(By.cssSelector(".dialog-ux input[type=text]"), node.keys.get("mypage-web"));
        browser.click(By.cssSelector(".dialog-ux .modal-btn.auth.authorize"));
        browser.click(By.cssSelector(".dialog-ux .btn-done"));

        String op = "#operations-default-listItems";
        execute(op, "limit", "5", "blue");
        String answer = browser.driver.findElement(By.cssSelector(op + " .live-responses-table")).getText();
        assertThat(answer).contains("200", "\"upstream\": \"blue\"", "\"uri\": \"/items?limit=5\"",
                "x-request-id", "access-control-allow-origin");
        assertThat(browser.driver.findElement(By.cssSelector(op + " .request-url")).getText())
                .contains(gateway + "/products/v1/items?limit=5");
        browser.screenshot("api-try-it-out", By.cssSelector("#main section[aria-labelledby=doc-title]"));

        TestUpstream.Seen seen = node.blue.take();
        assertThat(seen.method()).as("the preflight was the gateway's to answer").isEqualTo("GET");
        assertThat(seen.uri()).isEqualTo("/items?limit=5");
        assertThat(seen.headers().get("x-consumer-id")).isEqualTo("mypage-web");
        assertThat(seen.headers().get("origin")).isEqualTo(node.uiUrl().replace("/ui/", ""));
        assertThat(seen.headers().get("authorization")).as("the admin token stays on the admin origin").isNull();
        assertThat(node.blue.poll(Duration.ofMillis(300))).isNull();
    }

    /** Shows the products API's page anew: a new Swagger UI, nothing authorized or opened yet. */
    private static void openProductsAfresh() {
        browser.go("#/apis");
        browser.go("#/apis/products");
    }

    /** Opens operation {@code op}, tries it out with one parameter and waits for {@code expected} in the answer. */
    private static void execute(String op, String parameter, String value, String expected) {
        browser.click(By.cssSelector(op + " .opblock-summary-control"));
        browser.click(By.cssSelector(op + " .try-out__btn"));
        browser.type(By.cssSelector(op + " input[placeholder=" + parameter + "]"), value);
        browser.click(By.cssSelector(op + " .execute"));
        browser.waitForText(By.cssSelector(op + " .live-responses-table"), expected);
    }

    /** Runs {@code body} (with {@code m}, the try-it-out module) in the page and answers its JSON result. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> inPage(String body) {
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return (Map<String, Object>) browser.driver.executeAsyncScript("const done = arguments[0];"
                + " import('/ui/js/try-it-out.js').then(m => done(JSON.parse(JSON.stringify((() => {" + body
                + "})()))));");
    }

    @Test
    void rewritesOpenApiAndSwaggerDocumentsForTheGateway() {
        // OpenAPI 3 with its own servers and an X-Api-Key scheme of its own: reused, not added twice.
        Map<String, Object> oas = inPage("return m.gatewayDocument({openapi: '3.0.3', servers: [{url: 'https://up'}],"
                + " components: {securitySchemes: {key: {type: 'apiKey', in: 'header', name: 'x-api-key'},"
                + " oauth: {type: 'oauth2', flows: {}}}}, security: [{oauth: []}],"
                + " paths: {'/a': {servers: [{url: 'https://other'}], get: {security: []}, post: {}}}},"
                + " {server: 'https://api.example.com/products/v1', keyRequired: true});");
        assertThat(oas.get("servers")).isEqualTo(List.of(Map.of("url", "https://api.example.com/products/v1",
                "description", "Turnpike gateway")));
        assertThat(oas.toString()).doesNotContain("https://up", "https://other", "turnpikeApiKey");
        assertThat(oas.get("security")).isEqualTo(List.of(Map.of("oauth", List.of(), "key", List.of())));
        Map<?, ?> path = (Map<?, ?>) ((Map<?, ?>) oas.get("paths")).get("/a");
        assertThat(((Map<?, ?>) path.get("get")).get("security")).isEqualTo(List.of(Map.of("key", List.of())));
        assertThat(((Map<?, ?>) path.get("post")).get("security")).as("inherits the document's").isNull();

        // Swagger 2.0 without any scheme, for a public API: the key is offered, not required.
        Map<String, Object> swagger = inPage("return m.gatewayDocument({swagger: '2.0', host: 'up:8080',"
                + " basePath: '/v1', schemes: ['http'], paths: {'/b': {get: {}}}},"
                + " {server: 'http://127.0.0.1:8080/open', keyRequired: false});");
        assertThat(swagger).containsEntry("host", "127.0.0.1:8080").containsEntry("basePath", "/open")
                .containsEntry("schemes", List.of("http"));
        assertThat(((Map<?, ?>) ((Map<?, ?>) swagger.get("securityDefinitions")).get("turnpikeApiKey")).get("name"))
                .isEqualTo("X-Api-Key");
        assertThat(swagger.get("security")).isEqualTo(List.of(Map.of(), Map.of("turnpikeApiKey", List.of())));

        // Where the page cannot try an API, it says why instead.
        Map<String, Object> reasons = inPage("const s = {tryItOut: true, publicUrl: 'http://127.0.0.1:8080',"
                + " allowedOrigins: ['http://127.0.0.1:9080']};"
                + " return {host: m.tryItOutFor({basePath: '/x', host: 'shop.example.com'}, s, 'http://127.0.0.1:9080'),"
                + " origin: m.tryItOutFor({basePath: '/x'}, s, 'http://admin.internal:9080'),"
                + " ok: m.tryItOutFor({basePath: '/', policies: {publicAccess: true}}, s, 'http://127.0.0.1:9080'),"
                + " off: m.tryItOutFor({basePath: '/x'}, {tryItOut: false}, 'http://127.0.0.1:9080')};");
        assertThat(((Map<?, ?>) reasons.get("host")).get("reason")).asString()
                .contains("only on host shop.example.com");
        assertThat(((Map<?, ?>) reasons.get("origin")).get("reason")).asString()
                .contains("http://admin.internal:9080", "cors.allowedOrigins");
        assertThat(reasons.get("ok")).isEqualTo(Map.of("server", "http://127.0.0.1:8080", "keyRequired", false));
        assertThat(reasons.get("off")).isNull();
    }

    @Test
    void withoutAKeyTheGatewaysProblemIsShown() {
        openProductsAfresh();
        String op = "#operations-default-getItem";
        execute(op, "id", "7", "missing-api-key");
        assertThat(browser.driver.findElement(By.cssSelector(op + " .live-responses-table")).getText())
                .contains("401");
    }
}
