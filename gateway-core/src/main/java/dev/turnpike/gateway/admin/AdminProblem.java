package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.problem.Problem.FieldError;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.registry.model.CatalogRuleException;
import java.util.List;
import java.util.Map;

/**
 * An admin request that cannot be answered as asked: becomes one problem+json response. Thrown by admin handlers
 * before anything is changed. No stack trace: it is an answer, not a fault.
 */
final class AdminProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final transient List<FieldError> errors;
    private final transient Map<String, String> headers;

    AdminProblem(ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    AdminProblem(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    /** 400 with field errors. */
    static AdminProblem invalid(String detail, List<FieldError> errors) {
        return new AdminProblem(ProblemType.INVALID_REQUEST, detail, errors, Map.of());
    }

    /** 400 with one error at {@code pointer} of the body. */
    static AdminProblem invalidField(String pointer, String detail) {
        return invalid("The request body is invalid: " + pointer + ": " + detail, List.of(FieldError.at(pointer, detail)));
    }

    /** 400 with one error in query parameter {@code name}. */
    static AdminProblem invalidParameter(String name, String detail) {
        return invalid("Query parameter " + name + ": " + detail, List.of(FieldError.parameter(name, detail)));
    }

    /** 404 for the {@code kind} (team, api, ...) with this id. */
    static AdminProblem notFound(String kind, String id) {
        return new AdminProblem(ProblemType.NOT_FOUND, "No " + kind + " \"" + id + "\" in the catalog");
    }

    /**
     * 409 listing every rule the change breaks, each as an error whose pointer names the entity by id
     * ({@code /apis/orders2/basePath}).
     */
    static AdminProblem conflict(CatalogRuleException e) {
        List<FieldError> errors = e.violations().stream().map(v -> {
            int colon = v.indexOf(": ");
            return colon < 0 ? FieldError.at("", v)
                    : FieldError.at(CatalogResource.pointer(v.substring(0, colon)), v.substring(colon + 2));
        }).toList();
        String detail = errors.size() == 1 ? "The change conflicts with the catalog: " + e.getMessage()
                : "The change conflicts with the catalog in " + errors.size() + " places";
        return new AdminProblem(ProblemType.CONFLICT, detail, errors, Map.of());
    }

    static AdminProblem conflict(String detail) {
        return new AdminProblem(ProblemType.CONFLICT, detail);
    }

    ProblemType type() {
        return type;
    }

    List<FieldError> errors() {
        return errors;
    }

    /** Response headers that go with the problem ({@code Allow}, {@code WWW-Authenticate}). */
    Map<String, String> headers() {
        return headers;
    }
}
