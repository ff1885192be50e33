package dev.turnpike.gateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.ConsumerCatalogs;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.throttling.testing.MutableClock;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.IssuedApiKey;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits, daily quotas and the RateLimit headers end to end, on a clock the test moves. */
class ThrottleFilterTest {
    @TempDir
    Path dir;

    @Test
    void enforcesThePlanWithHeadersOnEveryResponseAndResetsTheQuotaAtMidnight() throws Exception {
        // One hour before midnight UTC, so the quota's Retry-After is known.
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T23:00:00Z"));
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, ConsumerCatalogs.catalog(upstream),
                     Map.of("store.pollInterval", "50ms"), clock)) {
            IssuedApiKey web = gw.store().createKey("web", Optional.empty(), "test");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gw.server().routing().current().consumers().keyCount() == 1);

            // web's plan on products: 1/s, burst 3, 5 a day.
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> ok = get(gw, "/products/a", web.plaintext());
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.headers().firstValue("ratelimit-policy")).hasValue("1;w=1;burst=3, 5;w=86400");
                assertThat(ok.headers().firstValue("ratelimit-limit")).isPresent();
                assertThat(ok.headers().firstValue("ratelimit-reset")).isPresent();
                assertThat(ok.headers().firstValue("retry-after")).isEmpty();
            }
            HttpResponse<String> third = get(gw, "/products/a", web.plaintext());
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.body()).contains("https://turnpike.dev/problems/rate-limited").doesNotContain(web.plaintext());
            assertThat(third.headers().firstValue("retry-after")).hasValue("1");
            assertThat(third.headers().firstValue("ratelimit-remaining")).hasValue("0");
            assertThat(third.headers().firstValue("ratelimit-limit")).hasValue("3");
            assertThat(upstream.pending()).as("the refused call did not reach the upstream").isEqualTo(3);

            clock.advance(Duration.ofSeconds(2));
            assertThat(get(gw, "/products/a", web.plaintext()).statusCode()).isEqualTo(200);
            HttpResponse<String> fifth = get(gw, "/products/a", web.plaintext());
            assertThat(fifth.statusCode()).isEqualTo(200);
            assertThat(fifth.headers().firstValue("ratelimit-remaining")).hasValue("0");

            clock.advance(Duration.ofSeconds(10)); // the bucket is full again, the quota is not
            HttpResponse<String> quota = get(gw, "/products/a", web.plaintext());
            assertThat(quota.statusCode()).isEqualTo(429);
            assertThat(quota.body()).contains("https://turnpike.dev/problems/quota-exhausted");
            long toMidnight = Duration.between(clock.instant(), Instant.parse("2026-11-23T00:00:00Z")).toSeconds();
            assertThat(quota.headers().firstValue("retry-after")).hasValue(Long.toString(toMidnight));
            assertThat(quota.headers().firstValue("ratelimit-limit")).hasValue("5");

            clock.advance(Duration.ofSeconds(toMidnight));
            HttpResponse<String> nextDay = get(gw, "/products/a", web.plaintext());
            assertThat(nextDay.statusCode()).as("a new quota day").isEqualTo(200);

            HttpResponse<String> unlimited = get(gw, "/orders/a", web.plaintext());
            assertThat(unlimited.statusCode()).isEqualTo(200);
            assertThat(unlimited.headers().firstValue("ratelimit-limit")).as("orders has no limit").isEmpty();

            String metrics = gw.admin("/metrics").body();
            assertThat(metrics).contains("turnpike_throttled_total{api=\"products\",reason=\"rate\"} 1.0",
                    "turnpike_throttled_total{api=\"products\",reason=\"quota\"} 1.0");
        }
    }

    @Test
    void anonymousCallersOfAPublicApiShareItsDefaultLimitPerAddress() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, ConsumerCatalogs.catalog(upstream), Map.of(), clock)) {
            // open: public, default 2/s burst 2.
            assertThat(gw.get("/open/a").statusCode()).isEqualTo(200);
            HttpResponse<String> second = gw.get("/open/a");
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.headers().firstValue("ratelimit-policy")).hasValue("2;w=1;burst=2");
            assertThat(second.headers().firstValue("ratelimit-remaining")).hasValue("0");
            assertThat(gw.get("/open/a").statusCode()).isEqualTo(429);
            clock.advance(Duration.ofSeconds(1));
            assertThat(gw.get("/open/a").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(GatewayUnderTest gw, String path, String key) throws Exception {
        return GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri(path)).header("X-Api-Key", key));
    }
}
