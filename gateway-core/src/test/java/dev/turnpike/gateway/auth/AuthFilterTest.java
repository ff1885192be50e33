package dev.turnpike.gateway.auth;

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

/** API-key authentication end to end: a real node, a real upstream, keys issued by the store. */
class AuthFilterTest {
    @TempDir
    Path dir;

    private static final Map<String, String> FAST_SYNC = Map.of("store.pollInterval", "50ms");

    @Test
    void admitsOnlyValidKeysOfActiveSubscribedConsumersAndNeverEchoesTheKey() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, ConsumerCatalogs.catalog(upstream), FAST_SYNC, clock)) {
            IssuedApiKey web = gw.store().createKey("web", Optional.empty(), "test");
            IssuedApiKey revoked = gw.store().createKey("web", Optional.empty(), "test");
            gw.store().revokeKey(revoked.key().id(), "test");
            IssuedApiKey expiring = gw.store().createKey("web", Optional.of(Instant.now().plus(Duration.ofHours(1))),
                    "test");
            IssuedApiKey sleepy = gw.store().createKey("sleepy", Optional.empty(), "test");
            IssuedApiKey other = gw.store().createKey("other", Optional.empty(), "test");
            awaitKeys(gw, 5);

            HttpResponse<String> missing = gw.get("/orders/items");
            assertProblem(missing, 401, "missing-api-key");
            assertThat(missing.headers().firstValue("www-authenticate")).hasValue("ApiKey header=\"X-Api-Key\"");

            String guess = "tp_" + "x".repeat(40);
            HttpResponse<String> unknown = get(gw, "/orders/items", guess);
            assertProblem(unknown, 401, "invalid-api-key");
            assertThat(unknown.body()).contains("not known").doesNotContain(guess);

            HttpResponse<String> wasRevoked = get(gw, "/orders/items", revoked.plaintext());
            assertProblem(wasRevoked, 401, "invalid-api-key");
            assertThat(wasRevoked.body()).contains("revoked").doesNotContain(revoked.plaintext());

            HttpResponse<String> suspended = get(gw, "/orders/items", sleepy.plaintext());
            assertProblem(suspended, 403, "consumer-suspended");
            assertThat(suspended.body()).doesNotContain(sleepy.plaintext());

            HttpResponse<String> notSubscribed = get(gw, "/orders/items", other.plaintext());
            assertProblem(notSubscribed, 403, "not-subscribed");
            assertThat(notSubscribed.body()).contains("other", "orders").doesNotContain(other.plaintext());
            assertThat(upstream.pending()).as("nothing refused reached the upstream").isZero();

            HttpResponse<String> ok = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/orders/items"))
                    .header("X-Api-Key", web.plaintext()).header("X-Consumer-Id", "someone-else"));
            assertThat(ok.statusCode()).isEqualTo(200);
            TestUpstream.Seen seen = upstream.take();
            assertThat(seen.headers().get("x-api-key")).isNull();
            assertThat(seen.headers().getAll("x-consumer-id")).containsExactly("web");

            HttpResponse<String> stillValid = get(gw, "/orders/items", expiring.plaintext());
            assertThat(stillValid.statusCode()).isEqualTo(200);
            upstream.take();
            clock.advance(Duration.ofHours(2));
            HttpResponse<String> expired = get(gw, "/orders/items", expiring.plaintext());
            assertProblem(expired, 401, "invalid-api-key");
            assertThat(expired.body()).contains("expired").doesNotContain(expiring.plaintext());

            String metrics = gw.admin("/metrics").body();
            assertThat(metrics).contains("turnpike_auth_failures_total{api=\"orders\",reason=\"missing\"} 1.0",
                    "turnpike_auth_failures_total{api=\"orders\",reason=\"unknown\"} 1.0",
                    "turnpike_auth_failures_total{api=\"orders\",reason=\"revoked\"} 1.0",
                    "turnpike_auth_failures_total{api=\"orders\",reason=\"expired\"} 1.0",
                    "turnpike_auth_failures_total{api=\"orders\",reason=\"suspended\"} 1.0",
                    "turnpike_auth_failures_total{api=\"orders\",reason=\"not-subscribed\"} 1.0");
            assertThat(metrics).doesNotContain("consumer=", web.plaintext());
        }
    }

    @Test
    void publicApisNeedNoKeyButAKeySentMustBeValidAndIdentifiesTheConsumer() throws Exception {
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, ConsumerCatalogs.catalog(upstream), FAST_SYNC)) {
            IssuedApiKey other = gw.store().createKey("other", Optional.empty(), "test");
            awaitKeys(gw, 1);

            HttpResponse<String> anonymous = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/open/x"))
                    .header("X-Consumer-Id", "forged"));
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(upstream.take().headers().get("x-consumer-id")).as("a forged id is stripped").isNull();

            HttpResponse<String> identified = get(gw, "/open/x", other.plaintext());
            assertThat(identified.statusCode()).as("public: no subscription needed").isEqualTo(200);
            TestUpstream.Seen seen = upstream.take();
            assertThat(seen.headers().get("x-consumer-id")).isEqualTo("other");
            assertThat(seen.headers().get("x-api-key")).isNull();

            assertProblem(get(gw, "/open/x", "tp_wrong"), 401, "invalid-api-key");
        }
    }

    @Test
    void anAddressThatKeepsPresentingInvalidKeysIsRefusedBeforeAnyLookup() throws Exception {
        Map<String, String> settings = Map.of("store.pollInterval", "50ms", "auth.bruteForce.maxFailures", "3",
                "auth.bruteForce.window", "10m");
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, ConsumerCatalogs.catalog(upstream), settings)) {
            IssuedApiKey web = gw.store().createKey("web", Optional.empty(), "test");
            awaitKeys(gw, 1);
            assertThat(get(gw, "/orders/a", web.plaintext()).statusCode()).isEqualTo(200);

            for (int i = 0; i < 3; i++) {
                assertProblem(get(gw, "/orders/a", "tp_guess_" + i), 401, "invalid-api-key");
            }
            HttpResponse<String> blocked = get(gw, "/orders/a", web.plaintext());
            assertProblem(blocked, 429, "too-many-invalid-keys");
            long retryAfter = Long.parseLong(blocked.headers().firstValue("retry-after").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 600L);
            assertThat(get(gw, "/orders/a", "tp_guess_again").statusCode()).isEqualTo(429);
            assertThat(gw.get("/orders/a").statusCode()).as("no key: nothing to guess, still 401").isEqualTo(401);
            assertThat(gw.admin("/metrics").body())
                    .contains("turnpike_throttled_total{api=\"orders\",reason=\"brute-force\"} 2.0");
        }
    }

    static void awaitKeys(GatewayUnderTest gw, int keys) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gw.server().routing().current().consumers().keyCount() == keys);
    }

    static HttpResponse<String> get(GatewayUnderTest gw, String path, String key) throws Exception {
        return GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri(path)).header("X-Api-Key", key));
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://turnpike.dev/problems/" + type + "\"");
    }
}
