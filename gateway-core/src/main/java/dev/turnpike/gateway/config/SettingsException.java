package dev.turnpike.gateway.config;

import java.util.List;

/** Node settings that cannot be used; the message lists every problem, one per line, with key, value and source. */
public final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, e.g. {@code limits.maxHeaders: "ten" from env TURNPIKE_LIMITS_MAX_HEADERS (expected: ...)}. */
    public List<String> problems() {
        return problems;
    }
}
