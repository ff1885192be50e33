package dev.turnpike.registry.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The shape of one catalog table, from which the statements both write paths share are made: {@link #insert()} for a
 * row with its key, {@code seq} and data columns (in that parameter order), {@link #update()} for the data columns of
 * the row of one key (data first, then the key), {@link #delete()} by key, {@link #nextSeq()} for appending.
 *
 * @param name    the table
 * @param key     the columns that identify an entity's rows (for child tables, the parent's id: the rows of one
 *                parent are told apart by {@code seq})
 * @param columns the data columns, after the key and {@code seq}
 */
record Table(String name, List<String> key, List<String> columns) {
    Table {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
    }

    /** {@code INSERT INTO name (key..., seq, columns...) VALUES (?, ...)}. */
    String insert() {
        List<String> all = new ArrayList<>(key);
        all.add("seq");
        all.addAll(columns);
        return "INSERT INTO " + name + " (" + String.join(", ", all) + ") VALUES ("
                + String.join(", ", Collections.nCopies(all.size(), "?")) + ")";
    }

    /** {@code UPDATE name SET column = ?, ... WHERE key = ? AND ...}: the seq, and so the position, stays. */
    String update() {
        return "UPDATE " + name + " SET " + String.join(" = ?, ", columns) + " = ? WHERE " + where();
    }

    /** {@code DELETE FROM name WHERE key = ? AND ...}. */
    String delete() {
        return "DELETE FROM " + name + " WHERE " + where();
    }

    /** The seq after every row's: where an appended entity goes. */
    String nextSeq() {
        return "SELECT COALESCE(MAX(seq) + 1, 0) FROM " + name;
    }

    private String where() {
        return String.join(" = ? AND ", key) + " = ?";
    }
}
