package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedOnes() throws Exception {
        NodeSettings s = SettingsLoader.load(Optional.empty(), Map.of(), Map.of());
        assertThat(s.publicListener()).isEqualTo(new NodeSettings.Listener("0.0.0.0", 8080));
        assertThat(s.adminListener()).isEqualTo(new NodeSettings.Listener("127.0.0.1", 9080));
        assertThat(s.limits()).isEqualTo(new NodeSettings.Limits(8192, 16384, 100, 100L << 20, Duration.ofSeconds(60)));
        assertThat(s.catalogFiles()).isEmpty();
        assertThat(s.accessLog()).isTrue();
        assertThat(s.logFormat()).isEqualTo(NodeSettings.LogFormat.TEXT);
    }

    @Test
    void fileThenEnvironmentThenFlagsWin() throws Exception {
        Path file = dir.resolve("turnpike.yaml");
        Files.writeString(file, """
                public:
                  port: 7000
                admin:
                  port: 7001
                dataDir: state
                catalog: [apis/a.yaml, apis/b.yaml]
                limits:
                  maxBodySize: 10MB
                  maxHeaders: 50
                log:
                  format: json
                """);
        NodeSettings s = SettingsLoader.load(Optional.of(file),
                Map.of("TURNPIKE_ADMIN_PORT", "7101", "TURNPIKE_LIMITS_MAX_HEADERS", "60", "HOME", "/root"),
                Map.of("limits.maxHeaders", "70"));
        assertThat(s.publicListener().port()).isEqualTo(7000);
        assertThat(s.adminListener().port()).isEqualTo(7101);
        assertThat(s.limits().maxHeaders()).isEqualTo(70);
        assertThat(s.limits().maxBodySize()).isEqualTo(10L << 20);
        assertThat(s.dataDir()).isEqualTo(dir.resolve("state").toAbsolutePath().normalize());
        assertThat(s.catalogFiles()).containsExactly(dir.resolve("apis/a.yaml").toAbsolutePath().normalize(),
                dir.resolve("apis/b.yaml").toAbsolutePath().normalize());
        assertThat(s.logFormat()).isEqualTo(NodeSettings.LogFormat.JSON);
    }

    @Test
    void reportsEveryBadValueWithKeySourceAndExpectation() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "public:\n  port: 99999\nlimits:\n  idleTimeout: soon\nbogus: 1\n");
        assertThatThrownBy(() -> SettingsLoader.load(Optional.of(file),
                Map.of("TURNPIKE_LIMITS_MAX_BODY_SIZE", "lots"), Map.of("accessLog", "maybe")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "bogus: unknown setting in " + file + " (expected one of: " + keys() + ")",
                        "public.port: \"99999\" from " + file + " (expected: 0..65535)",
                        "limits.idleTimeout: \"soon\" from " + file
                                + " (expected: a duration such as 250ms, 2s, 5m, 1h)",
                        "limits.maxBodySize: \"lots\" from env TURNPIKE_LIMITS_MAX_BODY_SIZE"
                                + " (expected: a size such as 8192, 16KB, 10MB, 1GB)",
                        "accessLog: \"maybe\" from flag (expected: true or false)"));
    }

    @Test
    void unknownFlagKeyIsAnError() {
        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of(), Map.of("limits.maxBody", "1")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("limits.maxBody: unknown setting from flag");
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertThat(Setting.MAX_BODY_SIZE.envName()).isEqualTo("TURNPIKE_LIMITS_MAX_BODY_SIZE");
        assertThat(Setting.DATA_DIR.envName()).isEqualTo("TURNPIKE_DATA_DIR");
        assertThat(Setting.PUBLIC_PORT.envName()).isEqualTo("TURNPIKE_PUBLIC_PORT");
    }

    @Test
    void everySettingIsDocumented() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(doc);
        for (Setting s : Setting.values()) {
            assertThat(text).as("docs/configuration.md documents " + s.key())
                    .contains("`" + s.key() + "`").contains("`" + s.envName() + "`");
        }
    }

    private static String keys() {
        return String.join(", ", Arrays.stream(Setting.values()).map(Setting::key).toList());
    }
}
