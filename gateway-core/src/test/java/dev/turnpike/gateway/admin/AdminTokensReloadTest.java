package dev.turnpike.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.catalog.CatalogSync;
import dev.turnpike.gateway.catalog.SnapshotFile;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.store.AdminToken;
import dev.turnpike.registry.store.CatalogStore;
import dev.turnpike.registry.store.JdbcCatalogStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A node that started while the store was unreachable accepts the stored tokens once the store answers. */
class AdminTokensReloadTest {
    @TempDir
    Path dir;

    @Test
    void readsTheStoredTokensWhenTheStoreComesBack() {
        AtomicReference<CatalogStore> reachable = new AtomicReference<>();
        try (CatalogStore store = JdbcCatalogStore.embedded(dir.resolve("data"));
             CatalogSync sync = new CatalogSync(() -> {
                 CatalogStore s = reachable.get();
                 if (s == null) {
                     throw new IllegalStateException("store down");
                 }
                 return s;
             }, false, new RoutingState(), new SnapshotFile(dir), Duration.ofHours(1))) {
            store.addFirstAdminToken(new AdminToken("ops", AdminToken.Role.ADMIN, ApiKey.hash("the-token")));

            AdminTokens tokens = AdminTokens.load(List.of(), sync, new SecureRandom());
            assertThat(tokens.generatedToken()).as("nothing is generated without a store").isEmpty();
            StepVerifier.create(tokens.authenticateLater("Bearer the-token"))
                    .expectError(AdminProblem.class).verify(Duration.ofSeconds(10));

            reachable.set(store);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tokens
                    .authenticateLater("Bearer the-token").onErrorResume(AdminProblem.class, e -> Mono.empty())
                    .block(Duration.ofSeconds(10))).extracting(AdminToken::name).isEqualTo("ops"));
            StepVerifier.create(tokens.authenticateLater("Bearer another"))
                    .expectError(AdminProblem.class).verify(Duration.ofSeconds(10));
        }
    }
}
