package dev.turnpike.registry.model;

import java.util.List;

/** An OpenAPI document that cannot be used: every problem the parser and the catalog found, one per message. */
public final class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /** At least one problem. */
    public InvalidSpecException(List<String> problems) {
        super("spec: " + String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: [] (expected: at least one)");
        }
        this.problems = List.copyOf(problems);
    }

    /** Each problem, such as {@code attribute paths.'/items'(get).responses is missing}. */
    public List<String> problems() {
        return problems;
    }
}
