package dev.turnpike.codegen.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.turnpike.codegen.CodegenException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * An API's document made ready for swagger-codegen: Swagger 2.0 converted (swagger-parser's v2 converter), OpenAPI
 * 3.1 rewritten as 3.0 ({@link OpenApi31Types}), then repaired ({@link DocumentRepairs}).
 *
 * @param json  the document to generate from, as JSON
 * @param notes what was changed, for the build log
 */
public record PreparedDocument(String json, List<String> notes) {
    private static final int MAX_TEXT = 256 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_TEXT).build()).build());
    private static final ObjectMapper YAML = new ObjectMapper(yamlFactory());

    public PreparedDocument {
        notes = List.copyOf(notes);
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_TEXT);
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    /**
     * Prepares {@code document} (JSON or YAML text) of API {@code api}.
     *
     * @throws CodegenException naming the API and every problem (a reference that does not resolve, text that is no
     *                          OpenAPI 3.x or Swagger 2.0 document)
     */
    public static PreparedDocument of(String api, String document) {
        ObjectNode root = tree(api, document);
        List<String> notes = new ArrayList<>();
        if (root.path("swagger").asText("").startsWith("2.")) {
            root = converted(api, document);
            notes.add("converted from Swagger 2.0");
        } else if (!root.path("openapi").asText("").startsWith("3.")) {
            throw new CodegenException(api, "not an OpenAPI 3.x or Swagger 2.0 document (expected: openapi: 3.x or"
                    + " swagger: \"2.0\" at the top)");
        }
        if (OpenApi31Types.is31(root)) {
            OpenApi31Types.downgrade(root);
            notes.add("OpenAPI 3.1 types read as 3.0 (type arrays as nullable, const as a one-value enum)");
        }
        DocumentRepairs.Outcome repairs = DocumentRepairs.repair(root);
        if (!repairs.problems().isEmpty()) {
            throw new CodegenException(api, "the document cannot be generated from: "
                    + String.join("; ", repairs.problems()));
        }
        notes.addAll(repairs.notes());
        try {
            return new PreparedDocument(JSON.writeValueAsString(root), notes);
        } catch (JsonProcessingException e) {
            throw new CodegenException(api, "cannot write the prepared document: " + e.getMessage(), e);
        }
    }

    private static ObjectNode tree(String api, String document) {
        try {
            JsonNode node = (document.stripLeading().startsWith("{") ? JSON : YAML).readTree(document);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new CodegenException(api, "the document is neither JSON nor YAML: "
                    + e.getOriginalMessage(), e);
        }
        throw new CodegenException(api, "the document is not a JSON or YAML object (expected: an OpenAPI document)");
    }

    private static ObjectNode converted(String api, String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result;
        try {
            result = new SwaggerConverter().readContents(document, null, options);
        } catch (RuntimeException e) {
            throw new CodegenException(api, "swagger-parser's v2 converter failed on the Swagger 2.0 document: " + e,
                    e);
        }
        if (result == null || result.getOpenAPI() == null) {
            throw new CodegenException(api, "the Swagger 2.0 document cannot be converted: "
                    + (result == null ? "" : String.join("; ", result.getMessages())));
        }
        return Json.mapper().valueToTree(result.getOpenAPI());
    }
}
