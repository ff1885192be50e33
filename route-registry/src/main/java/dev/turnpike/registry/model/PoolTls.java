package dev.turnpike.registry.model;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the gateway speaks TLS (1.2 or 1.3) to the instances of one pool. The instance's certificate chain is always
 * verified; there is no setting to turn that off (give a {@code ca} to trust a private or self-signed CA).
 * Files are named by absolute paths on the gateway nodes; the catalog holds only their paths, never their content.
 *
 * <pre>{@code
 * PoolTls tls = PoolTls.DEFAULTS.withCa("/etc/turnpike/upstream-ca.pem").withServerName("orders.internal");
 * }</pre>
 *
 * @param ca                PEM file of the CA certificates to trust; empty (the default): the JDK's trust store
 * @param verifyHostname    whether the certificate must be issued to the name the gateway connects to (the
 *                          {@code serverName}, else the instance host); default {@code true}
 * @param serverName        the name sent as SNI and checked against the certificate instead of the instance host;
 *                          empty (the default): the instance host (no SNI for an IP address)
 * @param clientCertificate PEM certificate chain the gateway presents (mutual TLS); set together with
 *                          {@code clientKey}
 * @param clientKey         PEM PKCS#8 private key of {@code clientCertificate}, unencrypted
 */
public record PoolTls(Optional<String> ca, boolean verifyHostname, Optional<String> serverName,
                      Optional<String> clientCertificate, Optional<String> clientKey) {

    /** Verification against the JDK's trust store with the hostname check, no client certificate. */
    public static final PoolTls DEFAULTS = new PoolTls(Optional.empty(), true, Optional.empty(), Optional.empty(),
            Optional.empty());

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public PoolTls {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(clientKey, "clientKey");
        ca.ifPresent(p -> requireAbsolutePath("ca", p));
        serverName.ifPresent(PoolTls::requireHostName);
        clientCertificate.ifPresent(p -> requireAbsolutePath("clientCertificate", p));
        clientKey.ifPresent(p -> requireAbsolutePath("clientKey", p));
        if (clientCertificate.isPresent() && clientKey.isEmpty()) {
            throw new IllegalArgumentException("clientKey: missing (expected: a key file, since clientCertificate is"
                    + " set)");
        }
        if (clientKey.isPresent() && clientCertificate.isEmpty()) {
            throw new IllegalArgumentException("clientCertificate: missing (expected: a certificate file, since"
                    + " clientKey is set)");
        }
    }

    /** A copy trusting the CA certificates in the PEM file {@code path}. */
    public PoolTls withCa(String path) {
        return new PoolTls(Optional.of(path), verifyHostname, serverName, clientCertificate, clientKey);
    }

    /** A copy with the hostname check on or off. */
    public PoolTls withVerifyHostname(boolean value) {
        return new PoolTls(ca, value, serverName, clientCertificate, clientKey);
    }

    /** A copy sending and checking {@code name} instead of the instance host. */
    public PoolTls withServerName(String name) {
        return new PoolTls(ca, verifyHostname, Optional.of(name), clientCertificate, clientKey);
    }

    /** A copy presenting the client certificate chain and key in these PEM files. */
    public PoolTls withClientCertificate(String certificate, String key) {
        return new PoolTls(ca, verifyHostname, serverName, Optional.of(certificate), Optional.of(key));
    }

    private static void requireAbsolutePath(String field, String path) {
        boolean absolute;
        try {
            absolute = !path.isBlank() && path.indexOf('\0') < 0 && path.length() <= 4096 && Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            absolute = false;
        }
        if (!absolute) {
            throw new IllegalArgumentException(field + ": \"" + path + "\" (expected: an absolute path of a PEM file"
                    + " on the gateway nodes)");
        }
    }

    /** A DNS name (RFC 6066 forbids IP addresses in SNI), at most 253 characters. */
    private static void requireHostName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String[] labels = lower.split("\\.", -1);
        boolean valid = !lower.isEmpty() && lower.length() <= 253
                && !labels[labels.length - 1].chars().allMatch(Character::isDigit);
        for (String label : labels) {
            valid &= LABEL.matcher(label).matches();
        }
        if (!valid) {
            throw new IllegalArgumentException("serverName: \"" + name + "\" (expected: a DNS host name such as"
                    + " orders.internal, not an IP address)");
        }
    }
}
