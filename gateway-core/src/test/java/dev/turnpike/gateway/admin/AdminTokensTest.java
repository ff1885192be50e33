package dev.turnpike.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.GatewayProcess;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.AdminToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No default admin token: the first start without configured tokens generates one, stores its hash, shows it once. */
class AdminTokensTest {
    private static final Pattern PRINTED = Pattern.compile("^  (tpa_[A-Za-z0-9_-]{43})$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void theFirstStartGeneratesAStoredTokenThatLaterStartsAcceptWithoutShowingIt() throws Exception {
        String token;
        try (GatewayUnderTest first = GatewayUnderTest.start(dir, Catalog.EMPTY, Map.of())) {
            token = first.server().generatedAdminToken().orElseThrow();
            assertThat(token).hasSizeGreaterThanOrEqualTo(4 + 43); // 256 random bits, base64url
            assertThat(first.store().adminTokens()).containsExactly(
                    new AdminToken(AdminTokens.GENERATED_NAME, AdminToken.Role.ADMIN, ApiKey.hash(token)));
            assertThat(new AdminClient(first.adminPort(), token).get("/admin/v1/apis").statusCode()).isEqualTo(200);
            assertThat(new AdminClient(first.adminPort(), null).get("/admin/v1/apis").statusCode()).isEqualTo(401);
        }
        try (GatewayUnderTest again = GatewayUnderTest.start(dir, null, Map.of())) {
            assertThat(again.server().generatedAdminToken()).isEmpty();
            assertThat(new AdminClient(again.adminPort(), token).get("/admin/v1/apis").statusCode()).isEqualTo(200);
        }
        try (GatewayUnderTest configured = GatewayUnderTest.start(dir, null, AdminClient.TOKENS)) {
            assertThat(configured.server().generatedAdminToken()).isEmpty();
            assertThat(new AdminClient(configured.adminPort(), token).get("/admin/v1/apis").statusCode())
                    .as("configured tokens replace the stored ones").isEqualTo(401);
            assertThat(new AdminClient(configured).get("/admin/v1/apis").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void serveOnlyPrintsTheTokenOnItsFirstStart() throws Exception {
        List<String> args = List.of("serve", "--port", "0", "--admin-port", "0", "--data-dir",
                dir.resolve("data").toString(), "--set", "public.host=127.0.0.1");
        GatewayProcess first = GatewayProcess.start(List.of("-Xmx128m"), args.toArray(String[]::new));
        String token;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> PRINTED.matcher(first.output()).find());
            Matcher m = PRINTED.matcher(first.output());
            assertThat(m.find()).isTrue();
            token = m.group(1);
            assertThat(new AdminClient(first.adminPort(), token).get("/admin/v1/teams").statusCode()).isEqualTo(200);
        } finally {
            first.close();
        }
        GatewayProcess second = GatewayProcess.start(List.of("-Xmx128m"), args.toArray(String[]::new));
        try {
            assertThat(new AdminClient(second.adminPort(), token).get("/admin/v1/teams").statusCode()).isEqualTo(200);
        } finally {
            second.close();
        }
        assertThat(second.output()).doesNotContain(token).doesNotContain("generated one");
    }
}
