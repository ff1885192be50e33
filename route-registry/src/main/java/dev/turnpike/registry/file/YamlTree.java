package dev.turnpike.registry.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.turnpike.registry.file.YamlNode.Kind;
import dev.turnpike.registry.file.YamlNode.ScalarType;
import org.yaml.snakeyaml.LoaderOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into {@link YamlNode}s with line numbers, through Jackson's streaming YAML parser. Duplicate keys
 * are reported rather than silently letting the last one win.
 */
final class YamlTree {
    /** Largest catalog file accepted: SnakeYAML's 3 MB default is too small for thousands of APIs in one file. */
    static final int MAX_CODE_POINTS = 256 * 1024 * 1024;

    /** Strings as long as the text: an embedded OpenAPI document is one string (Jackson's default is 20 M chars). */
    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(MAX_CODE_POINTS).build();

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(CONSTRAINTS)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // `key:` with no value is null, as with new YAMLFactory()
            .build();

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    private static final JsonFactory JSON_FACTORY = JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();

    private final JsonParser parser;
    private final String source;
    private final ViolationCollector violations;

    private YamlTree(JsonParser parser, String source, ViolationCollector violations) {
        this.parser = parser;
        this.source = source;
        this.violations = violations;
    }

    /**
     * The first document of {@code text} (an empty mapping for an empty text), or {@code null} if the text is not
     * YAML, in which case the parser's message is in {@code violations}.
     */
    static YamlNode parse(String text, String source, ViolationCollector violations) {
        return parse(text, source, violations, FACTORY, "YAML");
    }

    /** The JSON value of {@code text} (strict JSON), or {@code null} if it is not JSON (reported). */
    static YamlNode parseJson(String text, String source, ViolationCollector violations) {
        return parse(text, source, violations, JSON_FACTORY, "JSON");
    }

    private static YamlNode parse(String text, String source, ViolationCollector violations, JsonFactory factory,
                                  String format) {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode(Kind.MAPPING, 1, null, null, Map.of(), Map.of(), List.of());
            }
            YamlNode root = new YamlTree(parser, source, violations).read("(root)");
            if (parser.nextToken() != null) {
                violations.add(source, "(root)", Math.max(0, parser.currentTokenLocation().getLineNr()),
                        "a second " + format + " document (expected: one document"
                                + (format.equals("YAML") ? " per file; use several files instead)" : ")"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            violations.add(source, "(root)", at == null ? 0 : Math.max(0, at.getLineNr()),
                    "not valid " + format + ": " + e.getOriginalMessage().strip());
            return null;
        } catch (IOException e) {
            // Reading from a String does no I/O; anything else is a parser failure worth reporting as such.
            violations.add(source, "(root)", 0, "not valid " + format + ": " + e);
            return null;
        }
    }

    private YamlNode read(String path) throws IOException {
        JsonToken token = parser.currentToken();
        int line = line();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode> fields = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line();
                    parser.nextToken();
                    YamlNode value = read(YamlFields.join(path, key));
                    if (fields.containsKey(key)) {
                        violations.add(source, YamlFields.join(path, key), keyLine,
                                "key given twice (expected: each key once; first on line " + keyLines.get(key) + ")");
                    } else {
                        fields.put(key, value);
                        keyLines.put(key, keyLine);
                    }
                }
                return new YamlNode(Kind.MAPPING, line, null, null,
                        Collections.unmodifiableMap(fields), Collections.unmodifiableMap(keyLines), List.of());
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(path + "[" + items.size() + "]"));
                }
                return new YamlNode(Kind.SEQUENCE, line, null, null, Map.of(), Map.of(), List.copyOf(items));
            }
            case VALUE_STRING -> {
                return YamlNode.scalar(line, parser.getText(), ScalarType.STRING);
            }
            case VALUE_NUMBER_INT -> {
                return YamlNode.scalar(line, parser.getText(), ScalarType.INTEGER);
            }
            case VALUE_NUMBER_FLOAT -> {
                return YamlNode.scalar(line, parser.getText(), ScalarType.DECIMAL);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return YamlNode.scalar(line, parser.getText(), ScalarType.BOOLEAN);
            }
            case VALUE_NULL -> {
                return YamlNode.scalar(line, "null", ScalarType.NULL);
            }
            default -> {
                // Embedded objects (binary !!binary) and the like have no place in a catalog.
                return YamlNode.scalar(line, parser.getText(), ScalarType.STRING);
            }
        }
    }

    private int line() {
        JsonLocation at = parser.currentTokenLocation();
        return at == null ? 0 : Math.max(0, at.getLineNr());
    }
}
