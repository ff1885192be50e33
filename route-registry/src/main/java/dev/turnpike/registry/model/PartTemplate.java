package dev.turnpike.registry.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A text with {@code {reference}} placeholders, as a composite part's request path, query values and header values
 * are written: {@code /sellers/{product.sellerId}}. A reference is one of
 *
 * <ul>
 *   <li>{@code {name}}: the incoming request's path parameter {@code name} (of the composite's path template);</li>
 *   <li>{@code {query.name}}: the incoming request's query parameter {@code name} (empty when absent);</li>
 *   <li>{@code {header.Name}}: the incoming request's header {@code Name} (empty when absent);</li>
 *   <li>{@code {part.field.field}}: a field of another part's JSON result, by a dotted path (a number picks an
 *       array item); the part waits for that one.</li>
 * </ul>
 *
 * <p>Immutable; parsed once, when the composite is made.
 *
 * @param text   the text as written
 * @param pieces literal text and references, in order
 */
public record PartTemplate(String text, List<Piece> pieces) {
    /** Where a reference's value comes from. */
    public enum Source {
        /** A path parameter of the composite's public path. */
        PATH,
        /** A query parameter of the incoming request. */
        QUERY,
        /** A header of the incoming request. */
        HEADER,
        /** A field of another part's JSON result. */
        PART
    }

    /** Literal text or a reference. */
    public sealed interface Piece permits Literal, Reference {
    }

    /** Text copied as is. */
    public record Literal(String text) implements Piece {
        public Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A value from the incoming request or another part.
     *
     * @param source where the value comes from
     * @param name   the path parameter, query parameter, header or part name
     * @param fields for {@link Source#PART}: the dotted path into the part's JSON result (at least one field);
     *               else empty
     */
    public record Reference(Source source, String name, List<String> fields) implements Piece {
        public Reference {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(name, "name");
            fields = List.copyOf(fields);
        }

        /** The reference as written between the braces. */
        public String text() {
            String prefix = switch (source) {
                case PATH -> "";
                case QUERY -> "query.";
                case HEADER -> "header.";
                case PART -> "";
            };
            return prefix + name + (fields.isEmpty() ? "" : "." + String.join(".", fields));
        }
    }

    public PartTemplate {
        Objects.requireNonNull(text, "text");
        pieces = List.copyOf(pieces);
    }

    /**
     * Parses {@code text}; a dotted reference whose first name is neither {@code query} nor {@code header} names a
     * part (whether it exists is the composite's check).
     *
     * @param field names the field in the error message
     * @throws IllegalArgumentException for an unclosed or empty brace, or a reference with an empty name
     */
    public static PartTemplate parse(String field, String text) {
        Objects.requireNonNull(text, field);
        List<Piece> pieces = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            int close = text.indexOf('}', at);
            if (close >= 0 && (open < 0 || close < open)) {
                throw invalid(field, text, "a '}' only after a '{'");
            }
            if (open < 0) {
                pieces.add(new Literal(text.substring(at)));
                break;
            }
            if (open > at) {
                pieces.add(new Literal(text.substring(at, open)));
            }
            if (close < 0) {
                throw invalid(field, text, "each '{' closed by a '}'");
            }
            pieces.add(reference(field, text, text.substring(open + 1, close)));
            at = close + 1;
        }
        return new PartTemplate(text, pieces);
    }

    /** The references, in order. */
    public List<Reference> references() {
        return pieces.stream().filter(p -> p instanceof Reference).map(p -> (Reference) p).toList();
    }

    private static Reference reference(String field, String text, String inside) {
        String[] names = inside.split("\\.", -1);
        for (String name : names) {
            if (name.isEmpty() || name.contains("{")) {
                throw invalid(field, text, "references such as {id}, {query.name}, {header.Name} or {part.field}");
            }
        }
        if (names.length == 1) {
            return new Reference(Source.PATH, names[0], List.of());
        }
        List<String> rest = List.of(names).subList(1, names.length);
        return switch (names[0]) {
            case "query" -> new Reference(Source.QUERY, String.join(".", rest), List.of());
            case "header" -> new Reference(Source.HEADER, String.join(".", rest), List.of());
            default -> new Reference(Source.PART, names[0], rest);
        };
    }

    private static IllegalArgumentException invalid(String field, String text, String expected) {
        return new IllegalArgumentException(field + ": \"" + text + "\" (expected: " + expected + ")");
    }
}
