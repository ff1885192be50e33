package dev.turnpike.codegen;

/**
 * Generation failed for one API, or before any: the message names the API and says what was expected, such as
 * {@code API "orders": $ref #/components/schemas/Missing at /paths/~1a/get does not resolve}.
 */
public final class CodegenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String api;

    /** A failure for {@code api} ({@code ""} when it concerns no single API). */
    public CodegenException(String api, String message) {
        super(prefix(api) + message);
        this.api = api;
    }

    /** A failure for {@code api} with its cause. */
    public CodegenException(String api, String message, Throwable cause) {
        super(prefix(api) + message, cause);
        this.api = api;
    }

    /** The API the failure concerns, {@code ""} when none. */
    public String api() {
        return api;
    }

    private static String prefix(String api) {
        return api.isEmpty() ? "" : "API \"" + api + "\": ";
    }
}
