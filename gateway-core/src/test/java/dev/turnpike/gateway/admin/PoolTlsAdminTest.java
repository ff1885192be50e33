package dev.turnpike.gateway.admin;

import static dev.turnpike.gateway.admin.AdminClient.json;
import static dev.turnpike.gateway.admin.AdminClient.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestCertificates;
import dev.turnpike.gateway.testing.TlsUpstream;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.UpstreamPool;
import io.netty.pkitesting.X509Bundle;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool's TLS settings through the admin API: the JSON form, the files checked on the writing node (400 naming the
 * field, nothing changed), and the pool's clients rebuilt live when its TLS settings change.
 */
class PoolTlsAdminTest {
    @TempDir
    Path dir;

    @Test
    void refusesTlsFilesThatDoNotLoadAndRebuildsThePoolsClientsWhenTheSettingsChange() throws Exception {
        X509Bundle ca = TestCertificates.ca("Admin test CA");
        Path caFile = TestCertificates.writeCa(ca, dir.resolve("ca.pem"));
        Path cert = dir.resolve("client.pem");
        Path key = dir.resolve("client-key.pem");
        TestCertificates.writePem(TestCertificates.client(ca, "gw"), cert, key);
        Path otherKey = dir.resolve("other-key.pem");
        Files.writeString(otherKey, TestCertificates.client(ca, "other").getPrivateKeyPEM());
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        try (TlsUpstream upstream = TlsUpstream.requiringClientCertificate(TestCertificates.localhost(ca, 1), ca);
             GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("data"), TestCatalogs.oneApi("/api", "/",
                     new UpstreamPool("p", List.of(new Instance("127.0.0.1", upstream.port(), 1)),
                             Balancer.LEAST_OUTSTANDING, true, PoolSettings.DEFAULTS)), AdminClient.TOKENS)) {
            AdminClient admin = new AdminClient(gw);
            String pool = "{\"id\":\"p\",\"instances\":[\"127.0.0.1:" + upstream.port() + "\"],\"tls\":";
            // tls: true trusts the JDK's store, which does not know the test CA.
            assertThat(gw.get("/api/x").statusCode()).isEqualTo(502);

            HttpResponse<String> missing = admin.send("PUT", "/admin/v1/pools/p",
                    pool + "{\"ca\":\"" + dir.resolve("nope.pem") + "\"}}");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(pointers(missing)).containsExactly("/pools/p/tls/ca");
            assertThat(json(missing).get("detail").asText()).isEqualTo("TLS file refused: /pools/p/tls/ca: "
                    + dir.resolve("nope.pem") + ": no such file (expected: a readable PEM file of certificates on"
                    + " this node)");

            HttpResponse<String> bad = admin.send("PUT", "/admin/v1/pools/p", pool + "{\"ca\":\"" + notPem
                    + "\",\"clientCertificate\":\"" + cert + "\",\"clientKey\":\"" + otherKey + "\"}}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(pointers(bad)).containsExactly("/pools/p/tls/ca", "/pools/p/tls/clientKey");

            HttpResponse<String> relative = admin.send("PUT", "/admin/v1/pools/p", pool + "{\"ca\":\"ca.pem\"}}");
            assertThat(relative.statusCode()).isEqualTo(400);
            assertThat(pointers(relative)).containsExactly("/tls/ca");
            assertThat(gw.get("/api/x").statusCode()).as("nothing changed").isEqualTo(502);

            String good = pool + "{\"ca\":\"" + caFile + "\",\"clientCertificate\":\"" + cert
                    + "\",\"clientKey\":\"" + key + "\"}}";
            assertThat(admin.send("PUT", "/admin/v1/pools/p", good).statusCode()).isEqualTo(200);
            JsonNode tls = json(admin.get("/admin/v1/pools/p")).get("tls");
            assertThat(tls.get("ca").asText()).isEqualTo(caFile.toString());
            assertThat(tls.get("clientKey").asText()).isEqualTo(key.toString());
            assertThat(tls.has("verifyHostname")).as("default left out").isFalse();
            assertThat(gw.get("/api/x").statusCode()).isEqualTo(200);
            assertThat(upstream.take().clientSubject()).isEqualTo("CN=gw");

            JsonNode audit = json(admin.get("/admin/v1/audit?limit=1"));
            assertThat(audit.toString()).contains("ca=\\\"" + caFile + "\\\"").doesNotContain("BEGIN");
        }
    }
}
