package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.RawHttp;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every refusal at the door leaves an access-log line and counts its reason. */
class RefusalObservabilityTest {
    @TempDir
    Path dir;

    @Test
    void refusalsAreLoggedAndCountedByReason() throws Exception {
        Logger accessLogger = (Logger) LoggerFactory.getLogger("turnpike.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        accessLogger.addAppender(lines);
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/api", "/",
                     TestCatalogs.pool("p", upstream)))) {
            RawHttp.Response twoHosts = RawHttp.exchange(gw.port(),
                    "GET /api/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
            RawHttp.Response slash = RawHttp.exchange(gw.port(), "GET /api/a%2Fb HTTP/1.1\r\nHost: a\r\n\r\n");
            RawHttp.Response garbage = RawHttp.exchange(gw.port(), "HELLO\r\n\r\n");
            assertThat(twoHosts.status()).isEqualTo(400);
            assertThat(twoHosts.body()).contains("Host: 2 fields (expected: exactly one)");
            assertThat(slash.body()).contains("encoded slash");
            for (RawHttp.Response r : new RawHttp.Response[] {twoHosts, slash, garbage}) {
                String rid = r.header("x-request-id");
                await().untilAsserted(() -> assertThat(lines.list).anySatisfy(e -> assertThat(
                        e.getFormattedMessage()).contains("\"GET -\" 400", "api=none", "rid=" + rid)));
            }
            assertThat(gw.admin("/metrics").body())
                    .contains("turnpike_requests_refused_total{reason=\"host-repeated\"} 1.0")
                    .contains("turnpike_requests_refused_total{reason=\"encoded-slash\"} 1.0")
                    .contains("turnpike_requests_refused_total{reason=\"unparsable\"} 1.0")
                    .contains("turnpike_requests_seconds_count{api=\"none\",method=\"GET\",status=\"4xx\"} 3");
        } finally {
            accessLogger.detachAppender(lines);
        }
    }
}
