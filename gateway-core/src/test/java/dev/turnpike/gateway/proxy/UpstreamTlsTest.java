package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestCertificates;
import dev.turnpike.gateway.testing.TlsUpstream;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.PoolTls;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import io.netty.pkitesting.X509Bundle;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream TLS per pool against real HTTPS upstreams with certificates made by the test: the pool's CA is trusted,
 * anything else is refused with a 502 {@code upstream-tls} problem that says why, the hostname is checked unless turned
 * off, the SNI name reaches the upstream, and the gateway presents its client certificate for mutual TLS.
 */
class UpstreamTlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static X509Bundle ca;
    static X509Bundle otherCa;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCas() throws Exception {
        ca = TestCertificates.ca("Upstream test CA");
        otherCa = TestCertificates.ca("Someone else's CA");
    }

    @Test
    void trustsThePoolsCaAndRefusesAnUntrustedCertificateWithATlsProblem() throws Exception {
        Path caFile = TestCertificates.writeCa(ca, dir.resolve("ca.pem"));
        try (TlsUpstream upstream = TlsUpstream.start(TestCertificates.localhost(ca, 1));
             GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("data"), perPool(
                     pool("trusting", upstream, PoolTls.DEFAULTS.withCa(caFile.toString())),
                     pool("default", upstream, PoolTls.DEFAULTS)))) {
            HttpResponse<String> ok = gw.get("/trusting/x");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("secure");
            assertThat(upstream.take().uri()).isEqualTo("/x");

            // tls: true trusts the JDK's store only, which does not know the test CA.
            assertTlsProblem(gw.get("/default/x"), "certificate is not trusted");
            assertThat(upstream.sawNothing()).isTrue();
        }
    }

    @Test
    void refusesACertificateForAnotherNameUnlessTheHostnameCheckIsOff() throws Exception {
        Path caFile = TestCertificates.writeCa(ca, dir.resolve("ca.pem"));
        PoolTls trusting = PoolTls.DEFAULTS.withCa(caFile.toString());
        try (TlsUpstream upstream = TlsUpstream.start(TestCertificates.server(ca, "orders.internal"));
             GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("data"), perPool(
                     pool("checked", upstream, trusting),
                     pool("unchecked", upstream, trusting.withVerifyHostname(false))))) {
            // The instance is 127.0.0.1; the certificate names orders.internal only.
            assertTlsProblem(gw.get("/checked/x"), "does not match the expected host name");
            assertThat(upstream.sawNothing()).isTrue();

            assertThat(gw.get("/unchecked/x").statusCode()).isEqualTo(200);
            assertThat(upstream.take().sni()).isEmpty(); // no SNI for an IP address
        }
    }

    @Test
    void sendsTheServerNameAsSniAndChecksTheCertificateAgainstIt() throws Exception {
        Path caFile = TestCertificates.writeCa(ca, dir.resolve("ca.pem"));
        try (TlsUpstream upstream = TlsUpstream.start(TestCertificates.server(ca, "orders.internal"));
             GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("data"), TestCatalogs.oneApi("/api", "/",
                     pool("p", upstream, PoolTls.DEFAULTS.withCa(caFile.toString())
                             .withServerName("orders.internal"))))) {
            assertThat(gw.get("/api/x").statusCode()).isEqualTo(200);
            assertThat(upstream.take().sni()).isEqualTo("orders.internal");
        }
    }

    @Test
    void presentsTheClientCertificateToAnUpstreamThatRequiresOne() throws Exception {
        Path caFile = TestCertificates.writeCa(ca, dir.resolve("ca.pem"));
        Path cert = dir.resolve("client.pem");
        Path key = dir.resolve("client-key.pem");
        TestCertificates.writePem(TestCertificates.client(otherCa, "turnpike-gateway"), cert, key);
        PoolTls trusting = PoolTls.DEFAULTS.withCa(caFile.toString());
        try (TlsUpstream upstream = TlsUpstream.requiringClientCertificate(TestCertificates.localhost(ca, 2), otherCa);
             GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("data"), perPool(
                     pool("mtls", upstream, trusting.withClientCertificate(cert.toString(), key.toString())),
                     pool("anonymous", upstream, trusting)))) {
            assertThat(gw.get("/mtls/x").statusCode()).isEqualTo(200);
            assertThat(upstream.take().clientSubject()).isEqualTo("CN=turnpike-gateway");

            HttpResponse<String> refused = gw.get("/anonymous/x");
            assertThat(refused.statusCode()).isEqualTo(502);
            assertThat(JSON.readTree(refused.body()).get("type").asText()).endsWith("/upstream-tls");
            assertThat(upstream.sawNothing()).isTrue();
        }
    }

    @Test
    void aPoolWhoseFilesDoNotLoadFailsItsCallsWithATlsProblem() throws Exception {
        // Catalog files given at start are not checked by the admin API; a node that cannot read them says so per call.
        try (TlsUpstream upstream = TlsUpstream.start(TestCertificates.localhost(ca, 3));
             GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("data"), TestCatalogs.oneApi("/api", "/",
                     pool("p", upstream, PoolTls.DEFAULTS.withCa(dir.resolve("missing.pem").toString()))))) {
            assertTlsProblem(gw.get("/api/x"), "cannot be used on this node: ca: " + dir.resolve("missing.pem")
                    + ": no such file");
            assertThat(upstream.sawNothing()).isTrue();
        }
    }

    /** One public API per pool, at {@code /<pool id>}. */
    static Catalog perPool(UpstreamPool... pools) {
        return new Catalog(Arrays.stream(pools).map(p -> TestCatalogs.api(p.id(), "/" + p.id(), "/",
                List.of(new Target(p.id(), 1)), List.of())).toList(), List.of(pools));
    }

    static UpstreamPool pool(String id, TlsUpstream upstream, PoolTls tls) {
        return new UpstreamPool(id, List.of(new Instance("127.0.0.1", upstream.port(), 1)), Balancer.LEAST_OUTSTANDING,
                Optional.of(tls), PoolSettings.DEFAULTS, OutlierDetection.DEFAULTS, Optional.empty());
    }

    private static void assertTlsProblem(HttpResponse<String> response, String reason) throws Exception {
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://turnpike.dev/problems/upstream-tls");
        assertThat(problem.get("detail").asText()).contains(reason);
    }
}
