package dev.turnpike.registry.file;

import java.util.List;
import java.util.Map;

/**
 * One node of a YAML document together with the line it starts on, which Jackson's tree model does not keep.
 *
 * @param kind     mapping, sequence or scalar
 * @param line     1-based line of the node, 0 if unknown
 * @param text     a scalar's text ({@code null} for a YAML null), else {@code null}
 * @param type     a scalar's type as the parser saw it
 * @param fields   a mapping's entries in document order, else empty
 * @param keyLines a mapping's key lines, else empty
 * @param items    a sequence's items, else empty
 */
record YamlNode(
        Kind kind, int line, String text, ScalarType type,
        Map<String, YamlNode> fields, Map<String, Integer> keyLines, List<YamlNode> items) {

    enum Kind { MAPPING, SEQUENCE, SCALAR }

    enum ScalarType { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    static YamlNode scalar(int line, String text, ScalarType type) {
        return new YamlNode(Kind.SCALAR, line, text, type, Map.of(), Map.of(), List.of());
    }

    boolean isNull() {
        return kind == Kind.SCALAR && type == ScalarType.NULL;
    }

    /** How the node is described in "expected" messages: its text for scalars, else its kind. */
    String describe() {
        return switch (kind) {
            case MAPPING -> "a mapping";
            case SEQUENCE -> "a list";
            case SCALAR -> type == ScalarType.STRING ? "\"" + text + "\"" : text;
        };
    }
}
