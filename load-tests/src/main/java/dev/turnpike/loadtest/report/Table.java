package dev.turnpike.loadtest.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One result table: a title, column headers, rows, and notes printed under it. Renders as a GitHub Markdown table
 * with columns padded to equal width, readable both in a terminal and in docs/BENCHMARKS.md.
 */
public final class Table {
    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A table with these column headers. */
    public Table(String title, List<String> headers) {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("headers: [] (expected: at least one column)");
        }
        this.title = title;
        this.headers = List.copyOf(headers);
    }

    /** Adds a row; it must have one cell per column. */
    public Table row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("cells: " + cells.size() + " (expected: " + headers.size() + ", one per column)");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** Adds a note line printed under the table. */
    public Table note(String note) {
        notes.add(note);
        return this;
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** The rows so far. */
    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** Markdown: {@code #### title}, the padded table, then each note as a line of its own. */
    public String toMarkdown() {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = Math.max(3, cell(headers.get(c)).length());
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], cell(r.get(c)).length());
            }
        }
        StringBuilder sb = new StringBuilder("#### ").append(title).append("\n\n");
        line(sb, headers, width);
        sb.append('|');
        for (int w : width) {
            sb.append(' ').append("-".repeat(w)).append(" |");
        }
        sb.append('\n');
        rows.forEach(r -> line(sb, r, width));
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append(n).append("  \n"));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int c = 0; c < width.length; c++) {
            String v = cell(cells.get(c));
            sb.append(' ').append(v).append(" ".repeat(width[c] - v.length())).append(" |");
        }
        sb.append('\n');
    }

    /** Pipes would split a cell; newlines would end the table. */
    private static String cell(String v) {
        return v.replace("|", "\\|").replace("\n", " ");
    }
}
