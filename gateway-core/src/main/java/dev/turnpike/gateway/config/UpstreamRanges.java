package dev.turnpike.gateway.config;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Address ranges for the SSRF guard on upstream instances, in CIDR notation ({@code 10.0.0.0/8},
 * {@code fd00::/8}; a bare address means that one address).
 *
 * @param deny  ranges instances may not point at, besides the built-in link-local and cloud-metadata ranges
 * @param allow ranges instances may point at although a denied range (built-in or configured) covers them
 */
public record UpstreamRanges(List<String> deny, List<String> allow) {

    public UpstreamRanges {
        deny = List.copyOf(deny);
        allow = List.copyOf(allow);
        deny.forEach(UpstreamRanges::check);
        allow.forEach(UpstreamRanges::check);
    }

    /** Nothing configured: only the built-in denials apply. */
    public static UpstreamRanges none() {
        return new UpstreamRanges(List.of(), List.of());
    }

    /** Comma-separated CIDR ranges, each validated. */
    public static List<String> parse(String text) {
        List<String> ranges = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                ranges.add(check(item.trim()));
            }
        }
        return ranges;
    }

    private static String check(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        int max = bytes == null ? 0 : bytes.length * 8;
        boolean ok = bytes != null;
        if (ok && slash >= 0) {
            try {
                int prefix = Integer.parseInt(cidr.substring(slash + 1));
                ok = prefix >= 0 && prefix <= max;
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("\"" + cidr + "\" (expected: an IP address range in CIDR notation such"
                    + " as 10.0.0.0/8 or fd00::/8)");
        }
        return cidr;
    }
}
