package dev.turnpike.registry.model;

import dev.turnpike.registry.spec.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * An API's OpenAPI document (JSON or YAML text, kept as given: OpenAPI 3.0, 3.1 or Swagger 2.0) and the operations
 * read from it.
 *
 * <p>Create one with {@link #parse(String, long)}, which reads the document with swagger-parser v3 (a Swagger 2.0
 * document through its v2 converter). Its operations become the API's routes (method and path template, relative to
 * the API's base path; the document's {@code servers} are ignored). What the parser said about a document it could
 * still read is kept as {@link #warnings()}.
 *
 * @param document   the text as given (for Swagger 2.0, the original, not the converted document)
 * @param operations the operations, at least one, each method and path once
 * @param warnings   the parser's messages about a document it could read, such as
 *                   {@code attribute paths.'/x'(post).request is unexpected}; may be empty
 */
public record ApiSpec(String document, List<Operation> operations, List<String> warnings) {
    /** The default largest document accepted from users: 16 MiB of UTF-8 (setting {@code limits.maxSpecSize}). */
    public static final long DEFAULT_MAX_SIZE = 16L * 1024 * 1024;
    /** No size limit: for documents accepted before (the store's, a node's snapshot file). */
    public static final long UNLIMITED = Long.MAX_VALUE;

    public ApiSpec {
        Objects.requireNonNull(document, "document");
        operations = List.copyOf(operations);
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("spec: no operations (expected: at least one path with an operation)");
        }
        warnings = List.copyOf(warnings);
    }

    /** A spec without warnings. */
    public ApiSpec(String document, List<Operation> operations) {
        this(document, operations, List.of());
    }

    /** {@link #parse(String, long)} with the {@link #DEFAULT_MAX_SIZE default size limit}. */
    public static ApiSpec parse(String document) {
        return parse(document, DEFAULT_MAX_SIZE);
    }

    /**
     * Parses and validates {@code document}.
     *
     * @param maxSize the largest document accepted, in UTF-8 bytes ({@link #UNLIMITED} for none)
     * @throws InvalidSpecException with every problem found: larger than {@code maxSize}, not OpenAPI 3.x or Swagger
     *                              2.0, no operations, paths that are not valid route templates (with their line),
     *                              unresolvable parameter and response {@code $ref}s
     */
    public static ApiSpec parse(String document, long maxSize) {
        Objects.requireNonNull(document, "document");
        long size = utf8Size(document, maxSize);
        if (size > maxSize) {
            throw new InvalidSpecException(List.of("document: " + size + " bytes (expected: at most " + maxSize
                    + " bytes, setting limits.maxSpecSize)"));
        }
        OpenApiDocuments.Read read = OpenApiDocuments.read(document);
        return new ApiSpec(document, read.operations(), read.warnings());
    }

    /** The UTF-8 size of {@code text}; counted only when its length alone cannot decide against {@code max}. */
    private static long utf8Size(String text, long max) {
        if (max == UNLIMITED || text.length() * 3L <= max) {
            return text.length();
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The routes of the operations, in document order. */
    public List<Route> routes() {
        return operations.stream().map(Operation::route).toList();
    }
}
