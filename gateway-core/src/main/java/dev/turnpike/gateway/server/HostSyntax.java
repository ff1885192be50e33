package dev.turnpike.gateway.server;

/**
 * The accepted syntax of a {@code Host} field value and of an absolute-form target's authority (RFC 9110 section
 * 7.2, RFC 3986 section 3.2.2), stricter than the RFC where the RFC's leniency only helps an attacker:
 * {@code host [ ":" port ]} where host is an IPv6 literal in brackets or a name of letters, digits, {@code - . _ ~}
 * (which covers IPv4), and port is 1 to 5 digits up to 65535. Not allowed: userinfo ({@code user@}), a path, a query,
 * whitespace, a list ({@code a, b}), percent-escapes, an empty host or an empty port.
 */
final class HostSyntax {
    private HostSyntax() {
    }

    /**
     * Checks {@code value}.
     *
     * @param what how the refusal names the value, e.g. {@code "Host"}
     * @throws Refusal.RefusedException with reason {@code host-invalid} when it is not acceptable
     */
    static void check(String value, String what) {
        int n = value.length();
        if (n == 0) {
            throw Refusal.refuse("host-invalid", what + ": empty (expected: host[:port])");
        }
        int i;
        if (value.charAt(0) == '[') {
            int close = value.indexOf(']');
            if (close < 3 || !ipv6(value, 1, close)) {
                throw invalid(value, what, "an IPv6 literal in brackets");
            }
            i = close + 1;
        } else {
            for (i = 0; i < n && value.charAt(i) != ':'; i++) {
                char c = value.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                        || c == '_' || c == '~')) {
                    throw invalid(value, what, "letters, digits, '-', '.', '_' or '~' in the host name");
                }
            }
            if (i == 0) {
                throw invalid(value, what, "a host name before the port");
            }
        }
        if (i == n) {
            return;
        }
        if (value.charAt(i) != ':' || n - i - 1 < 1 || n - i - 1 > 5) {
            throw invalid(value, what, "host[:port] with a port of 1 to 5 digits");
        }
        int port = 0;
        for (int j = i + 1; j < n; j++) {
            char c = value.charAt(j);
            if (c < '0' || c > '9') {
                throw invalid(value, what, "a numeric port");
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            throw invalid(value, what, "a port up to 65535");
        }
    }

    private static boolean ipv6(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static Refusal.RefusedException invalid(String value, String what, String expected) {
        return Refusal.refuse("host-invalid", what + ": " + Refusal.quote(value) + " (expected: " + expected + ")");
    }
}
