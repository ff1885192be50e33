package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.turnpike.gateway.testing.ConsumerCatalogs;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.turnpike.registry.model.IssuedApiKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

class ObservabilityTest {
    @TempDir
    Path dir;

    @Test
    void healthMetricsAndAccessLog() throws Exception {
        Logger accessLogger = (Logger) LoggerFactory.getLogger("turnpike.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        accessLogger.addAppender(lines);
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/obs", "/",
                     TestCatalogs.pool("p", upstream)))) {
            assertThat(gw.admin("/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = gw.admin("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"catalogVersion\":1");
            assertThat(gw.admin("/metrics").body()).as("catalog gauges before any request")
                    .contains("turnpike_catalog_version 1.0", "turnpike_catalog_apis 1.0", "turnpike_catalog_pools 1.0",
                            "turnpike_catalog_instances 1.0", "turnpike_catalog_consumers 0.0");

            HttpResponse<String> ok = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/obs/x?api_key=SECRET"))
                    .header("Authorization", "Bearer TOKEN"));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(gw.get("/missing").statusCode()).isEqualTo(404);

            System.gc(); // gauges must not lose their pool's metrics to the collector (they would read NaN)
            HttpResponse<String> metrics = gw.admin("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("turnpike_requests_seconds_count{api=\"test\",method=\"GET\",status=\"2xx\"} 1")
                    .contains("turnpike_requests_seconds_count{api=\"none\",method=\"GET\",status=\"4xx\"} 1")
                    .contains("turnpike_requests_seconds_bucket{api=\"test\"")
                    .contains("turnpike_upstream_connections_active{instance=\"" + upstream.address() + "\",pool=\"p\"} 0.0")
                    .contains("turnpike_upstream_connections_idle{instance=\"" + upstream.address() + "\",pool=\"p\"} 1.0")
                    .contains("jvm_memory_used_bytes")
                    .contains("netty_allocator_memory_used{allocator_type=\"AdaptiveByteBufAllocator\"");
            assertThat(gw.admin("/nope").statusCode()).isEqualTo(404);

            String rid = ok.headers().firstValue("x-request-id").orElseThrow();
            await().untilAsserted(() -> assertThat(lines.list).anySatisfy(e ->
                    assertThat(e.getFormattedMessage()).contains("\"GET /obs/x\" 200", "api=test", "consumer=-",
                            "upstream=" + upstream.address(), "rid=" + rid)));
            assertThat(lines.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                    .doesNotContain("SECRET").doesNotContain("TOKEN"));
        } finally {
            accessLogger.detachAppender(lines);
        }
    }

    @Test
    void theAccessLogNamesTheConsumerNeverItsKey() throws Exception {
        Logger accessLogger = (Logger) LoggerFactory.getLogger("turnpike.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        accessLogger.addAppender(lines);
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, ConsumerCatalogs.catalog(upstream),
                     Map.of("store.pollInterval", "50ms"))) {
            IssuedApiKey web = gw.store().createKey("web", Optional.empty(), "test");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gw.server().routing().current().consumers().keyCount() == 1);

            HttpResponse<String> ok = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/orders/items"))
                    .header("X-Api-Key", web.plaintext()));
            assertThat(ok.statusCode()).isEqualTo(200);

            String rid = ok.headers().firstValue("x-request-id").orElseThrow();
            await().untilAsserted(() -> assertThat(lines.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("\"GET /orders/items\" 200", "api=orders", "consumer=web", "rid=" + rid)));
            assertThat(lines.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                    .doesNotContain(web.plaintext()));
        } finally {
            accessLogger.detachAppender(lines);
        }
    }
}
