package dev.turnpike.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.balance.CallOutcome;
import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.VersionedCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Endpoints follow a pool's outlier settings when, and only when, the snapshot with them goes live. */
class OutlierAttachTest {

    private static Catalog catalog(int consecutiveFailures) {
        UpstreamPool pool = new UpstreamPool("p", List.of(new Instance("10.0.0.1", 80, 1),
                new Instance("10.0.0.2", 80, 1)), Balancer.LEAST_OUTSTANDING, false, PoolSettings.DEFAULTS,
                new OutlierDetection(consecutiveFailures, Duration.ofMinutes(5), 50), Optional.empty());
        Api api = Api.builder("a", "t", "/a").targets(List.of(new Target("p", 1))).build();
        return new Catalog(List.of(api), List.of(pool));
    }

    @Test
    void aTrialBuildDoesNotChangeHowLiveEndpointsAreJudgedButPublishingDoes() {
        RoutingState routing = new RoutingState();
        routing.publish(new VersionedCatalog(1, catalog(100)));
        Endpoint e = routing.current().pool("p").endpoints().get(0);

        // The admin API's servability check builds on the live snapshot without publishing.
        assertThat(RoutingSnapshot.problem(catalog(1), routing.current())).isEmpty();
        e.record(CallOutcome.SERVER_ERROR, 1_000, 0);
        assertThat(e.isEjected(0)).isFalse();

        routing.publish(new VersionedCatalog(2, catalog(1)));
        assertThat(routing.current().pool("p").endpoints().get(0)).isSameAs(e);
        e.record(CallOutcome.SERVER_ERROR, 1_000, 0);
        assertThat(e.isEjected(0)).isTrue();
    }
}
