package dev.turnpike.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.store.CatalogStore;
import dev.turnpike.registry.store.JdbcCatalogStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Admin errors say what happened: a fault is a 500 logged once with its stack (never "store unavailable" while the
 * store answers), a refused value is a 400 (not a 409), and a PUT takes its id from the path when the body has none.
 */
class AdminErrorsTest {
    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayUnderTest gateway;
    AdminClient admin;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("u");
        JdbcCatalogStore real = JdbcCatalogStore.embedded(dir);
        // The store answers everything, except that reading the audit log hits a bug and listing keys refuses a value.
        CatalogStore store = (CatalogStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CatalogStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("auditLog")) {
                        throw new IllegalStateException("a bug in the audit reader");
                    }
                    if (method.getName().equals("keysOf")) {
                        throw new IllegalArgumentException("consumer: \"c\" (expected: something else)");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        gateway = GatewayUnderTest.start(store, dir, TestCatalogs.oneApi("/api", "/", TestCatalogs.pool("p", upstream)),
                AdminClient.TOKENS, Clock.systemUTC());
        admin = new AdminClient(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void aFaultIsA500LoggedOnceWithItsStackNotStoreUnavailable() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(AdminApi.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.list = new java.util.concurrent.CopyOnWriteArrayList<>(); // appended from event loops
        events.start();
        logger.addAppender(events);
        try {
            HttpResponse<String> r = admin.get("/admin/v1/audit");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("internal-error").doesNotContain("store");
            String requestId = r.headers().firstValue("x-request-id").orElseThrow();
            assertThat(events.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement().satisfies(e -> {
                assertThat(e.getFormattedMessage()).contains(requestId);
                assertThat(e.getThrowableProxy().getMessage()).isEqualTo("a bug in the audit reader");
            });
            assertThat(gateway.admin("/health/ready").body()).contains("\"store\":\"UP\"");
        } finally {
            logger.detachAppender(events);
        }
    }

    @Test
    void aRefusedValueIsA400NotAConflict() throws Exception {
        admin.send("PUT", "/admin/v1/teams/test-team", "{\"name\":\"Test\"}");
        assertThat(admin.send("PUT", "/admin/v1/consumers/c", "{\"team\":\"test-team\",\"name\":\"C\"}")
                .statusCode()).isIn(200, 201);
        HttpResponse<String> r = admin.get("/admin/v1/consumers/c/keys");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("invalid-request", "expected: something else");
    }

    @Test
    void aPutTakesTheIdFromThePathWhenTheBodyHasNone() throws Exception {
        assertThat(admin.send("PUT", "/admin/v1/teams/test-team", "{\"name\":\"Test\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> created = admin.send("PUT", "/admin/v1/teams/payments",
                "{\"name\":\"Payments\",\"contact\":\"pay@example.com\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(AdminClient.json(admin.get("/admin/v1/teams/payments")).get("id").asText()).isEqualTo("payments");

        HttpResponse<String> yaml = admin.send("PUT", "/admin/v1/teams/billing", "name: Billing\n",
                "application/yaml", java.util.Map.of());
        assertThat(yaml.statusCode()).as(yaml.body()).isEqualTo(201);

        HttpResponse<String> differs = admin.send("PUT", "/admin/v1/teams/payments",
                "{\"id\":\"other\",\"name\":\"Payments\"}");
        assertThat(differs.statusCode()).isEqualTo(400);
        assertThat(differs.body()).contains("\\\"other\\\" (expected: \\\"payments\\\", the id in the path)");
    }
}
