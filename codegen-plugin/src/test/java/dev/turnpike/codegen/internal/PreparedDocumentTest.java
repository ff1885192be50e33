package dev.turnpike.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.codegen.CodegenException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pass over documents before swagger-codegen: each repair on the smallest document that needs it. */
class PreparedDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode prepared(String file) throws Exception {
        String text = Files.readString(Path.of("src/test/resources/documents", file));
        return JSON.readTree(PreparedDocument.of("t", text).json());
    }

    @Test
    void readsOpenApi31TypesAs30() throws Exception {
        JsonNode doc = prepared("openapi31-types.yaml");
        JsonNode thing = doc.at("/components/schemas/Thing/properties");

        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
        assertThat(doc.has("webhooks")).isFalse();
        assertThat(doc.at("/info").has("summary")).isFalse();
        assertThat(thing.at("/name/type").asText()).isEqualTo("string");
        assertThat(thing.at("/name/nullable").asBoolean()).isTrue();
        assertThat(thing.at("/name/example").asText()).isEqualTo("a name");
        assertThat(thing.at("/count/type").asText()).isEqualTo("integer");
        assertThat(thing.at("/count/minimum").asInt()).isZero();
        assertThat(thing.at("/count/exclusiveMinimum").asBoolean()).isTrue();
        assertThat(thing.at("/kind/enum/0").asText()).isEqualTo("thing");
        assertThat(thing.at("/kind/type").asText()).isEqualTo("string");
        assertThat(thing.at("/level/enum").toString()).isEqualTo("[1,2]");
        assertThat(thing.at("/level").has("oneOf")).isFalse();
        assertThat(thing.at("/parent/$ref").asText()).isEqualTo("#/components/schemas/Thing");
    }

    @Test
    void repairsWhatStockSwaggerCodegenFailsOn() throws Exception {
        PreparedDocument prepared = PreparedDocument.of("t",
                Files.readString(Path.of("src/test/resources/documents/failure-modes.yaml")));
        JsonNode doc = JSON.readTree(prepared.json());
        JsonNode item = doc.at("/components/schemas/Item/properties");

        assertThat(item.has("")).isFalse();
        assertThat(item.at("/tag").has("default")).isFalse();
        assertThat(item.at("/part").has("$ref")).isFalse();
        assertThat(item.at("/part/properties/deep/type").asText()).isEqualTo("integer");
        assertThat(doc.at("/paths/~1items/post/requestBody/content").size()).isEqualTo(1);
        assertThat(doc.at("/paths/~1items/post/requestBody/content").has("application/json")).isTrue();
        assertThat(prepared.notes()).anySatisfy(n -> assertThat(n).startsWith(
                "inlined $ref #/components/schemas/Holder/allOf/1/properties/b/oneOf/1 at /components/schemas/Item"))
                .anySatisfy(n -> assertThat(n).contains("property named \"\""))
                .anySatisfy(n -> assertThat(n).contains("3 media types: generated for application/json only"));
    }

    @Test
    void convertsSwagger2() throws Exception {
        JsonNode doc = prepared("petstore-expanded-swagger2.yaml");

        assertThat(doc.get("openapi").asText()).startsWith("3.0");
        assertThat(doc.at("/components/schemas").size()).isPositive();
    }

    @Test
    void aSwagger2DocumentTheConverterFailsOnIsAnErrorNamingTheApi() {
        // As in SendGrid's oai.yaml: an enum value that is no date-time on a date-time property.
        CodegenException e = catchThrowableOfType(CodegenException.class, () -> PreparedDocument.of("t",
                "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  S:\n    type: object\n"
                        + "    properties:\n      send_at: {type: string, format: date-time, enum: [now]}\n"));

        assertThat(e.getMessage()).startsWith("API \"t\": swagger-parser's v2 converter failed on the Swagger 2.0"
                + " document: ").contains("now");
    }

    @Test
    void aReferenceThatResolvesToNothingIsAnErrorNamingItAndWhereItIs() {
        CodegenException e = catchThrowableOfType(CodegenException.class, () -> prepared("dangling-ref.yaml"));

        assertThat(e.getMessage()).isEqualTo("API \"t\": the document cannot be generated from: $ref"
                + " #/components/schemas/Missing at /paths/~1a/get/responses/200/content/application~1json/schema"
                + " does not resolve (expected: a part of this document)");
        assertThat(catchThrowableOfType(CodegenException.class, () -> PreparedDocument.of("t",
                "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {responses: {'200': {$ref: "
                        + "'other.yaml#/r'}}}}}\n")).getMessage()).contains("$ref other.yaml#/r", "external");
        assertThat(catchThrowableOfType(CodegenException.class, () -> PreparedDocument.of("t", "just: text"))
                .getMessage()).contains("not an OpenAPI 3.x or Swagger 2.0 document");
    }
}
