package dev.turnpike.gateway.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestCertificates;
import dev.turnpike.gateway.testing.TestUpstream;
import io.netty.pkitesting.X509Bundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the public listener (HTTP/2 and HTTP/1.1 by ALPN, TLS 1.2/1.3 only, certificate reloaded from its PEM files
 * without a restart) and on the admin listener, with certificates made by the test.
 */
class TlsListenerTest {
    static X509Bundle ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCa() throws Exception {
        ca = TestCertificates.ca("Turnpike test CA");
    }

    static X509Bundle leaf(long serial) throws Exception {
        return TestCertificates.localhost(ca, serial);
    }

    static void writePem(X509Bundle bundle, Path cert, Path key) throws Exception {
        TestCertificates.writePem(bundle, cert, key);
    }

    static SSLContext trustingCa() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, ca.toTrustManagerFactory().getTrustManagers(), null);
        return context;
    }

    @Test
    void servesHttp2AndHttp11OverTlsAndReloadsTheCertificate() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        writePem(leaf(1), cert, key);
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("data"), TestCatalogs.oneApi("/api", "/",
                     TestCatalogs.pool("p", upstream)), Map.of("tls.certificate", cert.toString(),
                     "tls.key", key.toString(), "tls.reloadInterval", "100ms",
                     "admin.tls.certificate", cert.toString(), "admin.tls.key", key.toString()))) {
            SSLContext ssl = trustingCa();
            URI uri = URI.create("https://localhost:" + gw.port() + "/api/x");
            HttpClient h2 = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> r2 = h2.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r2.statusCode()).isEqualTo(200);
            assertThat(r2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(upstream.take().headers().get("x-forwarded-proto")).isEqualTo("https");

            HttpClient h1 = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r1 = h1.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r1.statusCode()).isEqualTo(200);
            assertThat(r1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            upstream.take();

            HttpResponse<String> admin = h1.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + gw.adminPort() + "/health/live")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(admin.statusCode()).isEqualTo(200);

            assertThat(serialPresented(ssl, gw.port())).isEqualTo(1);
            writePem(leaf(2), cert, key);
            Files.setLastModifiedTime(cert, FileTime.from(Instant.now().plusSeconds(5)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(serialPresented(ssl, gw.port())).isEqualTo(2));
        }
    }

    @Test
    void refusesTlsBelow12AndKeepsTheOldCertificateWhenTheNewOneDoesNotLoad() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        writePem(leaf(7), cert, key);
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("data"), TestCatalogs.oneApi("/api", "/",
                     TestCatalogs.pool("p", upstream)), Map.of("tls.certificate", cert.toString(),
                     "tls.key", key.toString(), "tls.reloadInterval", "100ms"))) {
            SSLContext ssl = trustingCa();
            try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", gw.port())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            }
            SSLContext old = SSLContext.getInstance("TLSv1.1");
            old.init(null, ca.toTrustManagerFactory().getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) old.getSocketFactory().createSocket("127.0.0.1", gw.port())) {
                socket.setSoTimeout(10_000);
                SSLParameters params = socket.getSSLParameters();
                params.setProtocols(new String[] {"TLSv1.1"});
                socket.setSSLParameters(params);
                org.assertj.core.api.Assertions.assertThatThrownBy(socket::startHandshake)
                        .isInstanceOfAny(SSLHandshakeException.class, java.io.IOException.class);
            }
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
            Files.setLastModifiedTime(key, FileTime.from(Instant.now().plusSeconds(5)));
            // The watcher (every 100 ms) sees the bad file and keeps the old pair, for as long as we watch.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                    .until(() -> serialPresented(ssl, gw.port()) == 7);
        }
    }

    private static long serialPresented(SSLContext ssl, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber().longValue();
        }
    }
}
