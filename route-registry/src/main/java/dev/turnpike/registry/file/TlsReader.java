package dev.turnpike.registry.file;

import dev.turnpike.registry.model.PoolTls;
import java.util.Optional;

/**
 * Reads a pool's {@code tls:} field: {@code true} or {@code false}, or a mapping of {@link PoolTls} settings (which
 * means TLS on). Returns {@code null} after reporting a problem.
 */
final class TlsReader {
    private static final String EXPECTED = "true, false or a mapping of " + String.join(", ", PoolReader.TLS_FIELDS);

    private TlsReader() {
    }

    /** The pool's TLS settings; empty when absent or {@code false}. */
    static Optional<PoolTls> tls(YamlFields pool) {
        YamlNode node = pool.node("tls");
        if (node == null) {
            return Optional.empty();
        }
        if (node.kind() == YamlNode.Kind.SCALAR && node.type() == YamlNode.ScalarType.BOOLEAN) {
            return Boolean.parseBoolean(node.text()) ? Optional.of(PoolTls.DEFAULTS) : Optional.empty();
        }
        if (node.kind() != YamlNode.Kind.MAPPING) {
            pool.report("tls", node.describe() + " (expected: " + EXPECTED + ")");
            return null;
        }
        YamlFields f = pool.mapping("tls", PoolReader.TLS_FIELDS);
        int before = f.violationCount();
        String ca = f.text("ca", null);
        Boolean verifyHostname = f.bool("verifyHostname", true);
        String serverName = f.text("serverName", null);
        String clientCertificate = f.text("clientCertificate", null);
        String clientKey = f.text("clientKey", null);
        if (f.violationCount() > before) {
            return null;
        }
        try {
            return Optional.of(new PoolTls(Optional.ofNullable(ca), verifyHostname, Optional.ofNullable(serverName),
                    Optional.ofNullable(clientCertificate), Optional.ofNullable(clientKey)));
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }
}
