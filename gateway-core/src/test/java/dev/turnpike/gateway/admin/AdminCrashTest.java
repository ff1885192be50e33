package dev.turnpike.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayProcess;
import dev.turnpike.gateway.testing.TestUpstream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every admin write the node acknowledged survives the node being killed with SIGKILL: writes go on from two
 * threads while the process is killed; after a restart on the same data directory each acknowledged API is there
 * and served, and each acknowledged key authenticates.
 */
class AdminCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        List<String> args = List.of("serve", "--port", "0", "--admin-port", "0", "--data-dir", dir.toString(),
                "--set", "admin.tokens=ops:admin:" + dev.turnpike.registry.model.ApiKey.hash(AdminClient.ADMIN_TOKEN));
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        try (TestUpstream upstream = TestUpstream.start("up")) {
            GatewayProcess node = GatewayProcess.start(List.of("-Xmx256m"), args.toArray(String[]::new));
            AdminClient admin = new AdminClient(node.adminPort(), AdminClient.ADMIN_TOKEN);
            assertThat(admin.send("PUT", "/admin/v1/pools/p", "{\"id\": \"p\", \"instances\": [\""
                    + upstream.address() + "\"]}").statusCode()).isEqualTo(201);
            assertThat(admin.send("PUT", "/admin/v1/consumers/c", "{\"id\": \"c\", \"team\": \"t\"}").statusCode())
                    .isEqualTo(201);
            AtomicBoolean stop = new AtomicBoolean();
            Thread apis = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String id = "a" + i;
                    try {
                        HttpResponse<String> r = admin.send("PUT", "/admin/v1/apis/" + id, "{\"id\": \"" + id
                                + "\", \"owner\": \"t\", \"basePath\": \"/" + id + "\", \"policies\":"
                                + " {\"publicAccess\": true}, \"targets\": [{\"pool\": \"p\"}]}");
                        if (r.statusCode() == 201) {
                            acknowledged.add(id);
                        }
                    } catch (Exception killed) {
                        return;
                    }
                }
            });
            Thread keyWriter = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = admin.send("POST", "/admin/v1/consumers/c/keys", "{}");
                        if (r.statusCode() == 201) {
                            keys.add(AdminClient.JSON.readTree(r.body()).path("key").asText());
                        }
                    } catch (Exception killed) {
                        return;
                    }
                }
            });
            apis.start();
            keyWriter.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> acknowledged.size() >= 40 && keys.size() >= 5);
            node.kill(); // while both writers are mid-request
            stop.set(true);
            apis.join(30_000);
            keyWriter.join(30_000);

            GatewayProcess restarted = GatewayProcess.start(List.of("-Xmx256m"), args.toArray(String[]::new));
            try {
                AdminClient after = new AdminClient(restarted.adminPort(), AdminClient.ADMIN_TOKEN);
                for (String id : acknowledged) {
                    assertThat(after.get("/admin/v1/apis/" + id).statusCode()).as(id).isEqualTo(200);
                }
                String last = acknowledged.get(acknowledged.size() - 1);
                assertThat(get(restarted.port(), "/" + last + "/x").statusCode()).isEqualTo(200);
                JsonKeys stored = new JsonKeys(after.get("/admin/v1/consumers/c/keys").body());
                for (String key : keys) {
                    assertThat(stored.hasPrefixOf(key)).as("key %s…", key.substring(0, 12)).isTrue();
                }
            } finally {
                restarted.close();
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return dev.turnpike.gateway.testing.GatewayUnderTest.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path)));
    }

    /** The key list of the admin API: prefixes only, never secrets. */
    private record JsonKeys(String body) {
        boolean hasPrefixOf(String plaintext) throws Exception {
            for (com.fasterxml.jackson.databind.JsonNode k : AdminClient.JSON.readTree(body).path("items")) {
                if (plaintext.startsWith(k.path("prefix").asText("\u0000"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
