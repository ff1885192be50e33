package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The web catalog's "Try it out" settings and the CORS origins, as the settings loader reads them: defaults, the
 * public URL derived only where the listeners' addresses tell it (else a start-up error naming the field), and
 * origins normalized the way browsers send them.
 */
class UiSettingsTest {

    private static NodeSettings load(Map<String, String> flags) throws SettingsException {
        return SettingsLoader.load(Optional.empty(), Map.of(), flags);
    }

    private static Map<String, String> on(String... pairs) {
        Map<String, String> m = new HashMap<>(Map.of("ui.tryItOut", "true"));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static URI publicUrl(NodeSettings s, boolean tls, int port) {
        return s.ui().effectivePublicUrl(s.publicListener(), s.adminListener(), tls, port).orElseThrow();
    }

    @Test
    void offAndOriginlessByDefault() throws Exception {
        NodeSettings s = load(Map.of());
        assertThat(s.ui()).isEqualTo(UiSettings.DEFAULTS);
        assertThat(s.cors().allowedOrigins()).isEmpty();
    }

    @Test
    void derivesThePublicUrlOnlyWhereTheListenersTellIt() throws Exception {
        // public.host 0.0.0.0, admin.host 127.0.0.1 (the defaults): the browser runs on this machine.
        assertThat(publicUrl(load(on()), false, 8080)).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(publicUrl(load(on("public.host", "10.1.2.3")), true, 8443))
                .isEqualTo(URI.create("https://10.1.2.3:8443"));
        assertThat(publicUrl(load(on("public.host", "::", "admin.host", "::1")), false, 80))
                .isEqualTo(URI.create("http://[::1]"));
        assertThat(publicUrl(load(on("ui.publicUrl", "HTTPS://Api.Example.com:443/gateway/")), false, 8080))
                .isEqualTo(URI.create("https://api.example.com/gateway"));

        assertThatThrownBy(() -> load(on("admin.host", "0.0.0.0")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "ui.publicUrl: \"\" from default (expected: the URL browsers reach the public listener at,"
                                + " such as https://api.example.com, since ui.tryItOut is on and neither public.host"
                                + " 0.0.0.0 nor admin.host 0.0.0.0 tells it)"));
        // Off, nothing is needed.
        assertThat(load(Map.of("admin.host", "0.0.0.0")).ui().tryItOut()).isFalse();
    }

    @Test
    void refusesAPublicUrlThatIsNoHttpUrl() {
        for (String bad : List.of("ftp://files.example.com", "api.example.com", "https://api.example.com/?x=1",
                "https://user:pw@api.example.com", "https://api.example.com/#top")) {
            assertThatThrownBy(() -> load(on("ui.publicUrl", bad)))
                    .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
                            "ui.publicUrl: \"" + bad + "\" from flag (expected: an http or https URL such as"
                                    + " https://api.example.com, without query, fragment or user info)"));
        }
        assertThatThrownBy(() -> load(Map.of("ui.tryItOut", "sometimes")))
                .hasMessageContaining("ui.tryItOut: \"sometimes\" from flag (expected: true or false)");
    }

    @Test
    void readsOriginsAsBrowsersSendThem() throws Exception {
        NodeSettings s = load(Map.of("cors.allowedOrigins",
                "https://Portal.Example.com:443/, http://[::1]:9080,http://localhost:3000, https://portal.example.com"));
        assertThat(s.cors().allowedOrigins()).extracting(WebOrigin::toString).containsExactly(
                "https://portal.example.com", "http://[::1]:9080", "http://localhost:3000");
        for (String bad : List.of("*", "null", "https://portal.example.com/app", "portal.example.com",
                "ws://portal.example.com", "https://portal.example.com?x")) {
            assertThatThrownBy(() -> load(Map.of("cors.allowedOrigins", bad)))
                    .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
                            "cors.allowedOrigins: \"" + bad + "\" from flag (expected: an origin such as"
                                    + " https://portal.example.com or http://127.0.0.1:9080: http or https, a host and"
                                    + " an optional port; no path, no *)"));
        }
    }

    @Test
    void theCatalogsOriginsFollowTheAdminListener() {
        assertThat(UiSettings.adminOrigins(new NodeSettings.Listener("127.0.0.1", 0), false, 9080))
                .extracting(WebOrigin::toString).containsExactly("http://127.0.0.1:9080", "http://localhost:9080");
        assertThat(UiSettings.adminOrigins(new NodeSettings.Listener("::1", 0), true, 9443))
                .extracting(WebOrigin::toString).containsExactly("https://[::1]:9443", "https://localhost:9443");
        assertThat(UiSettings.adminOrigins(new NodeSettings.Listener("admin.internal", 0), true, 443))
                .extracting(WebOrigin::toString).containsExactly("https://admin.internal");
        assertThat(UiSettings.adminOrigins(new NodeSettings.Listener("0.0.0.0", 0), false, 9080)).isEmpty();
        assertThat(UiSettings.adminOrigins(new NodeSettings.Listener("::", 0), false, 9080)).isEmpty();
    }
}
