package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.config.Cidr;
import dev.turnpike.gateway.config.EdgeSettings;
import dev.turnpike.gateway.pipeline.ClientAddress;
import dev.turnpike.gateway.testing.AccessLogLines;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.RawHttp;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One client address per request: from the TCP peer, or from a trusted proxy's forwarded chain. */
class ClientAddressTest {
    @TempDir
    Path dir;

    private static ClientAddress resolve(List<String> trusted, String peer, String... headers) throws Exception {
        EdgeSettings d = EdgeSettings.DEFAULTS;
        EdgeSettings edge = new EdgeSettings(d.headerTimeout(), d.minBodyRate(), d.bodyRateWindow(),
                d.maxConnections(), d.maxConnectionsPerClient(), trusted.stream().map(Cidr::parse).toList(),
                d.publicTls(), d.adminTls(), d.h2c());
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return new ClientAddressResolver(edge).resolve(new InetSocketAddress(InetAddress.getByName(peer), 1234), h);
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() throws Exception {
        ClientAddress a = resolve(List.of("10.0.0.0/8"), "203.0.113.9", "X-Forwarded-For", "1.2.3.4");
        assertThat(a.text()).isEqualTo("203.0.113.9");
        assertThat(a.peerTrusted()).isFalse();
        assertThat(resolve(List.of(), "127.0.0.1", "X-Forwarded-For", "1.2.3.4").text()).isEqualTo("127.0.0.1");
    }

    @Test
    void walksTheChainFromTheRightSkippingTrustedProxies() throws Exception {
        List<String> trusted = List.of("10.0.0.0/8", "fd00::/8");
        assertThat(resolve(trusted, "10.0.0.1", "X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.1.2.3").text())
                .isEqualTo("198.51.100.7");
        assertThat(resolve(trusted, "10.0.0.1", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-For", "10.9.9.9").text())
                .isEqualTo("6.6.6.6");
        assertThat(resolve(trusted, "fd00::1", "Forwarded", "for=192.0.2.60;proto=http, for=\"[fd00::2]:80\"")
                .text()).isEqualTo("192.0.2.60");
        assertThat(resolve(trusted, "10.0.0.1", "X-Forwarded-For", "unknown, 10.0.0.2").text())
                .as("a name stops the walk at the last trusted hop").isEqualTo("10.0.0.2");
        assertThat(resolve(trusted, "10.0.0.1").text()).as("no chain: the proxy itself").isEqualTo("10.0.0.1");
        assertThat(resolve(trusted, "10.0.0.1", "X-Forwarded-For", "2001:db8::1").address())
                .isEqualTo(addr("2001:db8::1"));
    }

    @Test
    void cidrsMatchTheirBlockOnly() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(addr("10.255.0.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(addr("11.0.0.1"))).isFalse();
        assertThat(Cidr.parse("192.168.1.7").contains(addr("192.168.1.7"))).isTrue();
        assertThat(Cidr.parse("192.168.1.7").contains(addr("192.168.1.8"))).isFalse();
        assertThat(Cidr.parse("fd00::/8").contains(addr("fdff::1"))).isTrue();
        assertThat(Cidr.parse("fd00::/8").contains(addr("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(addr("8.8.8.8"))).isTrue();
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsLoggedLimitedAndAppendedTo() throws Exception {
        try (AccessLogLines log = new AccessLogLines();
             TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/api", "/",
                     TestCatalogs.pool("p", upstream)), Map.of("trustedProxies", "127.0.0.0/8"))) {
            RawHttp.Response r = RawHttp.exchange(gw.port(), "GET /api/x HTTP/1.1\r\nHost: shop.example\r\n"
                    + "X-Forwarded-For: 198.51.100.7\r\nX-Forwarded-Proto: https\r\n"
                    + "Forwarded: for=198.51.100.7;proto=https\r\nConnection: close\r\n\r\n");
            assertThat(r.status()).isEqualTo(200);
            TestUpstream.Seen seen = upstream.take();
            assertThat(seen.headers().get("x-forwarded-for")).isEqualTo("198.51.100.7, 127.0.0.1");
            assertThat(seen.headers().get("x-forwarded-proto")).isEqualTo("https");
            assertThat(seen.headers().get("forwarded"))
                    .isEqualTo("for=198.51.100.7;proto=https, for=127.0.0.1;proto=http;host=shop.example");
            String rid = r.header("x-request-id");
            await().untilAsserted(() -> assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("198.51.100.7 \"GET /api/x\" 200").contains("rid=" + rid)));
        }
    }
}
