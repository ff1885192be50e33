package dev.turnpike.registry.spec;

import dev.turnpike.registry.model.InvalidSpecException;
import dev.turnpike.registry.model.Operation;
import dev.turnpike.registry.model.Route;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the operations of an OpenAPI 3.0 or 3.1 document with swagger-parser v3, and of a Swagger 2.0 document with
 * its v2 converter.
 *
 * <p>References are <b>not</b> resolved by the parser: a catalog document must be self-contained, and resolving
 * would make the control plane fetch URLs and files named by whoever uploaded the document. Local references to
 * {@code #/components/parameters/...} and {@code #/components/responses/...} are followed here; any other
 * {@code $ref} on a parameter or response is reported.
 *
 * <p>Stateless and thread-safe. Parsing is CPU work (milliseconds per document): do it off the event loop.
 */
public final class OpenApiDocuments {
    private static final String PARAMETERS = "#/components/parameters/";
    private static final String RESPONSES = "#/components/responses/";
    private static final Pattern SWAGGER_2 = Pattern.compile("[\"']?swagger[\"']?\\s*:\\s*[\"']2\\.0");

    private OpenApiDocuments() {
    }

    /**
     * What was read from a document.
     *
     * @param operations its operations, in document order
     * @param warnings   the parser's messages about a document it could still read (prefixed {@code swagger 2.0:}
     *                   for a converted one's)
     */
    public record Read(List<Operation> operations, List<String> warnings) {
        public Read {
            operations = List.copyOf(operations);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The operations of {@code document} (OpenAPI 3.0, 3.1, or Swagger 2.0 through swagger-parser's v2 converter),
     * in document order (paths, then methods in the order GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE), and
     * the parser's messages as warnings. The parser's messages are errors only when it could not read a document.
     *
     * @throws InvalidSpecException with every problem found
     */
    public static Read read(String document) {
        Objects.requireNonNull(document, "document");
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        String prefix = "";
        if ((result == null || result.getOpenAPI() == null || result.getOpenAPI().getOpenapi() == null)
                && declaresSwagger2(document)) {
            result = new SwaggerConverter().readContents(document, null, options);
            prefix = "swagger 2.0: ";
        }
        List<String> messages = new ArrayList<>();
        if (result != null && result.getMessages() != null) {
            result.getMessages().stream().filter(Objects::nonNull).forEach(m -> messages.add(m));
        }
        List<String> problems = new ArrayList<>();
        OpenAPI api = result == null ? null : result.getOpenAPI();
        if (api == null) {
            problems.add("not an OpenAPI 3.x or Swagger 2.0 document");
            problems.addAll(messages);
            throw new InvalidSpecException(problems);
        }
        if (prefix.isEmpty() && (api.getOpenapi() == null || !api.getOpenapi().startsWith("3."))) {
            problems.add("openapi: " + api.getOpenapi() + " (expected: 3.x, or swagger: \"2.0\")");
            problems.addAll(messages);
            throw new InvalidSpecException(problems);
        }
        List<Operation> operations = new ArrayList<>();
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> read(document, api.getComponents(), path, item, operations,
                    problems));
        }
        if (operations.isEmpty() && problems.isEmpty()) {
            problems.add("paths: no operations (expected: at least one path with an operation)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        String p = prefix;
        return new Read(operations, messages.stream().map(m -> p + m).toList());
    }

    /** Whether the text has a top-level {@code swagger: "2.0"} (YAML or JSON), looked for without parsing it. */
    private static boolean declaresSwagger2(String document) {
        return SWAGGER_2.matcher(document).find();
    }

    private static void read(String document, Components components, String path, PathItem item,
                             List<Operation> operations, List<String> problems) {
        if (item == null) {
            return;
        }
        String problem = Route.templateProblem(path);
        if (problem == null && path.contains("**")) {
            problem = "no ** (OpenAPI paths name each segment)";
        }
        if (problem != null) {
            problems.add("paths.'" + path + "'" + DocumentLines.of(document, path)
                    + ": not a route template (expected: " + problem + ")");
            return;
        }
        if (item.get$ref() != null) {
            problems.add("paths.'" + path + "'.$ref: " + item.get$ref() + " (expected: the path item itself)");
            return;
        }
        item.readOperationsMap().forEach((method, op) -> {
            String where = "paths.'" + path + "'(" + method.name().toLowerCase(java.util.Locale.ROOT) + ")";
            Map<String, Operation.Parameter> parameters = new LinkedHashMap<>();
            for (List<Parameter> list : java.util.Arrays.asList(item.getParameters(), op.getParameters())) {
                if (list == null) {
                    continue;
                }
                for (Parameter p : list) {
                    Operation.Parameter read = parameter(components, p, where, problems);
                    if (read != null) {
                        parameters.put(read.in() + " " + read.name(), read);
                    }
                }
            }
            List<Operation.Response> responses = new ArrayList<>();
            if (op.getResponses() != null) {
                op.getResponses().forEach((status, r) -> responses.add(response(components, status, r, where,
                        problems)));
            }
            operations.add(new Operation(method.name(), path, Optional.ofNullable(op.getOperationId()),
                    Objects.requireNonNullElse(op.getSummary(), ""), Boolean.TRUE.equals(op.getDeprecated()),
                    List.copyOf(parameters.values()), responses));
        });
    }

    private static Operation.Parameter parameter(Components components, Parameter p, String where,
                                                 List<String> problems) {
        Parameter resolved = p;
        if (p.get$ref() != null) {
            String name = localName(p.get$ref(), PARAMETERS);
            resolved = name == null || components == null || components.getParameters() == null
                    ? null : components.getParameters().get(name);
            if (resolved == null) {
                problems.add(where + ".parameters: $ref " + p.get$ref()
                        + " (expected: a parameter under #/components/parameters in this document)");
                return null;
            }
        }
        if (resolved.getName() == null || resolved.getIn() == null) {
            return null; // the parser has reported the missing attribute
        }
        String type = resolved.getSchema() == null || resolved.getSchema().getType() == null
                ? "" : resolved.getSchema().getType();
        return new Operation.Parameter(resolved.getName(), resolved.getIn(), Boolean.TRUE.equals(resolved.getRequired()),
                type);
    }

    private static Operation.Response response(Components components, String status, ApiResponse r, String where,
                                               List<String> problems) {
        ApiResponse resolved = r;
        if (r != null && r.get$ref() != null) {
            String name = localName(r.get$ref(), RESPONSES);
            resolved = name == null || components == null || components.getResponses() == null
                    ? null : components.getResponses().get(name);
            if (resolved == null) {
                problems.add(where + ".responses." + status + ": $ref " + r.get$ref()
                        + " (expected: a response under #/components/responses in this document)");
            }
        }
        String description = resolved == null || resolved.getDescription() == null ? "" : resolved.getDescription();
        return new Operation.Response(status, description);
    }

    private static String localName(String ref, String prefix) {
        return ref.startsWith(prefix) && ref.length() > prefix.length() ? ref.substring(prefix.length()) : null;
    }
}
