package dev.turnpike.gateway.webui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.TestUpstream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web catalog in headless Chromium against a real node with real upstreams: log in, search, open an API and
 * its rendered document, ramp weights and roll back (the data plane follows), deprecate (proxied responses carry
 * the headers), issue a key and call with it, see a concurrent change as a conflict, notice catalog changes live,
 * and a read-only token that sees everything and can change nothing. Every page must load without a
 * Content-Security-Policy violation. Screenshots go to target/web-catalog/ (see {@link Browser}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebCatalogBrowserTest {
    @TempDir
    static Path dir;

    static WebCatalogNode node;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        node = new WebCatalogNode(dir);
        for (int i = 0; i < 12; i++) { // today's calls, counted by the node and flushed to the store
            assertThat(node.call("mypage-web", "/products/v1/items").statusCode()).isEqualTo(200);
            assertThat(node.call("mobile-app", "/products/v0/items/7").statusCode()).isEqualTo(200);
        }
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
    @Order(1)
    void logsInSearchesAndPagesThroughTheApis() {
        browser.logIn(node.uiUrl(), WebCatalogNode.ADMIN_TOKEN);
        browser.waitForText(By.id("range"), "1\u201325 of 33");
        assertThat(browser.driver.findElement(By.id("who")).getText()).isEqualTo("ops (admin)");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(WebCatalogNode.ADMIN_TOKEN);
        assertThat((String) browser.driver.executeScript("return sessionStorage.getItem('turnpike.adminToken')"))
                .isEqualTo(WebCatalogNode.ADMIN_TOKEN);
        assertThat(browser.unlabelledFields()).isEmpty();
        browser.screenshot("apis");

        browser.click(By.cssSelector("a[rel=next]"));
        browser.waitForText(By.id("range"), "26\u201333 of 33");

        browser.type(By.id("q"), "getItem"); // an operation id: only products has it
        browser.waitForText(By.id("range"), "1\u20131 of 1");
        assertThat(browser.driver.findElement(By.cssSelector("tbody")).getText()).contains("products")
                .doesNotContain("inventory");
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q");

        browser.setValue(By.id("q"), "");
        new org.openqa.selenium.support.ui.Select(browser.visible(By.id("lifecycle"))).selectByValue("DEPRECATED");
        browser.waitForText(By.cssSelector("tbody"), "products-v0");
        assertThat(browser.driver.findElement(By.id("range")).getText()).isEqualTo("1\u20131 of 1");
    }

    @Test
    @Order(2)
    void showsAnApiWithItsRenderedDocumentOperationsPoolsAndConsumers() {
        browser.go("#/apis/products");
        browser.visible(By.id("base-path"));
        // Swagger UI rendered the document fetched with the session's token: its operations are on the page.
        browser.waitForText(By.id("swagger"), "/items/{id}");
        assertThat(browser.driver.findElements(By.cssSelector("#swagger .opblock"))).hasSize(3);
        String page = browser.driver.findElement(By.id("main")).getText();
        assertThat(page).contains("Items, prices and stock", "catalog-team", "products-blue", "products-green",
                node.blue.address(), node.green.address(), "listItems", "createItem", "mypage-web", "mobile-app");
        assertThat(browser.driver.findElements(By.cssSelector("svg.chart"))).isNotEmpty();
        assertThat(browser.unlabelledFields()).isEmpty();
        browser.screenshot("api");
        // ui.tryItOut is off: an operation opened shows its parameters and responses, and no "Try it out".
        browser.click(By.cssSelector("#operations-default-listItems .opblock-summary-control"));
        browser.waitForText(By.id("operations-default-listItems"), "a page of items");
        assertThat(browser.driver.findElements(By.cssSelector("#swagger .try-out__btn, #swagger .execute")))
                .isEmpty();
        assertThat(browser.driver.findElements(By.id("try-it-out-note"))).isEmpty();
        browser.go("#/apis/products-v0");
        browser.waitForText(By.id("remaining-callers"), "mobile-app");
        browser.screenshot("api-deprecated");
    }

    @Test
    @Order(3)
    void rampsTheCanaryAndRollsBackAndTheDataPlaneFollows() throws Exception {
        browser.go("#/apis/products");
        browser.click(By.id("ramp-100"));
        browser.waitForText(By.id("notice"), "products-green 100");
        assertThat(upstreamsOf(20)).containsOnlyKeys("green");

        browser.visible(By.id("ramp-25"));
        browser.click(By.id("ramp-50"));
        browser.waitForText(By.id("notice"), "products-blue 50, products-green 50");
        assertThat(upstreamsOf(40)).containsKeys("blue", "green");
        browser.waitForText(By.id("share-products-green"), "50 %");
        browser.screenshot("api-traffic");

        browser.click(By.id("rollback"));
        browser.waitForText(By.id("notice"), "products-blue 100, products-green 0");
        assertThat(upstreamsOf(20)).containsOnlyKeys("blue");
    }

    @Test
    @Order(4)
    void aConcurrentChangeIsAConflictNotAnOverwrite() throws Exception {
        browser.go("#/apis/products");
        WebElement green = browser.visible(By.id("weight-products-green"));
        green.clear();
        green.sendKeys("30"); // editing: live updates leave the form alone
        HttpResponse<String> api = node.admin("GET", "/admin/v1/apis/products", null, Map.of());
        String changed = api.body().replace("\"weight\":0", "\"weight\":10");
        assertThat(node.admin("PUT", "/admin/v1/apis/products", changed, Map.of()).statusCode()).isEqualTo(200);

        browser.click(By.id("save-weights"));
        browser.waitForText(By.cssSelector(".message-conflict"), "changed by someone else");
        browser.screenshot("conflict");
        String now = node.admin("GET", "/admin/v1/apis/products", null, Map.of()).body();
        assertThat(now).contains("{\"pool\":\"products-green\",\"weight\":10}");
        node.admin("PUT", "/admin/v1/apis/products", api.body(), Map.of());
    }

    @Test
    @Order(5)
    void deprecatesAnApiAndProxiedResponsesCarryTheHeaders() throws Exception {
        assertThat(node.call("mypage-web", "/reviews/v1/items/1/reviews").headers().firstValue("Deprecation"))
                .isEmpty();
        browser.go("#/apis/reviews");
        browser.setValue(By.id("sunset"), "2027-09-30");
        browser.type(By.id("successor"), "products");
        browser.click(By.id("deprecate"));
        browser.waitForText(By.id("notice"), "reviews is deprecated, sunset 2027-09-30");
        browser.waitForText(By.id("remaining-callers"), "mypage-web");

        HttpResponse<String> response = node.call("mypage-web", "/reviews/v1/items/1/reviews");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Deprecation")).isPresent();
        assertThat(response.headers().firstValue("Sunset")).hasValue("Thu, 30 Sep 2027 00:00:00 GMT");
    }

    @Test
    @Order(6)
    void issuesAKeyShownOnceThatWorksAndRevokesIt() throws Exception {
        browser.go("#/consumers/mobile-app");
        browser.click(By.id("issue-key"));
        String key = browser.visible(By.id("new-key")).getAttribute("value");
        assertThat(key).isNotBlank();
        assertThat(browser.unlabelledFields()).isEmpty();
        browser.screenshot("consumer-new-key");
        assertThat(node.callWithKey(key, "/products/v1/items").statusCode()).isEqualTo(200);

        browser.click(By.id("key-done"));
        browser.waitUntil(d -> d.findElements(By.id("new-key")).isEmpty());
        assertThat(browser.driver.findElement(By.id("main")).getText()).doesNotContain(key);
        String prefix = key.substring(0, 12);
        WebElement revoke = browser.visible(By.cssSelector("button[aria-label^='Revoke key " + prefix + "']"));
        revoke.click();
        browser.waitForText(By.id("notice"), "revoked");
        assertThat(node.callWithKey(key, "/products/v1/items").statusCode()).isEqualTo(401);
        browser.screenshot("consumer");
    }

    @Test
    @Order(7)
    void suspendsAConsumerAndShowsTeams() throws Exception {
        browser.go("#/consumers/mypage-web");
        browser.click(By.id("suspend"));
        browser.waitForText(By.id("notice"), "mypage-web is suspended");
        assertThat(node.call("mypage-web", "/products/v1/items").statusCode()).isEqualTo(403);
        browser.click(By.id("resume"));
        browser.waitForText(By.id("notice"), "mypage-web is active again");
        assertThat(node.call("mypage-web", "/products/v1/items").statusCode()).isEqualTo(200);

        browser.go("#/teams/web-team");
        browser.waitForText(By.id("main"), "Calls by this team's consumers");
        assertThat(browser.driver.findElement(By.id("main")).getText()).contains("reviews", "mypage-web");
        browser.screenshot("team");
    }

    @Test
    @Order(8)
    void noticesCatalogChangesWithoutAReload() throws Exception {
        browser.go("#/apis?q=live-");
        browser.waitForText(By.id("range"), "of 0");
        Object marker = browser.driver.executeScript("window.notReloaded = true; return true;");
        assertThat(node.admin("POST", "/admin/v1/apis", "{\"id\": \"live-added\", \"owner\": \"web-team\","
                + " \"basePath\": \"/live\", \"targets\": [{\"pool\": \"reviews\"}]}", Map.of()).statusCode())
                .isEqualTo(201);
        browser.waitForText(By.id("range"), "1\u20131 of 1");
        assertThat(browser.driver.findElement(By.cssSelector("tbody")).getText()).contains("live-added");
        assertThat(browser.driver.executeScript("return window.notReloaded === true")).isEqualTo(marker);
    }

    @Test
    @Order(9)
    void aReadOnlyTokenSeesEverythingAndChangesNothing() {
        browser.logIn(node.uiUrl(), WebCatalogNode.READER_TOKEN);
        assertThat(browser.driver.findElement(By.id("who")).getText()).isEqualTo("viewer (read-only)");
        browser.go("#/apis/products");
        browser.waitForText(By.id("swagger"), "/items/{id}");
        assertThat(browser.driver.findElement(By.id("main")).getText()).contains("Traffic split", "products-blue");
        assertThat(browser.driver.findElements(By.cssSelector("#main button:not(#swagger *), #main input.weight")))
                .isEmpty();
        browser.go("#/consumers/mobile-app");
        browser.waitForText(By.id("main"), "API keys");
        assertThat(browser.driver.findElements(By.cssSelector("#main button, #main form.inline"))).isEmpty();
        browser.screenshot("consumer-read-only");
    }

    @Test
    @Order(10)
    void showsAnInstanceEjectedAfterConnectFailuresWithoutAReload() throws Exception {
        TestUpstream stopped = TestUpstream.start("stopped");
        String dead = stopped.address();
        stopped.close(); // nothing listens there any more: connecting is refused
        assertThat(node.admin("PUT", "/admin/v1/pools/reviews", "{\"id\": \"reviews\", \"instances\": [\""
                + node.reviews.address() + "\", \"" + dead + "\"]}", Map.of()).statusCode()).isEqualTo(200);
        browser.go("#/apis/reviews");
        By pool = By.cssSelector("[data-pool=reviews]");
        browser.waitForText(pool, dead);
        assertThat(browser.driver.findElement(pool).getText()).doesNotContain("EJECTED");

        // Each call that picks the stopped instance fails to connect, ejects it and is retried on the live one.
        for (int i = 0; i < 6; i++) {
            assertThat(node.call("mypage-web", "/reviews/v1/items/1/reviews").statusCode()).isEqualTo(200);
        }
        browser.waitForText(pool, "EJECTED"); // the page's live poll, no reload
        // The live poll re-renders the table every 2 s: each text is read from the element as it is now.
        assertThat(browser.text(By.xpath("//*[@data-pool='reviews']//tr[td/code[text()='" + dead + "']]")))
                .contains("EJECTED", "127.0.0.1").doesNotContain("AVAILABLE");
        assertThat(browser.text(By.xpath("//*[@data-pool='reviews']//tr[td/code[text()='" + node.reviews.address()
                + "']]"))).contains("AVAILABLE");
        assertThat(browser.text(pool)).contains("Circuit breaker: none");
        browser.screenshot("api-health");
    }

    @Test
    @Order(11)
    void logsOutAndForgetsTheToken() {
        browser.click(By.id("logout"));
        browser.visible(By.id("token"));
        assertThat(browser.driver.executeScript("return sessionStorage.getItem('turnpike.adminToken')")).isNull();
    }

    /** Sends {@code n} calls to products and counts which upstream answered each. */
    private static Map<String, Integer> upstreamsOf(int n) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = node.call("mypage-web", "/products/v1/items");
            assertThat(r.statusCode()).isEqualTo(200);
            String upstream = r.body().replaceAll(".*\"upstream\":\"([a-z]+)\".*", "$1");
            seen.merge(upstream, 1, Integer::sum);
        }
        return seen;
    }
}
