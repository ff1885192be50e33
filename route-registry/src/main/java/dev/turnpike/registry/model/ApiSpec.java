package dev.turnpike.registry.model;

import dev.turnpike.registry.spec.OpenApiDocuments;
import java.util.List;
import java.util.Objects;

/**
 * An API's OpenAPI 3.x document (JSON or YAML text, kept as given) and the operations read from it.
 *
 * <p>Create one with {@link #parse(String)}, which validates the document with swagger-parser v3. Its operations
 * become the API's routes (method and path template, relative to the API's base path; the document's
 * {@code servers} are ignored).
 *
 * @param document   the text, at most {@link #MAX_LENGTH} characters
 * @param operations the operations, at least one, each method and path once
 */
public record ApiSpec(String document, List<Operation> operations) {
    /** The longest document accepted: 1 MiB of characters (what both stores' columns hold). */
    public static final int MAX_LENGTH = 1 << 20;

    public ApiSpec {
        Objects.requireNonNull(document, "document");
        if (document.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("spec: " + document.length() + " characters (expected: at most "
                    + MAX_LENGTH + ")");
        }
        operations = List.copyOf(operations);
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("spec: no operations (expected: at least one path with an operation)");
        }
    }

    /**
     * Parses and validates {@code document}.
     *
     * @throws InvalidSpecException with every problem found: not OpenAPI 3.x, the parser's messages, paths that are
     *                              not valid route templates, external {@code $ref}s
     */
    public static ApiSpec parse(String document) {
        Objects.requireNonNull(document, "document");
        if (document.length() > MAX_LENGTH) {
            throw new InvalidSpecException(List.of(document.length() + " characters (expected: at most "
                    + MAX_LENGTH + ")"));
        }
        return new ApiSpec(document, OpenApiDocuments.operations(document));
    }

    /** The routes of the operations, in document order. */
    public List<Route> routes() {
        return operations.stream().map(Operation::route).toList();
    }
}
