package dev.turnpike.gateway.egress;

import dev.turnpike.gateway.config.UpstreamRanges;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.UpstreamPool;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which addresses upstream instances may point at (the SSRF guard). Refused: the node's own listeners (a local
 * address, i.e. loopback, the wildcard or one of this host's interface addresses, with the public or admin port),
 * link-local and cloud-metadata addresses ({@code 169.254.0.0/16}, {@code fe80::/10}, {@code fd00:ec2::254}) and the
 * configured {@code upstreams.deny} ranges, unless an {@code upstreams.allow} range covers the address (the own
 * listeners stay refused whatever is allowed). Loopback upstreams on other ports stay allowed (sidecars, the demo).
 *
 * <p>Catalog writes are checked with {@link #violations} (IP literals and {@code localhost}); DNS names are checked
 * each time they are resolved ({@link GuardedResolverGroup}), so a name that later points at a refused address is
 * refused then. Knows no HTTP. Thread-safe.
 */
public final class UpstreamAddressPolicy {
    /** The built-in denied ranges: link-local (which holds most clouds' metadata service) and AWS's IPv6 one. */
    public static final List<String> BUILT_IN_DENIED = List.of("169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128");

    private static final Logger log = LoggerFactory.getLogger(UpstreamAddressPolicy.class);

    /** A range as written and as Netty matches it. */
    private record Range(String cidr, IpSubnetFilterRule rule) {
        boolean matches(InetSocketAddress address) {
            return rule.matches(address);
        }
    }

    private final List<Range> denied;
    private final List<Range> allowed;
    private final Set<InetAddress> localAddresses;
    private final IntSupplier[] listenerPorts;

    /**
     * @param ranges        configured denied and allowed ranges
     * @param listenerPorts the node's listener ports (read at each check: with port 0 they are known after binding;
     *                      0 means not bound yet)
     */
    public UpstreamAddressPolicy(UpstreamRanges ranges, IntSupplier... listenerPorts) {
        List<String> deny = new ArrayList<>(BUILT_IN_DENIED);
        deny.addAll(ranges.deny());
        this.denied = rules(deny, IpFilterRuleType.REJECT);
        this.allowed = rules(ranges.allow(), IpFilterRuleType.ACCEPT);
        this.localAddresses = localAddresses();
        this.listenerPorts = listenerPorts.clone();
    }

    /** Why {@code address} may not be an upstream, or empty if it may. */
    public Optional<String> refusal(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return Optional.empty(); // unresolved: checked when it is resolved
        }
        if (isLocal(ip)) {
            for (IntSupplier port : listenerPorts) {
                int p = port.getAsInt();
                if (p != 0 && p == address.getPort()) {
                    return Optional.of("it is this gateway's own listener (a local address with port " + p + ")");
                }
            }
        }
        for (Range rule : allowed) {
            if (rule.matches(address)) {
                return Optional.empty();
            }
        }
        for (Range rule : denied) {
            if (rule.matches(address)) {
                return Optional.of("it is in the denied range " + rule.cidr()
                        + " (link-local, cloud metadata or upstreams.deny; upstreams.allow can permit it)");
            }
        }
        return Optional.empty();
    }

    /**
     * An instance the policy refuses.
     *
     * @param path    where it is: {@code pools[<id>].instances[<index>]}
     * @param message its address and why it is refused
     */
    public record Refused(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** Every refused instance of {@code pools}: IP literals and {@code localhost}; DNS names are checked when resolved. */
    public List<Refused> violations(Collection<UpstreamPool> pools) {
        List<Refused> found = new ArrayList<>();
        for (UpstreamPool pool : pools) {
            List<Instance> instances = pool.instances();
            for (int i = 0; i < instances.size(); i++) {
                Instance instance = instances.get(i);
                Optional<String> refusal = refusal(literal(instance));
                if (refusal.isPresent()) {
                    found.add(new Refused("pools[" + pool.id() + "].instances[" + i + "]", "\"" + instance.address()
                            + "\" is refused as an upstream: " + refusal.get()));
                }
            }
        }
        return found;
    }

    /** {@link #violations(Collection)} of every pool of {@code catalog}. */
    public List<Refused> violations(Catalog catalog) {
        return violations(catalog.pools());
    }

    private static InetSocketAddress literal(Instance instance) {
        String host = instance.host();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        try {
            if (bytes != null) {
                return new InetSocketAddress(InetAddress.getByAddress(bytes), instance.port());
            }
            if (host.equalsIgnoreCase("localhost")) {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), instance.port());
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a parsed IP address was refused: " + host, e);
        }
        return InetSocketAddress.createUnresolved(host, instance.port());
    }

    private boolean isLocal(InetAddress ip) {
        return ip.isLoopbackAddress() || ip.isAnyLocalAddress() || localAddresses.contains(ip);
    }

    private static List<Range> rules(List<String> cidrs, IpFilterRuleType type) {
        List<Range> rules = new ArrayList<>();
        for (String cidr : cidrs) {
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            rules.add(new Range(cidr, new IpSubnetFilterRule(address, prefix, type)));
        }
        return List.copyOf(rules);
    }

    private static Set<InetAddress> localAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(nif.getInetAddresses()));
            }
        } catch (SocketException e) {
            log.warn("Cannot list this host's addresses; only loopback and the wildcard count as local: {}",
                    e.toString());
        }
        return Set.copyOf(addresses);
    }
}
