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
    void reportsTheParsersMessages() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> ApiSpec.parse("""
                openapi: 3.0.3
                info: { title: t }
                paths:
                  /a:
                    get: { operationId: a }
                """));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("info.version"))
                .anySatisfy(p -> assertThat(p).contains("responses"));
    }

    @Test
    void rejectsSwagger2TextAndDocumentsWithoutOperations() {
        assertThat(catchThrowableOfType(InvalidSpecException.class,
                () -> ApiSpec.parse("swagger: \"2.0\"\ninfo: { title: t, version: \"1\" }\npaths: {}\n")).problems())
                .isNotEmpty();
        assertThat(catchThrowableOfType(InvalidSpecException.class, () -> ApiSpec.parse("just text")).problems())
                .isNotEmpty();
        assertThat(catchThrowableOfType(InvalidSpecException.class, () -> ApiSpec.parse(
                "openapi: 3.0.3\ninfo: { title: t, version: \"1\" }\npaths: {}\n")).problems())
                .containsExactly("paths: no operations (expected: at least one path with an operation)");
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
                "paths.'/items/{id}.json': not a route template (expected: segments that are literal, {name} or a"
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
