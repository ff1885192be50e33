package dev.turnpike.registry.model;

import java.util.List;

/**
 * A catalog breaks one or more of its cross-entity rules (unique ids, references, base paths, teams). Lists every
 * violation, each as {@code path: value (expected: ...)}; the message joins them with {@code "; "}, so a catalog
 * with one violation reads as that violation.
 */
public final class CatalogRuleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> violations;

    /** @param violations at least one, in catalog order */
    public CatalogRuleException(List<String> violations) {
        super(String.join("; ", violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("violations: [] (expected: at least one)");
        }
        this.violations = List.copyOf(violations);
    }

    /** Every violation, in catalog order. */
    public List<String> violations() {
        return violations;
    }
}
