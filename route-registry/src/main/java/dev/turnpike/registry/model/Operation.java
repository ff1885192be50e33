package dev.turnpike.registry.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation of an API's OpenAPI document, as the catalog understands it: the route it becomes and what it
 * declares about parameters and responses.
 *
 * @param method      upper-case HTTP method
 * @param path        the document's path template, relative to the API's base path
 * @param operationId the document's {@code operationId}, if any
 * @param summary     the document's summary, may be empty
 * @param deprecated  whether the document marks it deprecated
 * @param parameters  path-level and operation-level parameters (an operation's own override the path's)
 * @param responses   declared responses in document order
 */
public record Operation(
        String method,
        String path,
        Optional<String> operationId,
        String summary,
        boolean deprecated,
        List<Parameter> parameters,
        List<Response> responses) {

    public Operation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(summary, "summary");
        parameters = List.copyOf(parameters);
        responses = List.copyOf(responses);
    }

    /** The route the gateway matches for this operation. */
    public Route route() {
        return new Route(method, path);
    }

    /**
     * A declared parameter.
     *
     * @param name     its name
     * @param in       {@code path}, {@code query}, {@code header} or {@code cookie}
     * @param required whether it must be given
     * @param type     the schema's type ({@code string}, {@code integer}, ...), empty if not declared
     */
    public record Parameter(String name, String in, boolean required, String type) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A declared response.
     *
     * @param status      a status code, a range such as {@code 5XX}, or {@code default}
     * @param description its description, may be empty
     */
    public record Response(String status, String description) {
        public Response {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(description, "description");
        }
    }
}
