package dev.turnpike.registry.spec;

/**
 * Where a path of an OpenAPI document is written in its text, for messages: the parser keeps no locations, and
 * reading the document a second time with locations would cost every document what only a bad one needs.
 */
final class DocumentLines {
    private DocumentLines() {
    }

    /**
     * {@code " (line N)"} for the first line of {@code document} that has {@code path} as a key (quoted or not,
     * followed by {@code :}), or {@code ""} if none does.
     */
    static String of(String document, String path) {
        int from = 0;
        while (true) {
            int at = document.indexOf(path, from);
            if (at < 0) {
                return "";
            }
            int end = at + path.length();
            while (end < document.length() && (document.charAt(end) == '"' || document.charAt(end) == '\''
                    || document.charAt(end) == ' ')) {
                end++;
            }
            if (end < document.length() && document.charAt(end) == ':') {
                return " (line " + line(document, at) + ")";
            }
            from = at + 1;
        }
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
