package dev.turnpike.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BruteForceGuardTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void blocksAnAddressAfterMaxFailuresUntilItsWindowEnds() throws Exception {
        BruteForceGuard guard = new BruteForceGuard(3, Duration.ofMinutes(1), 100, nanos::get);
        InetAddress client = InetAddress.getByName("192.0.2.7");
        InetAddress other = InetAddress.getByName("192.0.2.8");

        for (int i = 0; i < 3; i++) {
            assertThat(guard.blockedFor(client)).isZero();
            guard.recordFailure(client);
        }
        assertThat(guard.blockedFor(client)).isEqualTo(Duration.ofMinutes(1));
        assertThat(guard.blockedFor(other)).as("per address").isZero();

        nanos.addAndGet(Duration.ofSeconds(45).toNanos());
        assertThat(guard.blockedFor(client)).isEqualTo(Duration.ofSeconds(15));
        nanos.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(guard.blockedFor(client)).isZero();
        guard.recordFailure(client);
        assertThat(guard.blockedFor(client)).as("a new window starts counting from one").isZero();
    }

    @Test
    void tracksAtMostMaxClientsAddresses() throws Exception {
        BruteForceGuard guard = new BruteForceGuard(1, Duration.ofMinutes(1), 1_000, nanos::get);
        for (int i = 0; i < 20_000; i++) {
            guard.recordFailure(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        assertThat(guard.trackedClients()).isLessThanOrEqualTo(1_000);
    }
}
