package dev.turnpike.gateway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.gateway.config.UpstreamRanges;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.UpstreamPool;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamAddressPolicyTest {
    private final UpstreamAddressPolicy policy = new UpstreamAddressPolicy(UpstreamRanges.none(), () -> 8080,
            () -> 9080);

    private static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void refusesLinkLocalAndCloudMetadataAddresses() throws Exception {
        assertThat(policy.refusal(at("169.254.169.254", 80))).get().asString().contains("169.254.0.0/16");
        assertThat(policy.refusal(at("fe80::1", 80))).get().asString().contains("fe80::/10");
        assertThat(policy.refusal(at("fd00:ec2::254", 80))).isPresent();
        assertThat(policy.refusal(at("fd00:ec2::253", 80))).isEmpty();
        assertThat(policy.refusal(at("10.1.2.3", 80))).isEmpty();
    }

    @Test
    void refusesTheNodesOwnListenersOnLocalAddressesButAllowsOtherLoopbackPorts() throws Exception {
        assertThat(policy.refusal(at("127.0.0.1", 9080))).get().asString().contains("own listener");
        assertThat(policy.refusal(at("127.0.0.2", 8080))).isPresent();
        assertThat(policy.refusal(at("::1", 9080))).isPresent();
        assertThat(policy.refusal(at("0.0.0.0", 8080))).isPresent();
        assertThat(policy.refusal(at("127.0.0.1", 9081))).isEmpty(); // a sidecar
        assertThat(policy.refusal(at("10.9.9.9", 9080))).isEmpty(); // another host's port 9080
    }

    @Test
    void configuredRangesDenyMoreOrAllowDeniedOnesButNeverTheOwnListeners() throws Exception {
        UpstreamAddressPolicy configured = new UpstreamAddressPolicy(new UpstreamRanges(List.of("10.0.0.0/8"),
                List.of("169.254.10.0/24", "127.0.0.0/8")), () -> 8080, () -> 9080);
        assertThat(configured.refusal(at("10.1.2.3", 80))).get().asString().contains("10.0.0.0/8");
        assertThat(configured.refusal(at("169.254.10.7", 80))).isEmpty();
        assertThat(configured.refusal(at("169.254.169.254", 80))).isPresent();
        assertThat(configured.refusal(at("127.0.0.1", 9080))).isPresent();
    }

    @Test
    void catalogChecksNameEveryRefusedInstanceAndLeaveDnsNamesToResolution() {
        UpstreamPool pool = UpstreamPool.of("p", List.of(new Instance("10.0.0.1", 80, 1),
                new Instance("169.254.169.254", 80, 1), new Instance("localhost", 9080, 1),
                new Instance("metadata.internal", 80, 1)));
        assertThat(policy.violations(List.of(pool))).extracting(UpstreamAddressPolicy.Refused::path)
                .containsExactly("pools[p].instances[1]", "pools[p].instances[2]");
    }

    @Test
    void badRangesAreRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> UpstreamRanges.parse("10.0.0.0/33"))
                .hasMessageContaining("\"10.0.0.0/33\" (expected: an IP address range in CIDR notation");
        assertThatThrownBy(() -> UpstreamRanges.parse("example.com/8")).hasMessageContaining("example.com/8");
        assertThat(UpstreamRanges.parse(" 10.0.0.0/8, fd00::/8 ,")).containsExactly("10.0.0.0/8", "fd00::/8");
    }
}
