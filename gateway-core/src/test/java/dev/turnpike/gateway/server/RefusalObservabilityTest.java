package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.AccessLogLines;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.RawHttp;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal at the door leaves an access-log line and counts its reason. */
class RefusalObservabilityTest {
    @TempDir
    Path dir;

    @Test
    void refusalsAreLoggedAndCountedByReason() throws Exception {
        try (AccessLogLines log = new AccessLogLines();
             TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/api", "/",
                     TestCatalogs.pool("p", upstream)))) {
            RawHttp.Response twoHosts = RawHttp.exchange(gw.port(),
                    "GET /api/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
            RawHttp.Response slash = RawHttp.exchange(gw.port(), "GET /api/a%2Fb HTTP/1.1\r\nHost: a\r\n\r\n");
            RawHttp.Response garbage = RawHttp.exchange(gw.port(), "HELLO\r\n\r\n");
            assertThat(twoHosts.status()).isEqualTo(400);
            assertThat(twoHosts.body()).contains("Host: 2 fields (expected: exactly one)");
            assertThat(slash.body()).contains("encoded slash");
            for (RawHttp.Response r : new RawHttp.Response[] {twoHosts, garbage}) {
                String rid = r.header("x-request-id");
                await().untilAsserted(() -> assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                        .contains("\"GET -\" 400", "api=none", "rid=" + rid)));
            }
            // An encoded slash is refused once the route is known (an API may pass them): the path is logged.
            String slashRid = slash.header("x-request-id");
            await().untilAsserted(() -> assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .contains("\"GET /api/a%2Fb\" 400", "api=none", "rid=" + slashRid)));
            assertThat(gw.admin("/metrics").body())
                    .contains("turnpike_requests_refused_total{reason=\"host-repeated\"} 1.0")
                    .contains("turnpike_requests_refused_total{reason=\"encoded-slash\"} 1.0")
                    .contains("turnpike_requests_refused_total{reason=\"unparsable\"} 1.0")
                    .contains("turnpike_requests_seconds_count{api=\"none\",method=\"GET\",status=\"4xx\"} 3");
        }
    }
}
