package dev.turnpike.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiSpecTest {
    static final String MINIMAL = """
            openapi: 3.0.3
            info: { title: t, version: "1" }
            paths:
              /ping:
                get:
                  responses:
                    "200": { description: pong }
            """;

    @Test
    void readsOperationsWithParametersAndResponsesFollowingLocalRefs() throws Exception {
        ApiSpec spec = ApiSpec.parse(Files.readString(Path.of("src/test/resources/catalog/specs/products.yaml")));

        assertThat(spec.routes()).containsExactly(new Route("GET", "/items"), new Route("POST", "/items"),
                new Route("GET", "/items/{id}"));
        assertThat(spec.operations().get(0)).isEqualTo(new Operation("GET", "/items", Optional.of("listItems"),
                "List items", false, List.of(new Operation.Parameter("limit", "query", false, "integer")),
                List.of(new Operation.Response("200", "the items"))));
        assertThat(spec.operations().get(1).responses()).containsExactly(new Operation.Response("201", "created"),
                new Operation.Response("default", "an error"));
        Operation get = spec.operations().get(2);
        assertThat(get.deprecated()).isTrue();
        assertThat(get.parameters()).containsExactly(new Operation.Parameter("id", "path", true, "string"));
    }

    @Test
    void readsJsonAndOpenApi31() {
        ApiSpec spec = ApiSpec.parse("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/a/{b}": {"delete": {"parameters": [{"name": "b", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "responses": {"204": {"description": "gone"}}}}}}
                """);

        assertThat(spec.routes()).containsExactly(new Route("DELETE", "/a/{b}"));
    }

    @Test
    void keepsTheParsersMessagesAboutAReadableDocumentAsWarnings() {
        ApiSpec spec = ApiSpec.parse("""
                openapi: 3.1.0
                info: { title: t }
                paths:
                  /a:
                    post:
                      operationId: a
                      request: { body: extra }
                """);

        assertThat(spec.routes()).containsExactly(new Route("POST", "/a"));
        assertThat(spec.warnings()).anySatisfy(p -> assertThat(p).contains("info.version"))
                .anySatisfy(p -> assertThat(p).contains("paths.'/a'(post).request is unexpected"));
    }

    @Test
    void readsSwagger2ThroughTheConverterKeepingTheOriginalText() {
        String swagger = """
                swagger: "2.0"
                info: { title: t, version: "1" }
                basePath: /v1
                paths:
                  /pets/{id}:
                    get:
                      operationId: getPet
                      parameters: [ { name: id, in: path, required: true, type: integer } ]
                      responses: { "200": { description: a pet } }
                """;

        ApiSpec spec = ApiSpec.parse(swagger);

        assertThat(spec.document()).isEqualTo(swagger);
        assertThat(spec.operations()).containsExactly(new Operation("GET", "/pets/{id}", Optional.of("getPet"), "",
                false, List.of(new Operation.Parameter("id", "path", true, "integer")),
                List.of(new Operation.Response("200", "a pet"))));
        assertThat(ApiSpec.parse("{\"info\": {\"title\": \"t\", \"version\": \"1\"}, \"swagger\": \"2.0\","
                + " \"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"description\": \"ok\"}}}}}}").routes())
                .containsExactly(new Route("GET", "/a"));
    }

    @Test
    void acceptsDocumentsUpToTheGivenSizeInUtf8Bytes() {
        String big = MINIMAL + "x-padding: \"" + "é".repeat(600_000) + "\"\n"; // 1.2 MB of UTF-8

        assertThat(ApiSpec.parse(big).routes()).containsExactly(new Route("GET", "/ping"));
        assertThat(catchThrowableOfType(InvalidSpecException.class, () -> ApiSpec.parse(big, 1_000_000)).problems())
                .containsExactly("document: " + big.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        + " bytes (expected: at most 1000000 bytes, setting limits.maxSpecSize)");
        assertThat(ApiSpec.DEFAULT_MAX_SIZE).isGreaterThanOrEqualTo(10L * 1024 * 1024);
    }

    @Test
    void rejectsPathsThatAreNotRouteTemplatesAndExternalRefs() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> ApiSpec.parse("""
                openapi: 3.0.3
                info: { title: t, version: "1" }
                paths:
                  /items/{id}.json:
                    get: { responses: { "200": { description: ok } } }
                  /ok:
                    get:
                      parameters: [ { $ref: "http://evil.example/p.yaml" } ]
                      responses: { "200": { description: ok } }
                """));

        assertThat(e.problems()).contains(
                "paths.'/items/{id}.json' (line 4): not a route template (expected: segments that are literal, {name} or a"
                        + " final **)",
                "paths.'/ok'(get).parameters: $ref http://evil.example/p.yaml (expected: a parameter under"
                        + " #/components/parameters in this document)");
    }

    @Test
    void apiRoutesComeFromItsSpecAndExplicitDifferentRoutesAreRejected() {
        ApiSpec spec = ApiSpec.parse(MINIMAL);
        Api api = Api.builder("a", "t", "/a").targets(List.of(new Target("p", 1))).spec(spec).build();

        assertThat(api.routes()).containsExactly(new Route("GET", "/ping"));
        assertThat(api.operations()).isEqualTo(spec.operations());
        assertThat(api.toBuilder().spec(null).build().operations()).containsExactly(new Operation("*", "/**",
                Optional.empty(), "", false, List.of(), List.of()));
        assertThat(api.toBuilder().build()).isEqualTo(api);
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> api.toBuilder().routes(List.of(new Route("GET", "/other"))).build()))
                .hasMessage("routes: 1 given with a spec (expected: none; an API with a spec gets its routes from"
                        + " the spec's paths)");
    }
}
