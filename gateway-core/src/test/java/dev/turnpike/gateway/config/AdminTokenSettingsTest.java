package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.store.AdminToken;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminTokenSettingsTest {
    @Test
    void readsNameRoleAndHashFromTheEnvironment() throws Exception {
        String hash = ApiKey.hash("secret");
        NodeSettings s = SettingsLoader.load(Optional.empty(), Map.of("TURNPIKE_ADMIN_TOKENS",
                "ops:admin:" + hash + ", viewer:READ_ONLY:" + ApiKey.hash("other").toUpperCase()), Map.of());
        assertThat(s.adminTokens()).containsExactly(new AdminToken("ops", AdminToken.Role.ADMIN, hash),
                new AdminToken("viewer", AdminToken.Role.READ_ONLY, ApiKey.hash("other")));
        assertThat(SettingsLoader.load(Optional.empty(), Map.of(), Map.of()).adminTokens()).isEmpty();
    }

    @Test
    void reportsBadEntriesWithTheKeyAndWhatWasExpected() {
        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of(),
                Map.of("admin.tokens", "ops:root:" + ApiKey.hash("x"))))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("admin.tokens").hasMessageContaining("admin or read-only");
        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of(), Map.of("admin.tokens", "ops:admin")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("name:role:sha256hex");
        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of(), Map.of("admin.tokens",
                "ops:admin:" + ApiKey.hash("x") + ",ops:admin:" + ApiKey.hash("y"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("once");
        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of(), Map.of("admin.tokens",
                "ops:admin:plaintext-token")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("64 lower-case hex");
    }
}
