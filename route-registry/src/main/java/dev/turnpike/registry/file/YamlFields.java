package dev.turnpike.registry.file;

import dev.turnpike.registry.file.YamlNode.Kind;
import dev.turnpike.registry.file.YamlNode.ScalarType;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The fields of one YAML mapping at a known path, read one by one. Every problem becomes a violation with the
 * field's path and line; the getters then return {@code null} so the caller can go on and find the next problem.
 */
final class YamlFields {
    private final YamlNode node;
    private final String path;
    private final String source;
    private final ViolationCollector violations;

    private YamlFields(YamlNode node, String path, String source, ViolationCollector violations) {
        this.node = node;
        this.path = path;
        this.source = source;
        this.violations = violations;
    }

    /**
     * The fields of {@code node} if it is a mapping whose keys are all in {@code allowed}; unknown keys are reported
     * (and skipped). Returns {@code null} if {@code node} is not a mapping.
     */
    static YamlFields of(YamlNode node, String path, String source, ViolationCollector violations,
                         List<String> allowed) {
        if (node.kind() != Kind.MAPPING) {
            violations.add(source, path, node.line(), node.describe() + " (expected: a mapping with fields "
                    + String.join(", ", allowed) + ")");
            return null;
        }
        for (String key : node.fields().keySet()) {
            if (!allowed.contains(key)) {
                violations.add(source, join(path, key), node.keyLines().get(key),
                        "unknown field (expected one of: " + String.join(", ", allowed) + ")");
            }
        }
        return new YamlFields(node, path, source, violations);
    }

    static String join(String path, String field) {
        return path.equals("(root)") ? field : path + "." + field;
    }

    String source() {
        return source;
    }

    /** Where this mapping or one of its fields is, as {@code source:line path}, for "also at" messages. */
    String place(String field) {
        return source + ":" + line(field) + " " + path(field);
    }

    String path() {
        return path;
    }

    String path(String field) {
        return join(path, field);
    }

    /** The line of {@code field}'s value, or of this mapping if the field is absent. */
    int line(String field) {
        YamlNode value = node.fields().get(field);
        return value == null ? node.line() : value.line();
    }

    boolean has(String field) {
        return node.fields().containsKey(field);
    }

    /** Reports a problem with {@code field} (or with this mapping if {@code field} is {@code null}). */
    void report(String field, String message) {
        violations.add(source, field == null ? path : path(field), field == null ? node.line() : line(field),
                message);
    }

    /**
     * Reports a model constructor's {@code IllegalArgumentException}: its message starts with the field name
     * ({@code "weight: -1 (expected: 0..1000000)"}), which is moved into the path when it is one of these fields.
     */
    void report(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(": ");
        if (colon > 0 && has(message.substring(0, colon))) {
            report(message.substring(0, colon), message.substring(colon + 2));
        } else {
            report(null, message);
        }
    }

    /** Runs a model check such as {@code Slug.require("id", v)} and reports its failure; returns whether it passed. */
    boolean check(Runnable check) {
        try {
            check.run();
            return true;
        } catch (IllegalArgumentException e) {
            report(e);
            return false;
        }
    }

    /** A scalar read as text (so {@code version: 1.0} is {@code "1.0"}); absent gives {@code fallback}. */
    String text(String field, String fallback) {
        YamlNode value = node.fields().get(field);
        if (value == null) {
            return fallback;
        }
        if (value.kind() != Kind.SCALAR || value.isNull()) {
            report(field, value.describe() + " (expected: a string; leave the field out for the default)");
            return null;
        }
        return value.text();
    }

    /** A scalar read as text; absent is reported as missing. */
    String requiredText(String field, String expected) {
        if (!has(field)) {
            report(null, "missing field " + field + " (expected: " + expected + ")");
            return null;
        }
        return text(field, null);
    }

    /** An integer within int range; absent gives {@code fallback}. */
    Integer integer(String field, Integer fallback) {
        YamlNode value = node.fields().get(field);
        if (value == null) {
            return fallback;
        }
        if (value.kind() == Kind.SCALAR && value.type() == ScalarType.INTEGER) {
            try {
                return Integer.valueOf(value.text());
            } catch (NumberFormatException e) {
                // falls through: too large for an int
            }
        }
        report(field, value.describe() + " (expected: a whole number)");
        return null;
    }

    /** An integer that must be present. */
    Integer requiredInteger(String field) {
        if (!has(field)) {
            report(null, "missing field " + field + " (expected: a whole number)");
            return null;
        }
        return integer(field, null);
    }

    /** {@code true} or {@code false}; absent gives {@code fallback}. */
    Boolean bool(String field, boolean fallback) {
        YamlNode value = node.fields().get(field);
        if (value == null) {
            return fallback;
        }
        if (value.kind() == Kind.SCALAR && value.type() == ScalarType.BOOLEAN) {
            return Boolean.valueOf(value.text());
        }
        report(field, value.describe() + " (expected: true or false)");
        return null;
    }

    /** A duration in {@link DurationText} form; absent gives {@code fallback}. */
    Duration duration(String field, Duration fallback) {
        return parsed(field, fallback, DurationText::parse);
    }

    /** A scalar converted by {@code parse}, whose {@code IllegalArgumentException} message is reported. */
    <T> T parsed(String field, T fallback, Function<String, T> parse) {
        String text = text(field, null);
        if (text == null) {
            return has(field) ? null : fallback;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            report(field, e.getMessage());
            return null;
        }
    }

    /** The items of a list field; absent gives {@code null} (and a violation if {@code required}). */
    List<YamlNode> list(String field, boolean required) {
        YamlNode value = node.fields().get(field);
        if (value == null) {
            if (required) {
                report(null, "missing field " + field + " (expected: a list)");
            }
            return null;
        }
        if (value.kind() != Kind.SEQUENCE) {
            report(field, value.describe() + " (expected: a list)");
            return null;
        }
        return value.items();
    }
}
