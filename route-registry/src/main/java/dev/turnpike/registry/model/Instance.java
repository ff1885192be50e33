package dev.turnpike.registry.model;

import java.util.Objects;

/**
 * One upstream server of a pool.
 *
 * @param host   host name or IP literal (IPv6 without brackets)
 * @param port   1..65535
 * @param weight relative share within the pool, 1..1000000
 */
public record Instance(String host, int port, int weight) {
    public Instance {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: \"\" (expected: a host name or IP address)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        if (weight < 1 || weight > 1_000_000) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 1..1000000)");
        }
    }

    /** {@code host:port}, with IPv6 literals in brackets. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
