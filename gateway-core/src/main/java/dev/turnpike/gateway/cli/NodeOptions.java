package dev.turnpike.gateway.cli;

import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.config.SettingsException;
import dev.turnpike.gateway.config.SettingsLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options shared by {@code serve} and {@code demo}: the settings file, shortcuts for common settings, and --set. */
final class NodeOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Node settings file (turnpike.yaml).")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "Public (proxy) port; same as --set public.port=PORT.")
    Integer port;

    @Option(names = "--admin-port", paramLabel = "PORT", description = "Admin port; same as --set admin.port=PORT.")
    Integer adminPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory; same as --set dataDir=DIR.")
    Path dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set limits.maxBodySize=10MB.")
    Map<String, String> set = new LinkedHashMap<>();

    /** Settings from defaults, the file, the environment and these flags (flags win). */
    NodeSettings load(List<Path> catalogFiles, String defaultDataDir) throws SettingsException {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (defaultDataDir != null) {
            overrides.put("dataDir", defaultDataDir);
        }
        overrides.putAll(set);
        if (port != null) {
            overrides.put("public.port", port.toString());
        }
        if (adminPort != null) {
            overrides.put("admin.port", adminPort.toString());
        }
        if (dataDir != null) {
            overrides.put("dataDir", dataDir.toString());
        }
        if (!catalogFiles.isEmpty()) {
            overrides.put("catalog", String.join(",", catalogFiles.stream().map(Path::toString).toList()));
        }
        return SettingsLoader.load(Optional.ofNullable(config), System.getenv(), overrides);
    }
}
