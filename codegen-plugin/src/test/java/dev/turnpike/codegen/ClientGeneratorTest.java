package dev.turnpike.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.turnpike.codegen.GenerationResult.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation from local files and from a gateway's lookup API: the generated sources compile (in-process javac
 * against OkHttp, Gson, gson-fire, swagger-annotations and gateway-client), runs are incremental, the cache stands
 * in for an unreachable gateway, and refusals are errors naming the API.
 */
class ClientGeneratorTest {
    private static final Path DOCUMENTS = Path.of("src/test/resources/documents");

    @TempDir
    Path dir;

    private final WarningsLog log = new WarningsLog();
    private final List<String> warnings = log.warnings;
    private final ClientGenerator generator = new ClientGenerator(log);
    private HttpServer gateway;
    private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    private GenerationRequest.Builder request() {
        return GenerationRequest.builder(dir.resolve("src"), dir.resolve("work"), "com.example.clients");
    }

    @Test
    void generatesClientsThatCompileForDocumentsOfEveryShape() throws Exception {
        GenerationRequest.Builder request = request();
        for (String file : List.of("petstore-expanded-swagger2.yaml", "uber-swagger2.yaml", "callback-example.yaml",
                "uspto.yaml", "webhook-example.yaml", "failure-modes.yaml", "openapi31-types.yaml",
                "deepgram-openapi.yml")) {
            request.file(file.substring(0, file.indexOf('.')), DOCUMENTS.resolve(file));
        }
        GenerationResult result = generator.generate(request.basePath("uspto", "/uspto/v1").build());

        assertThat(result.generated()).isEqualTo(8);
        assertThat(JavaCompilation.errors(dir.resolve("src"), dir.resolve("classes"))).isEmpty();
        Path types = dir.resolve("src/com/example/clients/openapi31types");
        String thing = Files.readString(types.resolve("model/Thing.java"));
        assertThat(thing).contains("private String name = null;", "private Integer count = null;",
                "private Thing parent = null;", "private List<String> tags = null;");
        Path failures = dir.resolve("src/com/example/clients/failuremodes");
        assertThat(failures.resolve("model/ModelOverride.java")).exists();
        assertThat(Files.readString(failures.resolve("model/ModelList.java"))).contains(
                "private UUID id = UUID.fromString(\"a14dcc63-d651-4c57-9826-4a3705f5c78d\");",
                "private String fromEmail = \"test0@example.com\";");
        assertThat(dir.resolve("src/com/example/clients/uberswagger2/model/ModelError.java")).exists();
        // Deepgram's public document: query parameters named callback (JSONP-style) and method.
        Path deepgram = dir.resolve("src/com/example/clients/deepgramopenapi/api");
        assertThat(Files.readString(deepgram.resolve("SpeakV2AudioApi.java")))
                .contains("parameterToPair(\"callback\", paramCallback)");
        assertThat(Files.readString(deepgram.resolve("ManageV1ProjectsRequestsApi.java")))
                .contains("parameterToPair(\"method\", _method)");
        assertThat(Files.readString(failures.resolve("api/DefaultApi.java"))).contains("String paramCallback", "String _resp", "String _call", "String _progressListener");
        assertThat(Files.readString(failures.resolve("api/DefaultApi.java"))).contains(
                "getListCall(String listId, Integer listId2, ", "escapeString(listId.toString())",
                "parameterToPair(\"list_id\", listId2)");
        assertThat(Files.readString(dir.resolve("src/com/example/clients/uspto/TurnpikeGateway.java")))
                .contains("BASE_PATH = \"/uspto/v1\"");
        assertThat(result.apis()).filteredOn(a -> a.api().equals("failure-modes")).singleElement()
                .satisfies(a -> assertThat(a.notes()).isNotEmpty());

        FileTime before = Files.getLastModifiedTime(types.resolve("model/Thing.java"));
        GenerationResult again = generator.generate(request.build());
        assertThat(again.apis()).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.UP_TO_DATE));
        assertThat(Files.getLastModifiedTime(types.resolve("model/Thing.java"))).isEqualTo(before);
    }

    @Test
    void generatesAClientThatCompilesForALargeOpenApi31Document() throws Exception {
        // Discord's public API: 1.18 MB, OpenAPI 3.1 (type arrays, const enums), oneOf/allOf with discriminators,
        // request bodies offering JSON, form and multipart.
        GenerationResult result = generator.generate(request()
                .file("discord", DOCUMENTS.resolve("discord-openapi.json")).build());

        assertThat(result.generated()).isEqualTo(1);
        assertThat(JavaCompilation.errors(dir.resolve("src"), dir.resolve("classes"))).isEmpty();
        String model = Files.readString(dir.resolve("src/com/example/clients/discord/model/UserResponse.java"));
        assertThat(model).contains("private String username = null;");
    }

    @Test
    void generatesAClientThatCompilesForSendGridsDocument() throws Exception {
        // SendGrid's public OpenAPI 3.1 document (2.6 MB): four properties named "" (stock swagger-codegen fails with
        // a NullPointerException), a schema named "list" extended by an allOf, email and uuid string defaults, and
        // path and query parameters of the same name (list_id, segment_id, recipient_id).
        GenerationResult result = generator.generate(request()
                .file("sendgrid", DOCUMENTS.resolve("sendgrid-oai_v3_stoplight.json")).build());

        assertThat(JavaCompilation.errors(dir.resolve("src"), dir.resolve("classes"))).isEmpty();
        assertThat(result.apis().get(0).notes()).filteredOn(n -> n.startsWith("dropped the property named \"\""))
                .hasSize(4);
        Path client = dir.resolve("src/com/example/clients/sendgrid");
        assertThat(client.resolve("model/ModelList.java")).exists();
        assertThat(Files.readString(client.resolve("model/EmailActivityResponseCommonFields.java")))
                .contains("private String fromEmail = \"test0@example.com\";");
        assertThat(Files.readString(client.resolve("api/ContactsApiSegmentsApi.java")))
                .contains("parameterToPair(\"segment_id\", segmentId2)")
                .doesNotContain("parameterToPair(\"segment_id\", segmentId)");
    }

    @Test
    void fetchesFromTheGatewayCachesAndUsesTheCacheWhenTheGatewayIsUnreachable() throws Exception {
        Map<String, String> served = new ConcurrentHashMap<>(Map.of("pets",
                Files.readString(DOCUMENTS.resolve("petstore-expanded-swagger2.yaml"))));
        startGateway(served);
        GenerationRequest request = request().gateway(gatewayUri(), "key-1").apis(List.of("pets")).build();

        assertThat(generator.generate(request).apis().get(0).outcome()).isEqualTo(Outcome.GENERATED);
        assertThat(generator.generate(request).apis().get(0).outcome()).isEqualTo(Outcome.UP_TO_DATE);

        served.put("pets", served.get("pets").replace("version: 1.0.0", "version: 1.0.1"));
        assertThat(generator.generate(request).apis().get(0).outcome()).as("a changed document")
                .isEqualTo(Outcome.GENERATED);

        gateway.stop(0);
        gateway = null;
        GenerationResult offline = generator.generate(request);
        assertThat(offline.apis().get(0).fromCache()).isTrue();
        assertThat(offline.apis().get(0).outcome()).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(warnings).singleElement().asString().contains("API \"pets\"", "unreachable",
                "using the document cached by an earlier build");
        assertThat(warnings.get(0)).doesNotContain("key-1");

        GenerationRequest fresh = GenerationRequest.builder(dir.resolve("src2"), dir.resolve("work2"), "com.example")
                .gateway(request.gateway().orElseThrow(), "key-1").apis(List.of("pets")).build();
        assertThat(catchThrowableOfType(CodegenException.class, () -> generator.generate(fresh)).getMessage())
                .startsWith("API \"pets\": gateway ").contains("no document of an earlier build is cached");
    }

    @Test
    void documentsWhoseEtagIsUnchangedAreNotDownloadedAgain() throws Exception {
        Map<String, String> served = new ConcurrentHashMap<>(Map.of("pets",
                Files.readString(DOCUMENTS.resolve("petstore-expanded-swagger2.yaml"))));
        startGateway(served);
        GenerationRequest all = request().gateway(gatewayUri(), "key-1").build();
        String spec = "/_turnpike/lookup/v1/apis/pets/spec";
        String list = "/_turnpike/lookup/v1/subscriptions";

        assertThat(generator.generate(all).apis().get(0).outcome()).isEqualTo(Outcome.GENERATED);
        assertThat(requests).containsExactly(list, spec);
        assertThat(Files.readString(dir.resolve("src/com/example/clients/pets/TurnpikeGateway.java")))
                .contains("BASE_PATH = \"/pets\"");

        requests.clear();
        assertThat(generator.generate(all).apis().get(0).outcome()).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(requests).as("the listed ETag is the cached document's").containsExactly(list);

        requests.clear();
        GenerationRequest named = request().gateway(gatewayUri(), "key-1").apis(List.of("pets"))
                .basePath("pets", "/pets").build();
        assertThat(generator.generate(named).apis().get(0).outcome()).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(requests).as("If-None-Match, answered 304").containsExactly(spec + " " + etag(served.get("pets")));

        requests.clear();
        served.put("pets", served.get("pets").replace("version: 1.0.0", "version: 1.0.1"));
        assertThat(generator.generate(all).apis().get(0).outcome()).isEqualTo(Outcome.GENERATED);
        assertThat(requests).hasSize(2).element(1).asString().startsWith(spec + " ");
        assertThat(Files.readString(dir.resolve("work/documents/pets"))).contains("version: 1.0.1");
    }

    @Test
    void refusalsAndUnknownIdsAreErrorsNamingTheApi() throws Exception {
        startGateway(Map.of("pets", "openapi: 3.0.3"));

        CodegenException refused = catchThrowableOfType(CodegenException.class, () -> generator.generate(
                request().gateway(gatewayUri(), "wrong").apis(List.of("pets")).build()));
        assertThat(refused.api()).isEqualTo("pets");
        assertThat(refused.getMessage()).contains("refused the API key", "401").doesNotContain("wrong");

        CodegenException unknown = catchThrowableOfType(CodegenException.class, () -> generator.generate(
                request().gateway(gatewayUri(), "key-1").apis(List.of("nope")).build()));
        assertThat(unknown.getMessage()).startsWith("API \"nope\": no such API or no document (404");

        CodegenException forbidden = catchThrowableOfType(CodegenException.class, () -> generator.generate(
                request().gateway(gatewayUri(), "key-2").apis(List.of("pets")).build()));
        assertThat(forbidden.getMessage()).contains("may not read this API", "403");

        CodegenException dangling = catchThrowableOfType(CodegenException.class, () -> generator.generate(
                request().file("dangling", DOCUMENTS.resolve("dangling-ref.yaml")).build()));
        assertThat(dangling.getMessage()).startsWith("API \"dangling\": ").contains("#/components/schemas/Missing");
    }

    @Test
    void requestsAreValidatedAndNeverPrintTheKey() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> GenerationRequest.builder(dir, dir,
                "com.example-bad").file("a", dir).build())).hasMessageContaining("basePackage: \"com.example-bad\"");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> request().build()))
                .hasMessageContaining("gateway: none and files: none");
        assertThat(request().gateway(URI.create("http://g"), "secret-key").apis(List.of("a")).build().toString())
                .doesNotContain("secret-key").contains("apiKey=***");
        assertThat(ClientGenerator.javaPackage("com.example", "order-history")).isEqualTo("com.example.orderhistory");
        assertThat(ClientGenerator.javaPackage("com.example", "new")).isEqualTo("com.example.api_new");
    }

    /**
     * A stand-in for the lookup API's spec and subscriptions endpoints (with ETags and 304): key-1 subscribes to
     * everything, key-2 to nothing. Every request's path (and {@code If-None-Match}) goes to {@link #requests}.
     */
    private void startGateway(Map<String, String> documents) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/_turnpike/lookup/v1/apis/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String id = parts[parts.length - 2];
            String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            requests.add(exchange.getRequestURI().getPath() + (ifNoneMatch == null ? "" : " " + ifNoneMatch));
            int status;
            String body;
            if (!"key-1".equals(key) && !"key-2".equals(key)) {
                status = 401;
                body = "{\"title\": \"invalid API key\"}";
            } else if (!documents.containsKey(id)) {
                status = 404;
                body = "{\"title\": \"No API " + id + "\"}";
            } else if ("key-2".equals(key)) {
                status = 403;
                body = "{\"title\": \"not subscribed\"}";
            } else {
                String etag = etag(documents.get(id));
                exchange.getResponseHeaders().add("ETag", etag);
                status = etag.equals(ifNoneMatch) ? 304 : 200;
                body = status == 304 ? "" : documents.get(id);
            }
            send(exchange, status, body);
        });
        gateway.createContext("/_turnpike/lookup/v1/subscriptions", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            StringBuilder body = new StringBuilder("{\"consumer\":\"c\",\"subscriptions\":[");
            documents.keySet().stream().sorted().forEach(id -> body.append(body.charAt(body.length() - 1) == '['
                    ? "" : ",").append("{\"id\":\"").append(id).append("\",\"lifecycle\":\"ACTIVE\",\"basePath\":\"/")
                    .append(id).append("\",\"spec\":{\"etag\":\"").append(etag(documents.get(id)).replace("\"", "\\\""))
                    .append("\"},\"direct\":false}"));
            send(exchange, 200, body.append("]}").toString());
        });
        gateway.start();
    }

    private static String etag(String document) {
        return "\"" + Integer.toHexString(document.hashCode()) + "\"";
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, status == 304 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private URI gatewayUri() {
        return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
    }
}
