package dev.turnpike.gateway.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.registry.model.Instance;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void countsRequestsInFlight() {
        Endpoint e = new Endpoint(new Instance("10.0.0.1", 8080, 3));

        e.onStart();
        e.onStart();
        e.onEnd();

        assertThat(e.inFlight()).isEqualTo(1);
        assertThat(e.weight()).isEqualTo(3);
    }

    @Test
    void isSkippedWhileEjectedAndReadmittedAfterwards() {
        Endpoint e = new Endpoint(new Instance("10.0.0.1", 8080, 1));
        long now = 1_000;
        assertThat(e.isAvailable(now)).isTrue();

        e.eject(Duration.ofNanos(500), now);

        assertThat(e.isAvailable(now)).isFalse();
        assertThat(e.isAvailable(now + 499)).isFalse();
        assertThat(e.isAvailable(now + 500)).isTrue();
    }

    @Test
    void ejectionSurvivesNanoTimeOverflow() {
        Endpoint e = new Endpoint(new Instance("h", 1, 1));
        long now = Long.MAX_VALUE - 10;

        e.eject(Duration.ofNanos(100), now);

        assertThat(e.isAvailable(now + 50)).isFalse();
        assertThat(e.isAvailable(now + 100)).isTrue();
    }

    @Test
    void laterEjectionReplacesEarlierOne() {
        Endpoint e = new Endpoint(new Instance("h", 1, 1));

        e.eject(Duration.ofSeconds(10), 0);
        e.eject(Duration.ofSeconds(1), 0);

        assertThat(e.isAvailable(Duration.ofSeconds(2).toNanos())).isTrue();
    }

    @Test
    void rejectsNegativeEjection() {
        Endpoint e = new Endpoint(new Instance("h", 1, 1));

        assertThatThrownBy(() -> e.eject(Duration.ofSeconds(-1), 0))
                .hasMessage("duration: PT-1S (expected: >= 0)");
    }

    @Test
    void unhealthyEndpointsAreUnavailableUntilHealthyAgain() {
        Endpoint e = new Endpoint(new Instance("h", 1, 1));

        e.healthy(false);
        assertThat(e.isAvailable(0)).isFalse();
        assertThat(e.isEjected(0)).isFalse();

        e.healthy(true);
        assertThat(e.isAvailable(0)).isTrue();
    }

    @Test
    void printsItsAddress() {
        assertThat(new Endpoint(new Instance("10.0.0.1", 8080, 1))).hasToString("10.0.0.1:8080");
        assertThat(new Endpoint(new Instance("::1", 8443, 1))).hasToString("[::1]:8443");
    }
}
