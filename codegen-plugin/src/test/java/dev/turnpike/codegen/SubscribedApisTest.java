package dev.turnpike.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnpike.codegen.GenerationResult.Outcome;
import dev.turnpike.gateway.config.SettingsLoader;
import dev.turnpike.gateway.server.TurnpikeServer;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.JdbcCatalogStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without API ids, a real node's {@code GET /_turnpike/lookup/v1/subscriptions} decides what is generated: every API
 * the key's consumer is subscribed to, direct or not, that has a document, with the base paths the gateway lists.
 */
class SubscribedApisTest {
    private static final Path DOCUMENTS = Path.of("src/test/resources/documents");

    @TempDir
    Path dir;

    private final WarningsLog log = new WarningsLog();
    private final List<String> warnings = log.warnings;
    private final ClientGenerator generator = new ClientGenerator(log);
    private JdbcCatalogStore store;
    private TurnpikeServer server;
    private String shopKey;
    private String frozenKey;

    @BeforeEach
    void start() throws Exception {
        store = JdbcCatalogStore.embedded(dir.resolve("data"));
        store.replace(catalog());
        shopKey = store.createKey("shop", Optional.empty(), "test").plaintext();
        frozenKey = store.createKey("frozen", Optional.empty(), "test").plaintext();
        server = TurnpikeServer.start(SettingsLoader.load(Optional.empty(), Map.of(), Map.of("public.host",
                "127.0.0.1", "public.port", "0", "admin.port", "0", "dataDir", dir.resolve("data").toString(),
                "ioThreads", "2", "shutdownGrace", "1s")), store);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        store.close();
    }

    /**
     * {@code pets} (Swagger 2.0, direct), {@code patents} (OpenAPI 3.0, deprecated, through the gateway), {@code plain}
     * (no document), {@code old} (retired), {@code hidden} (not subscribed). Consumer {@code shop} is subscribed to all
     * but hidden; {@code frozen} (suspended) to pets.
     */
    private static Catalog catalog() throws Exception {
        List<Target> pool = List.of(new Target("p", 1));
        List<Api> apis = List.of(
                Api.builder("pets", "t", "/pets/v1").targets(pool)
                        .spec(ApiSpec.parse(Files.readString(DOCUMENTS.resolve("petstore-expanded-swagger2.yaml"))))
                        .build(),
                Api.builder("patents", "t", "/patents/v2").targets(pool)
                        .spec(ApiSpec.parse(Files.readString(DOCUMENTS.resolve("uspto.yaml"))))
                        .deprecated(LocalDate.of(2031, 3, 1), "pets").build(),
                Api.builder("plain", "t", "/plain").targets(pool).build(),
                Api.builder("old", "t", "/old").targets(pool).lifecycle(Lifecycle.RETIRED).build(),
                Api.builder("hidden", "t", "/hidden").targets(pool)
                        .spec(ApiSpec.parse(Files.readString(DOCUMENTS.resolve("callback-example.yaml")))).build());
        List<Subscription> subscriptions = new ArrayList<>();
        for (String api : List.of("pets", "patents", "plain", "old")) {
            subscriptions.add(new Subscription("shop", api, Optional.empty(), api.equals("pets")));
        }
        subscriptions.add(new Subscription("frozen", "pets", Optional.empty(), true));
        return new Catalog(List.of(), apis, List.of(new UpstreamPool("p", List.of(new Instance("127.0.0.1", 1, 1)),
                Balancer.ROUND_ROBIN, false, PoolSettings.DEFAULTS)),
                List.of(new Consumer("shop", "Shop", "t", "", ConsumerState.ACTIVE),
                        new Consumer("frozen", "Frozen", "t", "", ConsumerState.SUSPENDED)), subscriptions);
    }

    private GenerationRequest request(String key) {
        return GenerationRequest.builder(dir.resolve("src"), dir.resolve("work"), "com.example.clients")
                .gateway(URI.create("http://127.0.0.1:" + server.publicPort()), key).build();
    }

    @Test
    void generatesEverySubscribedApiWithADocumentDirectOrNot() throws Exception {
        GenerationRequest request = request(shopKey);
        assertThat(request.allSubscriptions()).isTrue();

        GenerationResult result = generator.generate(request);

        assertThat(result.apis()).extracting(GenerationResult.ApiOutcome::api).containsExactly("patents", "pets");
        assertThat(result.generated()).isEqualTo(2);
        Path clients = dir.resolve("src/com/example/clients");
        try (var packages = Files.list(clients)) {
            assertThat(packages.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("patents", "pets");
        }
        assertThat(Files.readString(clients.resolve("pets/TurnpikeGateway.java")))
                .as("the base path the gateway lists").contains("BASE_PATH = \"/pets/v1\"");
        assertThat(Files.readString(clients.resolve("patents/TurnpikeGateway.java"))).contains("\"/patents/v2\"");
        assertThat(JavaCompilation.errors(dir.resolve("src"), dir.resolve("classes"))).isEmpty();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("API \"patents\": deprecated", "2031-03-01",
                "API \"pets\""));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("API \"plain\"", "no OpenAPI document"));
        assertThat(String.join("\n", warnings)).doesNotContain("\"old\"", "\"hidden\"", shopKey);

        GenerationResult again = generator.generate(request);
        assertThat(again.apis()).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.UP_TO_DATE));
        assertThat(dir.resolve("work/subscriptions.json")).exists();

        server.close();
        server = null;
        warnings.clear();
        GenerationResult offline = generator.generate(request);
        assertThat(offline.apis()).extracting(GenerationResult.ApiOutcome::api).containsExactly("patents", "pets");
        assertThat(offline.apis()).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.UP_TO_DATE));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("unreachable",
                "using the subscriptions listed to an earlier build"));
    }

    @Test
    void aSuspendedConsumerOrAnUnknownKeyIsAnError() {
        CodegenException suspended = catchThrowableOfType(CodegenException.class,
                () -> generator.generate(request(frozenKey)));
        assertThat(suspended.getMessage()).contains("403", "consumer-suspended", "not suspended")
                .doesNotContain(frozenKey);
        CodegenException unknown = catchThrowableOfType(CodegenException.class,
                () -> generator.generate(request("tp_" + "x".repeat(40))));
        assertThat(unknown.getMessage()).contains("refused the API key", "401");
        assertThat(dir.resolve("src")).doesNotExist();
    }
}
