package dev.turnpike.gateway.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.testing.ConsumerCatalogs;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.throttling.testing.MutableClock;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.IssuedApiKey;
import dev.turnpike.registry.store.ConsumerUsage;
import dev.turnpike.registry.store.EntityNotFoundException;
import dev.turnpike.registry.store.JdbcCatalogStore;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Usage counted per consumer x API x day on the data plane, flushed to the store, read back as admin JSON. */
class UsageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    @TempDir
    Path dir;

    @Test
    void callsAndErrorsAreCountedFlushedAndQueryable() throws Exception {
        MutableClock clock = new MutableClock(NOON);
        try (TestUpstream upstream = TestUpstream.start("u", (req, res) -> req.uri().contains("fail")
                ? res.status(500).send() : res.sendString(Mono.just("ok")).then());
             GatewayUnderTest gw = GatewayUnderTest.start(dir, ConsumerCatalogs.catalog(upstream),
                     Map.of("store.pollInterval", "50ms", "usage.flushInterval", "100ms"), clock)) {
            IssuedApiKey web = gw.store().createKey("web", Optional.empty(), "test");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gw.server().routing().current().consumers().keyCount() == 1);

            for (String path : new String[] {"/orders/a", "/orders/b", "/orders/fail"}) {
                GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri(path)).header("X-Api-Key", web.plaintext()));
            }
            gw.get("/orders/a"); // no key: not a consumer's call

            await().atMost(Duration.ofSeconds(10)).until(() -> !gw.store().usageOfApi("orders", DAY, DAY).isEmpty()
                    && gw.store().usageOfApi("orders", DAY, DAY).get(0).calls() == 3);
            assertThat(gw.store().usageOfApi("orders", DAY, DAY)).containsExactly(new ConsumerUsage("web", 3, 1, NOON));

            UsageQueries queries = new UsageQueries(gw.store(), () -> gw.server().routing().current().catalog(),
                    clock, ZoneOffset.UTC);
            JsonNode consumers = JSON.readTree(queries.apiConsumers("orders", 7));
            assertThat(consumers.get("from").asText()).isEqualTo("2026-11-16");
            assertThat(consumers.get("to").asText()).isEqualTo("2026-11-22");
            assertThat(consumers.get("consumers")).hasSize(2);
            JsonNode first = consumers.get("consumers").get(0);
            assertThat(first.get("consumer").asText()).isEqualTo("web");
            assertThat(first.get("subscribed").asBoolean()).isTrue();
            assertThat(first.get("calls").asLong()).isEqualTo(3);
            assertThat(first.get("errors").asLong()).isEqualTo(1);
            assertThat(first.get("lastSeen").asText()).isEqualTo("2026-11-22T12:00:00Z");
            JsonNode idle = consumers.get("consumers").get(1);
            assertThat(idle.get("consumer").asText()).as("a subscriber that never called").isEqualTo("sleepy");
            assertThat(idle.get("calls").asLong()).isZero();
            assertThat(idle.get("lastSeen").isNull()).isTrue();

            JsonNode usage = JSON.readTree(queries.consumerUsage("web", 1));
            assertThat(usage.get("apis")).hasSize(1);
            JsonNode orders = usage.get("apis").get(0);
            assertThat(orders.get("api").asText()).isEqualTo("orders");
            assertThat(orders.get("calls").asLong()).isEqualTo(3);
            assertThat(orders.get("days").get(0).get("day").asText()).isEqualTo("2026-11-22");
            assertThat(orders.get("days").get(0).get("errors").asLong()).isEqualTo(1);

            assertThatThrownBy(() -> queries.apiConsumers("nope", 7)).isInstanceOf(EntityNotFoundException.class);
            assertThatThrownBy(() -> queries.consumerUsage("nope", 7)).isInstanceOf(EntityNotFoundException.class);
            assertThatThrownBy(() -> queries.consumerUsage("web", 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("days: 0 (expected: 1..366)");
        }
    }

    @Test
    void countsNotYetFlushedAreStoredOnShutdown() throws Exception {
        MutableClock clock = new MutableClock(NOON);
        Path data = dir.resolve("node");
        try (TestUpstream upstream = TestUpstream.start("u")) {
            try (GatewayUnderTest gw = GatewayUnderTest.start(data, ConsumerCatalogs.catalog(upstream),
                    Map.of("store.pollInterval", "50ms", "usage.flushInterval", "1h"), clock)) {
                IssuedApiKey web = gw.store().createKey("web", Optional.empty(), "test");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> gw.server().routing().current().consumers().keyCount() == 1);
                for (int i = 0; i < 4; i++) {
                    GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/orders/x"))
                            .header("X-Api-Key", web.plaintext()));
                }
                assertThat(gw.store().usageOfApi("orders", DAY, DAY)).as("not flushed yet").isEmpty();
            }
            try (JdbcCatalogStore store = JdbcCatalogStore.embedded(data)) {
                assertThat(store.usageOfApi("orders", DAY, DAY)).containsExactly(new ConsumerUsage("web", 4, 0, NOON));
            }
        }
    }
}
