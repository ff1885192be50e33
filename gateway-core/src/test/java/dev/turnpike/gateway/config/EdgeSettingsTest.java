package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The door's settings: defaults, parsing and the errors bad values get. */
class EdgeSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() throws Exception {
        EdgeSettings e = SettingsLoader.load(Optional.empty(), Map.of(), Map.of()).edge();
        assertThat(e).isEqualTo(EdgeSettings.DEFAULTS);
        assertThat(e.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(e.minBodyRate()).isEqualTo(1024);
        assertThat(e.trustedProxies()).isEmpty();
        assertThat(e.publicTls()).isEmpty();
    }

    @Test
    void readsTrustedProxiesAndTlsFiles() throws Exception {
        EdgeSettings e = SettingsLoader.load(Optional.empty(), Map.of("TURNPIKE_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8"),
                Map.of("tls.certificate", "c.pem", "tls.key", "k.pem", "limits.maxConnectionsPerClient", "0")).edge();
        assertThat(e.trustedProxies()).containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8"));
        assertThat(e.publicTls()).hasValueSatisfying(t -> {
            assertThat(t.certificate()).isEqualTo(Path.of("c.pem"));
            assertThat(t.reloadInterval()).isEqualTo(Duration.ofSeconds(10));
        });
        assertThat(e.maxConnectionsPerClient()).isZero();
    }

    @Test
    void reportsEveryBadValueWithItsKey() {
        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of(), Map.of(
                "trustedProxies", "10.0.0.0/33", "tls.certificate", "c.pem", "limits.headerTimeout", "soon",
                "limits.maxConnections", "0")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("trustedProxies: \"10.0.0.0/33\"")
                .hasMessageContaining("prefix length of 0..32")
                .hasMessageContaining("tls.key: \"\" from default (expected: a PEM file path, since tls.certificate is set)")
                .hasMessageContaining("limits.headerTimeout: \"soon\"");
        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of(), Map.of("limits.maxConnections", "0")))
                .hasMessageContaining("limits.maxConnections: 0 (expected: > 0)");
    }
}
