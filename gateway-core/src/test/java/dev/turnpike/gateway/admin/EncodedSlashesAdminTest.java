package dev.turnpike.gateway.admin;

import static dev.turnpike.gateway.admin.AdminClient.json;
import static dev.turnpike.gateway.admin.AdminClient.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.RawHttp;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An API's {@code policies.encodedSlashes} through the admin API, taking effect live at the door. */
class EncodedSlashesAdminTest {
    @TempDir
    Path dir;

    @Test
    void anApiOptsIntoEncodedSlashesLiveAndBadValuesAreRefused() throws Exception {
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/api", "/",
                     TestCatalogs.pool("p", upstream)), AdminClient.TOKENS)) {
            AdminClient admin = new AdminClient(gw);
            String request = "GET /api/dir%2Ffile HTTP/1.1\r\nHost: gw\r\n\r\n";
            assertThat(RawHttp.exchange(gw.port(), request).status()).isEqualTo(400);

            String api = "{\"id\":\"test\",\"owner\":\"test-team\",\"basePath\":\"/api\",\"targets\":[{\"pool\":\"p\"}],"
                    + "\"policies\":{\"publicAccess\":true,\"encodedSlashes\":";
            HttpResponse<String> bad = admin.send("PUT", "/admin/v1/apis/test", api + "\"decode\"}}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(pointers(bad)).containsExactly("/policies/encodedSlashes");
            assertThat(json(bad).get("errors").get(0).get("detail").asText())
                    .isEqualTo("\"decode\" (expected: refuse or pass)");

            assertThat(admin.send("PUT", "/admin/v1/apis/test", api + "\"pass\"}}").statusCode()).isEqualTo(200);
            assertThat(json(admin.get("/admin/v1/apis/test")).get("policies").get("encodedSlashes").asText())
                    .isEqualTo("pass");
            assertThat(RawHttp.exchange(gw.port(), request).status()).isEqualTo(200);
            assertThat(upstream.take().uri()).isEqualTo("/dir%2Ffile");
            assertThat(json(admin.get("/admin/v1/audit?limit=1")).toString()).contains("encodedSlashes=PASS");

            assertThat(admin.send("PUT", "/admin/v1/apis/test", api + "\"refuse\"}}").statusCode()).isEqualTo(200);
            assertThat(RawHttp.exchange(gw.port(), request).status()).isEqualTo(400);
        }
    }
}
