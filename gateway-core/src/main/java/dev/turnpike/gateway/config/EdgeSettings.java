package dev.turnpike.gateway.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the node's door defends itself (docs/security.md): slow-client deadlines, connection caps, which peers are
 * trusted proxies, and TLS on the listeners.
 *
 * @param headerTimeout           a request head must arrive whole within this from its first byte; else 408 and close
 * @param minBodyRate             bytes per second a request body must keep up while the gateway reads it; 0 = no
 *                                minimum
 * @param bodyRateWindow          how long a body may stay under {@code minBodyRate} before it is cut off
 * @param maxConnections          open connections on the public listener; more are closed at once
 * @param maxConnectionsPerClient open connections from one client address (TCP peer) on the public listener; 0 = no
 *                                cap; trusted proxies are exempt
 * @param trustedProxies          peers whose {@code X-Forwarded-For}/{@code Forwarded} is read and appended to
 * @param publicTls               TLS of the public listener; empty = plain HTTP (and h2c when {@code h2c})
 * @param adminTls                TLS of the admin listener; empty = plain HTTP
 * @param h2c                     whether the plain public listener also serves h2c (cleartext HTTP/2); off by default
 *                                because its codec costs about 4.6 KB of heap per open connection, used or not
 */
public record EdgeSettings(Duration headerTimeout, long minBodyRate, Duration bodyRateWindow, int maxConnections,
                           int maxConnectionsPerClient, List<Cidr> trustedProxies, Optional<TlsFiles> publicTls,
                           Optional<TlsFiles> adminTls, boolean h2c) {

    /** The defaults of {@code docs/configuration.md}. */
    public static final EdgeSettings DEFAULTS = new EdgeSettings(Duration.ofSeconds(10), 1024, Duration.ofSeconds(10),
            10_000, 1_000, List.of(), Optional.empty(), Optional.empty(), false);

    public EdgeSettings {
        positive("limits.headerTimeout", headerTimeout);
        if (minBodyRate < 0) {
            throw new IllegalArgumentException("limits.minBodyRate: " + minBodyRate + " (expected: >= 0)");
        }
        positive("limits.bodyRateWindow", bodyRateWindow);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("limits.maxConnections: " + maxConnections + " (expected: > 0)");
        }
        if (maxConnectionsPerClient < 0) {
            throw new IllegalArgumentException("limits.maxConnectionsPerClient: " + maxConnectionsPerClient
                    + " (expected: >= 0, 0 = no cap)");
        }
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(publicTls, "publicTls");
        Objects.requireNonNull(adminTls, "adminTls");
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    /** Whether {@code peer} is one of the trusted proxies. */
    public boolean trusted(InetAddress peer) {
        for (int i = 0; i < trustedProxies.size(); i++) {
            if (trustedProxies.get(i).contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A certificate chain and its private key, PEM files, re-read when they change.
     *
     * @param certificate    PEM certificate chain, leaf first
     * @param key            PEM private key (PKCS#8, unencrypted)
     * @param reloadInterval how often the files are checked for changes
     */
    public record TlsFiles(Path certificate, Path key, Duration reloadInterval) {
        public TlsFiles {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
            positive("tls.reloadInterval", reloadInterval);
        }
    }
}
